/**
 * The pure half of `npm run corpus` (scripts/corpus.mjs does the git, temp-dir and CLI work): reading label files
 * (corpus/README.md gives the format), matching the CLI's findings to labels, tallying per rule and per language,
 * and writing the summary and the Markdown report. Tested by tables in test/corpus/score.test.ts.
 */
import { maskText } from '../server/src/engine/mask';

export type Verdict = 'violation' | 'not-a-violation' | 'debatable';
export const VERDICTS: readonly Verdict[] = ['violation', 'not-a-violation', 'debatable'];
export const KINDS = ['app', 'boilerplate', 'tutorial', 'realworld', 'service'] as const;
export const LANGUAGES = ['js', 'ts', 'python', 'go', 'java', 'csharp', 'ruby', 'yaml', 'properties', 'json', 'xml', 'ini', 'toml'] as const;
/** The factors a label may name: I and XII have no rule. */
export const LABEL_FACTORS = ['II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI'] as const;
export const COLUMNS = ['path', 'line', 'factor', 'rule', 'verdict', 'reason'] as const;

export interface Label {
  /** The label file and its 1-based line, for messages. */
  file: string;
  row: number;
  path: string;
  line: number;
  factor: string;
  rule: string;
  verdict: Verdict;
  reason: string;
}

export interface LabelFile {
  file: string;
  repo: string;
  commit: string;
  kind: string;
  languages: string[];
  note?: string;
  labels: Label[];
}

export interface ParseResult {
  /** null when there is any error: a half-right file is not scored. */
  labels: LabelFile | null;
  /** `file:line: message`, one per problem, in file order. */
  errors: string[];
  /** Problems that do not stop scoring (a reason that looks like it holds a credential; it is masked in output). */
  warnings: string[];
}

export interface ParseOptions {
  /** Rule ids a label may name (docs/rules/*.md); unchecked when absent. */
  knownRules?: ReadonlySet<string>;
  /** The file name the repo header must agree with (`owner__name.tsv`); unchecked when absent. */
  expectFileName?: string;
}

const HEADER_KEYS = new Set(['repo', 'commit', 'kind', 'languages', 'note']);

