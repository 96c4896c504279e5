/**
 * The Markdown the "Show Report" and "Show Factor Documentation" commands open in the Markdown preview.
 * Pure functions of audit results; messages are already masked by the engine.
 */
import type { AuditRuleInfo, FolderAudit } from '../../../server/src/shared/protocol';
import { factorTitle, type FactorInfo } from '../../../server/src/shared/factors';
import { STATUS_LABEL, summarize, unassignedFindings, type FactorStatus, type LocatedFinding } from './model';

const STATUS_MARK: Record<FactorStatus, string> = {
  pass: '✅',
  warning: '⚠️',
  fail: '❌',
  notApplicable: '➖',
  manual: '📝',
  notChecked: '⏳',
};

/**
 * A check to make by hand. The Markdown preview shows `- [ ]` as literal brackets (VS Code's markdown-it has no
 * task-list plugin), so the list item starts with a ballot box instead.
 */
export const MANUAL_MARK = '☐';

/** Escapes text for a Markdown paragraph or table cell (no HTML, no emphasis, no pipes breaking a table). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/**
 * The href from the Markdown file `from` to the file `target` (URIs as VS Code writes them, e.g. `file:` or
 * `vscode-remote:`): a relative path, each segment percent-encoded. Undefined when no relative path exists: another
 * scheme or host, or another Windows drive. The Markdown preview resolves a relative href against the document's own URI and opens it; it
 * refuses `file:` hrefs (markdown-it's validateLink), so a relative path is the one form that reaches the file.
 */
export function relativeHref(from: string, target: string): string | undefined {
  const a = uriSegments(from);
  const b = uriSegments(target);
  if (!a || !b || a.scheme !== b.scheme || a.authority !== b.authority || b.segments.length === 0) return undefined;
  const dir = a.segments.slice(0, -1);
  const drive = (s: readonly string[]) => (s.length && /^[a-z]:$/i.test(s[0]) ? s[0].toLowerCase() : '');
  if (drive(dir) !== drive(b.segments)) return undefined;
  let common = 0;
  while (common < dir.length && common < b.segments.length - 1 && sameSegment(dir[common], b.segments[common], common === 0)) common++;
  const up = dir.slice(common).map(() => '..');
  return [...up, ...b.segments.slice(common).map(encodeURIComponent)].join('/');
}

function sameSegment(x: string, y: string, first: boolean): boolean {
  return first && /^[a-z]:$/i.test(x) ? x.toLowerCase() === y.toLowerCase() : x === y;
}