/** Reads one label file. `file` is the name used in messages. */
export function parseLabels(text: string, file: string, options: ParseOptions = {}): ParseResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const header = new Map<string, { value: string; row: number }>();
  const labels: Label[] = [];
  let columnsRow = 0;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, index) => {
    const row = index + 1;
    const line = raw.replace(/\r$/, '');
    const at = (message: string) => errors.push(`${file}:${row}: ${message}`);
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const m = /^#\s*([A-Za-z-]+)\s*:\s*(.*?)\s*$/.exec(line);
      if (!m) return; // a free comment
      const key = m[1].toLowerCase();
      if (!HEADER_KEYS.has(key)) return at(`unknown header '# ${m[1]}:' (expected one of ${[...HEADER_KEYS].map((k) => `# ${k}:`).join(' ')})`);
      if (header.has(key)) return at(`'# ${key}:' given twice (first on line ${header.get(key)!.row})`);
      header.set(key, { value: m[2], row });
      return;
    }
    const cells = line.split('\t');
    if (columnsRow === 0) {
      if (cells.join('\t') !== COLUMNS.join('\t')) return at(`expected the column line '${COLUMNS.join('<TAB>')}' before the first label`);
      columnsRow = row;
      return;
    }
    if (cells.join('\t') === COLUMNS.join('\t')) return at(`the column line is repeated (first on line ${columnsRow})`);
    if (cells.length !== COLUMNS.length) {
      return at(`expected ${COLUMNS.length} tab-separated columns (${COLUMNS.join(', ')}), found ${cells.length}`);
    }
    const [path, lineText, factor, rule, verdict, reason] = cells.map((c) => c.trim());
    const before = errors.length;
    if (path === '') at('empty path');
    else if (path.startsWith('/') || path.includes('\\') || path.split('/').some((s) => s === '..' || s === '.' || s === '')) {
      at(`path '${path}' must be relative to the repository root, with forward slashes`);
    }
    if (!/^[1-9]\d*$/.test(lineText)) at(`line '${lineText}' is not a line number (1-based)`);
    if (!(LABEL_FACTORS as readonly string[]).includes(factor)) at(`factor '${factor}' is not one of ${LABEL_FACTORS.join(', ')}`);
    if (!/^[a-z][a-z0-9-]*$/.test(rule)) at(`rule '${rule}' is not a rule id`);
    else if (options.knownRules && !options.knownRules.has(rule)) at(`unknown rule '${rule}' (no docs/rules/${rule}.md)`);
    if (!(VERDICTS as readonly string[]).includes(verdict)) at(`verdict '${verdict}' is not one of ${VERDICTS.join(', ')}`);
    if (reason === '') at('empty reason');
    else if (maskText(reason) !== reason) warnings.push(`${file}:${row}: the reason looks like it holds a credential; it is masked in the output, but write it without the value`);
    if (errors.length === before) {
      labels.push({ file, row, path, line: Number(lineText), factor, rule, verdict: verdict as Verdict, reason });
    }
  });

  const headerAt = (key: string) => header.get(key)?.row ?? 1;
  const missing = ['repo', 'commit', 'kind', 'languages'].filter((k) => !header.has(k));
  for (const key of missing) errors.push(`${file}:1: missing header '# ${key}:'`);
  const repo = header.get('repo')?.value ?? '';
  const commit = header.get('commit')?.value ?? '';
  const kind = header.get('kind')?.value ?? '';
  const languages = (header.get('languages')?.value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (header.has('repo')) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9._-]+$/.test(repo)) errors.push(`${file}:${headerAt('repo')}: repo '${repo}' is not owner/name`);
    else if (options.expectFileName && options.expectFileName !== `${repo.replace('/', '__')}.tsv`) {
      errors.push(`${file}:${headerAt('repo')}: repo '${repo}' does not match the file name (expected ${repo.replace('/', '__')}.tsv)`);
    }
  }
  if (header.has('commit') && !/^[0-9a-f]{40}$/.test(commit)) errors.push(`${file}:${headerAt('commit')}: commit '${commit}' is not a 40-hex commit id`);
  if (header.has('kind') && !(KINDS as readonly string[]).includes(kind)) {
    errors.push(`${file}:${headerAt('kind')}: kind '${kind}' is not one of ${KINDS.join(', ')}`);
  }
  if (header.has('languages')) {
    const bad = languages.filter((l) => !(LANGUAGES as readonly string[]).includes(l));
    if (languages.length === 0) errors.push(`${file}:${headerAt('languages')}: no language listed`);
    else if (bad.length) errors.push(`${file}:${headerAt('languages')}: unknown language ${bad.map((b) => `'${b}'`).join(', ')} (expected ${LANGUAGES.join(', ')})`);
  }
  if (columnsRow === 0 && !errors.some((e) => e.includes('column line'))) errors.push(`${file}:${lines.length || 1}: no column line '${COLUMNS.join('<TAB>')}'`);

  errors.sort((a, b) => rowOf(a) - rowOf(b));
  const note = header.get('note')?.value;
  return {
    labels: errors.length ? null : { file, repo, commit, kind, languages, ...(note ? { note } : {}), labels },
    errors,
    warnings,
  };
}