/** The scheme, authority and decoded path segments of a hierarchical URI (query and fragment dropped). */
function uriSegments(uri: string): { scheme: string; authority: string; segments: string[] } | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(\/[^?#]*)?/i.exec(uri);
  if (!match) return undefined;
  try {
    const segments = (match[3] ?? '/').split('/').filter((s) => s !== '' && s !== '.').map((s) => decodeURIComponent(s));
    if (segments.includes('..')) return undefined;
    return { scheme: match[1].toLowerCase(), authority: decodeURIComponent(match[2]).toLowerCase(), segments };
  } catch {
    return undefined; // a malformed escape
  }
}

/**
 * The finding's location: a link to its line and column (`#L<line>,<column>`, which the Markdown preview opens with
 * the cursor there) relative to the report file `from`, or plain text when no relative path reaches the file.
 */
export function locationLink(f: Pick<LocatedFinding, 'uri' | 'displayPath' | 'range'>, from?: string): string {
  const line = f.range.start.line + 1;
  const text = escapeMarkdown(`${f.displayPath}:${line}`);
  const href = from === undefined ? undefined : relativeHref(from, f.uri);
  return href === undefined ? text : `[${text}](<${href}#L${line},${f.range.start.character + 1}>)`;
}

function findingLine(f: LocatedFinding, from: string | undefined): string {
  return `- **${f.severity}** ${locationLink(f, from)} — ${escapeMarkdown(f.message)} ([${f.ruleId}](<${f.docsUrl}>))`;
}

function countText(counts: Record<'error' | 'warning' | 'info' | 'hint', number>): string {
  const parts = (['error', 'warning', 'info', 'hint'] as const).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}${counts[k] === 1 ? '' : 's'}`);
  return parts.length ? parts.join(', ') : '—';
}

export interface ReportOptions {
  /** Shown under the title, e.g. the time of the audit. */
  generatedAt?: string;
  /** The `file:` URI the report is written to: findings link to their files relative to it (plain text without it). */
  location?: string;
}

export function renderReport(audits: readonly FolderAudit[], options: ReportOptions = {}): string {
  const lines: string[] = ['# Twelve-Factor report', ''];
  if (audits.length === 0) {
    lines.push('No audit has run yet. Run **Twelve-Factor: Audit Workspace** to fill this report.', '');
    return lines.join('\n');
  }
  const folders = audits.map((a) => `${escapeMarkdown(a.name)} (${a.filesScanned} files)`).join(', ');
  lines.push(`Audited: ${folders}${options.generatedAt ? ` · ${escapeMarkdown(options.generatedAt)}` : ''}`, '');
  for (const audit of audits) {
    if (audit.error) lines.push(`> **${escapeMarkdown(audit.name)}** could not be audited: ${escapeMarkdown(audit.error)}`, '');
  }

  const summaries = summarize(audits);
  lines.push('| Factor | Status | Findings |', '| --- | --- | --- |');
  for (const s of summaries) {
    lines.push(`| [${escapeMarkdown(factorTitle(s.info))}](#${anchor(s.info)}) | ${STATUS_MARK[s.status]} ${STATUS_LABEL[s.status]} | ${countText(s.counts)} |`);
  }
  lines.push('');

  for (const s of summaries) {
    lines.push(`## ${factorTitle(s.info)}`, '', `${STATUS_MARK[s.status]} **${STATUS_LABEL[s.status]}** — ${escapeMarkdown(s.info.question)}`, '');
    if (s.findings.length) {
      for (const f of s.findings) lines.push(findingLine(f, options.location));
      lines.push('');
    } else if (s.status === 'manual') {
      lines.push('No automated rule covers this factor. Verify by hand:', '');
      for (const check of s.info.manualChecks) lines.push(`- ${MANUAL_MARK} ${escapeMarkdown(check)}`);
      lines.push('');
    } else {
      const active = s.rules.filter((r) => r.severity !== 'off');
      const ran = active.filter((r) => r.applied);
      lines.push(
        s.status === 'notApplicable'
          ? `No file in the workspace is checked by ${active.length ? active.map((r) => `\`${r.id}\``).join(', ') : 'an enabled rule'}.`
          : `No findings from ${ran.map((r) => `\`${r.id}\``).join(', ')}.`,
        '',
      );
    }
  }

  const other = unassignedFindings(audits);
  if (other.length) {
    lines.push('## Other findings', '');
    for (const f of other) lines.push(findingLine(f, options.location));
    lines.push('');
  }

  const skipped = audits.flatMap((a) => a.skipped.map((s) => ({ ...s, folder: a.name })));
  if (skipped.length) {
    lines.push('## Skipped files', '', '| File | Why |', '| --- | --- |');
    const multiRoot = audits.length > 1;
    for (const s of skipped) lines.push(`| ${escapeMarkdown(multiRoot ? `${s.folder}/${s.path}` : s.path)} | ${escapeMarkdown(s.detail || s.reason)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The heading anchor the Markdown preview generates for `## III. Config` (lower case, dashes, punctuation dropped). */
function anchor(info: FactorInfo): string {
  return factorTitle(info)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

/** The page "Show Factor Documentation" opens: what the factor asks, what to check, and our rules for it. */
export function renderFactorPage(info: FactorInfo, rules: readonly Pick<AuditRuleInfo, 'id' | 'factor' | 'description' | 'docsUrl' | 'project'>[]): string {
  const own = rules.filter((r) => r.factor === info.factor);
  const lines = [
    `# Factor ${info.factor}: ${info.name}`,
    '',
    escapeMarkdown(info.summary),
    '',
    `**Review question:** ${escapeMarkdown(info.question)}`,
    '',
    '## Rules for this factor',
    '',
  ];
  if (own.length) {
    for (const r of own) lines.push(`- [\`${r.id}\`](<${r.docsUrl}>)${r.project ? ' (project-level)' : ''} — ${escapeMarkdown(r.description)}`);
  } else {
    lines.push('No automated rule checks this factor; the checklist lists it as *check by hand*.');
  }
  lines.push('', '## What to verify by hand', '');
  for (const check of info.manualChecks) lines.push(`- ${MANUAL_MARK} ${escapeMarkdown(check)}`);
  lines.push('');
  return lines.join('\n');
}