function rowOf(message: string): number {
  return Number(/:(\d+): /.exec(message)?.[1] ?? 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Languages

const EXTENSIONS: Record<string, string> = {
  js: 'js', jsx: 'js', mjs: 'js', cjs: 'js',
  ts: 'ts', tsx: 'ts', mts: 'ts', cts: 'ts',
  py: 'python', pyi: 'python',
  go: 'go',
  java: 'java',
  cs: 'csharp',
  rb: 'ruby', rake: 'ruby', ru: 'ruby', gemspec: 'ruby',
  yml: 'yaml', yaml: 'yaml',
  properties: 'properties',
  json: 'json',
  // MSBuild project files are XML too.
  xml: 'xml', csproj: 'xml', fsproj: 'xml', vbproj: 'xml', props: 'xml', targets: 'xml', config: 'xml',
  ini: 'ini', cfg: 'ini',
  toml: 'toml',
};
/** Extension-less manifests count for their ecosystem's language; Procfile and .env files are their own formats. */
const FILE_NAMES: Record<string, string> = {
  gemfile: 'ruby', 'gemfile.lock': 'ruby', rakefile: 'ruby',
  'go.mod': 'go', 'go.sum': 'go',
  pipfile: 'python', 'pipfile.lock': 'python',
};

/** The language (or config format) a path is scored under, from its name; `other` for anything else. */
export function languageOfPath(path: string): string {
  const name = (path.split('/').pop() ?? path).toLowerCase();
  if (FILE_NAMES[name]) return FILE_NAMES[name];
  if (name === 'procfile' || name.startsWith('procfile.')) return 'procfile';
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'dotenv';
  if (/^requirements.*\.(txt|in)$/.test(name)) return 'python';
  const dot = name.lastIndexOf('.');
  return (dot > 0 && EXTENSIONS[name.slice(dot + 1)]) || 'other';
}

// ---------------------------------------------------------------------------------------------------------------
// Matching

/** The part of a CLI JSON finding (docs/cli.md) the score reads. */
export interface Finding {
  path: string;
  line: number;
  column?: number;
  ruleId: string;
  message: string;
}

export interface Match {
  finding: Finding;
  /** The label the finding landed on, or null (unlabelled). */
  label: Label | null;
}

export interface RepoMatch {
  repo: string;
  matches: Match[];
  /** Violation labels that no finding landed on. */
  misses: Label[];
  /** Labels of each verdict that some finding landed on (violation ones are the recall's numerator). */
  foundLabels: Label[];
}

/** How far (in lines) a finding may be from its label. */
export const LINE_TOLERANCE = 1;

/**
 * A finding matches a label with the same path and rule whose line is within ±1. Each finding lands on one label at
 * most, and one finding never counts for two labels: first every finding takes an unclaimed label on its own line,
 * then an unclaimed one a line away (the lower first); a finding left over (a second finding on a claimed label)
 * joins its nearest label within reach and is counted with its verdict, or else is unlabelled. So two findings on
 * one violation are two true findings but one row found, and two findings on a look-alike are two false ones.
 */
export function matchRepo(repo: string, labels: readonly Label[], findings: readonly Finding[]): RepoMatch {
  const key = (path: string, rule: string) => `${path}\u0000${rule}`;
  const byKey = new Map<string, Label[]>();
  for (const label of labels) {
    const list = byKey.get(key(label.path, label.rule)) ?? [];
    list.push(label);
    byKey.set(key(label.path, label.rule), list);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.line - b.line || a.row - b.row);
  const ordered = [...findings].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.ruleId.localeCompare(b.ruleId));
  const assigned = new Map<Finding, Label>();
  const claimed = new Set<Label>();
  for (let distance = 0; distance <= LINE_TOLERANCE; distance++) {
    for (const finding of ordered) {
      if (assigned.has(finding)) continue;
      const label = (byKey.get(key(finding.path, finding.ruleId)) ?? []).find((l) => !claimed.has(l) && Math.abs(l.line - finding.line) === distance);
      if (label) {
        assigned.set(finding, label);
        claimed.add(label);
      }
    }
  }
  for (const finding of ordered) {
    if (assigned.has(finding)) continue;
    let best: Label | undefined;
    for (const l of byKey.get(key(finding.path, finding.ruleId)) ?? []) {
      const d = Math.abs(l.line - finding.line);
      if (d <= LINE_TOLERANCE && (!best || d < Math.abs(best.line - finding.line))) best = l;
    }
    if (best) assigned.set(finding, best);
  }
  const found = new Set(assigned.values());
  return {
    repo,
    matches: ordered.map((finding) => ({ finding, label: assigned.get(finding) ?? null })),
    misses: labels.filter((l) => l.verdict === 'violation' && !found.has(l)),
    foundLabels: labels.filter((l) => found.has(l)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring

export interface Tally {
  /** `violation` labels (recall's denominator). */
  violations: number;
  /** `violation` labels some finding landed on (recall's numerator). */
  found: number;
  /** Findings on `violation` labels. */
  truePositives: number;
  /** Findings on `not-a-violation` labels. */
  falsePositives: number;
  /** `violation` labels no finding landed on. */
  misses: number;
  /** Findings on no label: listed, not scored. */
  unlabelled: number;
  /** Findings on `debatable` labels: not scored. */
  debatable: number;
}

export interface Item {
  repo: string;
  rule: string;
  path: string;
  line: number;
  language: string;
  /** The finding's message (already masked by the CLI) or the label's reason. */
  text: string;
}

export interface Score {
  overall: Tally;
  byRule: Map<string, Tally>;
  byLanguage: Map<string, Tally>;
  /** Findings on not-a-violation labels, with the label's reason. */
  falseHits: (Item & { message: string })[];
  /** Violation labels with no finding, with the label's reason. */
  misses: Item[];
  /** Findings on no label, with the finding's message. */
  unlabelled: Item[];
}

export function emptyTally(): Tally {
  return { violations: 0, found: 0, truePositives: 0, falsePositives: 0, misses: 0, unlabelled: 0, debatable: 0 };
}

/** Precision = findings on violation labels / findings on labelled rows; null when no finding landed on a label. */
export function precision(t: Tally): number | null {
  const labelled = t.truePositives + t.falsePositives;
  return labelled === 0 ? null : t.truePositives / labelled;
}

/** Recall = violation labels found / violation labels; null when there is no violation label. */
export function recall(t: Tally): number | null {
  return t.violations === 0 ? null : t.found / t.violations;
}

/** Tallies matched repositories. Only the labels of matched repositories count (a repo not audited is not a miss). */
export function score(repos: readonly { match: RepoMatch; labels: readonly Label[] }[]): Score {
  const overall = emptyTally();
  const byRule = new Map<string, Tally>();
  const byLanguage = new Map<string, Tally>();
  const bump = (rule: string, path: string, field: keyof Tally) => {
    const language = languageOfPath(path);
    for (const [map, k] of [[byRule, rule], [byLanguage, language]] as const) {
      if (!map.has(k)) map.set(k, emptyTally());
      map.get(k)![field]++;
    }
    overall[field]++;
  };
  const result: Score = { overall, byRule, byLanguage, falseHits: [], misses: [], unlabelled: [] };
  for (const { match, labels } of repos) {
    const found = new Set(match.foundLabels);
    for (const label of labels) {
      if (label.verdict !== 'violation') continue;
      bump(label.rule, label.path, 'violations');
      bump(label.rule, label.path, found.has(label) ? 'found' : 'misses');
    }
    for (const { finding, label } of match.matches) {
      const item = { repo: match.repo, rule: finding.ruleId, path: finding.path, line: finding.line, language: languageOfPath(finding.path) };
      if (label === null) {
        bump(finding.ruleId, finding.path, 'unlabelled');
        result.unlabelled.push({ ...item, text: finding.message });
      } else if (label.verdict === 'violation') {
        bump(finding.ruleId, finding.path, 'truePositives');
      } else if (label.verdict === 'not-a-violation') {
        bump(finding.ruleId, finding.path, 'falsePositives');
        result.falseHits.push({ ...item, text: label.reason, message: finding.message });
      } else {
        bump(finding.ruleId, finding.path, 'debatable');
      }
    }
    for (const label of match.misses) {
      result.misses.push({ repo: match.repo, rule: label.rule, path: label.path, line: label.line, language: languageOfPath(label.path), text: label.reason });
    }
  }
  const order = (a: Item, b: Item) => a.repo.localeCompare(b.repo) || a.path.localeCompare(b.path) || a.line - b.line || a.rule.localeCompare(b.rule);
  result.falseHits.sort(order);
  result.misses.sort(order);
  result.unlabelled.sort(order);
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Output

/** What happened to one label file: scored, or why not. */
export interface RepoStatus {
  repo: string;
  file: string;
  status: 'scored' | 'not-fetched' | 'bad-labels' | 'missing-commit' | 'audit-failed';
  /** One line: what to do, or what went wrong. */
  detail?: string;
  labels?: number;
  findings?: number;
  analyzedFiles?: number;
  /** Labelled paths that are not in the extracted tree, each with why. */
  missingPaths?: string[];
  /** Files of the commit whose blobs the mirror lacks (the fetch tool leaves the largest out); not audited. */
  absentBlobs?: number;
  /** Rule failures and syntax errors the CLI reported (counts). */
  ruleErrors?: number;
  syntaxErrors?: number;
}

export function formatRatio(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

function sortedEntries(map: Map<string, Tally>): [string, Tally][] {
  return [...map].sort(([a], [b]) => a.localeCompare(b));
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function safe(text: string): string {
  return maskText(text);
}

export function statusLine(s: RepoStatus): string {
  switch (s.status) {
    case 'scored': {
      const extra = [
        s.missingPaths?.length ? `${s.missingPaths.length} labelled path(s) not in the tree: ${s.missingPaths.join(', ')}` : '',
        s.absentBlobs ? `${s.absentBlobs} file(s) absent from the mirror, not audited` : '',
        s.ruleErrors ? `${s.ruleErrors} rule error(s)` : '',
        s.syntaxErrors ? `${s.syntaxErrors} file(s) with syntax errors` : '',
      ].filter(Boolean);
      return `scored: ${s.repo} — ${s.labels} labels, ${s.findings} findings, ${s.analyzedFiles} files${extra.length ? `; ${extra.join('; ')}` : ''}`;
    }
    case 'not-fetched':
      return `not fetched: ${s.repo} — run fetch`;
    default:
      return `${s.status}: ${s.repo} — ${s.detail ?? ''}`;
  }
}

function tallyRow(name: string, t: Tally): string[] {
  return [name, String(t.truePositives + t.falsePositives), String(t.truePositives), String(t.falsePositives), formatRatio(precision(t)), String(t.violations), String(t.found), formatRatio(recall(t)), String(t.unlabelled)];
}

const TALLY_HEADER = ['', 'labelled findings', 'on violations', 'on look-alikes', 'precision', 'violation labels', 'found', 'recall', 'unlabelled findings'];

function markdownTable(header: string[], rows: string[][]): string[] {
  return [`| ${header.map(cell).join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

function textTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

export interface ReportContext {
  /** YYYY-MM-DD */
  date: string;
  /** `git rev-parse HEAD` of the linter. */
  linterCommit: string;
  /** The linter's tree had uncommitted changes to tracked files when it was measured. */
  dirty?: boolean;
  statuses: readonly RepoStatus[];
}

/** The console summary: repositories, overall numbers, per rule and per language. */
export function renderSummary(s: Score, ctx: ReportContext): string {
  const scored = ctx.statuses.filter((r) => r.status === 'scored').length;
  const out = [`corpus: ${scored} of ${ctx.statuses.length} label files scored (linter ${ctx.linterCommit}${ctx.dirty ? ' with uncommitted changes' : ''}, ${ctx.date})`];
  for (const status of ctx.statuses) out.push(`  ${statusLine(status)}`);
  const header = ['rule', 'labelled', 'TP', 'FP', 'precision', 'violations', 'found', 'recall', 'unlabelled'];
  out.push('', ...textTable(header, [...sortedEntries(s.byRule).map(([k, t]) => tallyRow(k, t)), tallyRow('all rules', s.overall)]));
  out.push('', ...textTable(['language', ...header.slice(1)], [...sortedEntries(s.byLanguage).map(([k, t]) => tallyRow(k, t)), tallyRow('all', s.overall)]));
  out.push(
    '',
    `overall: precision ${formatRatio(precision(s.overall))}, recall ${formatRatio(recall(s.overall))}; ${s.falseHits.length} false hits, ${s.misses.length} misses, ${s.unlabelled.length} unlabelled findings, ${s.overall.debatable} findings on debatable labels`,
  );
  return `${out.join('\n')}\n`;
}

/** The Markdown report (`--out`). Label reasons pass through the engine's masking too, in case one holds a value. */
export function renderMarkdown(s: Score, ctx: ReportContext): string {
  const out: string[] = ['# Real-world corpus: precision and recall', ''];
  const commit = `\`${ctx.linterCommit}\`${ctx.dirty ? ' with uncommitted changes' : ''}`;
  out.push(`Measured ${ctx.date} on linter commit ${commit} by \`npm run corpus\` (corpus/README.md says how it scores).`, '');
  const scored = ctx.statuses.filter((r) => r.status === 'scored');
  out.push(`${scored.length} of ${ctx.statuses.length} labelled repositories scored.`, '');
  const notScored = ctx.statuses.filter((r) => r.status !== 'scored');
  if (notScored.length) out.push(...notScored.map((r) => `- ${safe(statusLine(r))}`), '');
  out.push('## Per rule', '');
  out.push(...markdownTable(['rule', ...TALLY_HEADER.slice(1)], [...sortedEntries(s.byRule).map(([k, t]) => tallyRow(k, t)), tallyRow('**all rules**', s.overall)]), '');
  out.push('## Per language', '');
  out.push(...markdownTable(['language', ...TALLY_HEADER.slice(1)], [...sortedEntries(s.byLanguage).map(([k, t]) => tallyRow(k, t)), tallyRow('**all**', s.overall)]), '');
  out.push(`Findings on debatable labels (not scored): ${s.overall.debatable}.`, '');
  out.push(`## False hits (${s.falseHits.length})`, '', 'Findings on `not-a-violation` labels: the finding, then why the label says it is not one.', '');
  for (const h of s.falseHits) out.push(`- \`${h.rule}\` ${h.repo} \`${h.path}:${h.line}\` — ${safe(h.message)} *Label:* ${safe(h.text)}`);
  if (s.falseHits.length === 0) out.push('None.');
  out.push('', `## Misses (${s.misses.length})`, '', '`violation` labels no finding landed on, with the label\'s reason.', '');
  for (const m of s.misses) out.push(`- \`${m.rule}\` ${m.repo} \`${m.path}:${m.line}\` — ${safe(m.text)}`);
  if (s.misses.length === 0) out.push('None.');
  out.push('', `## Unlabelled findings (${s.unlabelled.length})`, '', 'Findings on no label: to be labelled in the second pass.', '');
  for (const u of s.unlabelled) out.push(`- \`${u.rule}\` ${u.repo} \`${u.path}:${u.line}\` — ${safe(u.text)}`);
  if (s.unlabelled.length === 0) out.push('None.');
  return `${out.join('\n')}\n`;
}

/** The `--json` results: the same numbers, machine-readable. */
export function toJson(s: Score, ctx: ReportContext): unknown {
  const tally = (t: Tally) => ({ ...t, precision: precision(t), recall: recall(t) });
  const mask = <T extends Item>(i: T) => ({ ...i, text: safe(i.text), ...('message' in i ? { message: safe(String(i.message)) } : {}) });
  return {
    date: ctx.date,
    linterCommit: ctx.linterCommit,
    dirty: ctx.dirty ?? false,
    repos: ctx.statuses,
    overall: tally(s.overall),
    byRule: Object.fromEntries(sortedEntries(s.byRule).map(([k, t]) => [k, tally(t)])),
    byLanguage: Object.fromEntries(sortedEntries(s.byLanguage).map(([k, t]) => [k, tally(t)])),
    falseHits: s.falseHits.map(mask),
    misses: s.misses.map(mask),
    unlabelled: s.unlabelled.map(mask),
  };
}
