/**
 * The workspace audit over a list of files: analyses every supported file once with bounded concurrency, then runs
 * the project-level rules over the same file list, and gives each finding a stable fingerprint. Pure: the files
 * come from a `ProjectSource` (node/audit.ts walks and reads the disk for the CLI and the language server), so
 * nothing here touches the file system, a terminal or LSP.
 */
import { createHash } from 'crypto';
import { languageOf } from './languages';
import { maskText } from './mask';
import { runProjectRulesDetailed, type ProjectFinding } from './project';
import { analyzeFile, classifyText, DEFAULT_MAX_FILE_SIZE, type AnalyzeCache, type AnalyzeOptions, type FileResult, type SkipReason } from './runner';
import { LineIndex } from './text';
import type { Finding, ProjectFile } from './types';

export interface AuditOptions extends AnalyzeOptions {
  /** Files analysed at once (reads overlap with parsing); default 4. */
  concurrency?: number;
}

export interface AuditHooks {
  /** Called after each analysed file; `total` is the number of supported files found by the walk. */
  onProgress?(progress: { done: number; total: number; path: string }): void;
  /** Aborting rejects the audit with the signal's reason (an `AbortError` by default). */
  signal?: AbortSignal;
}

/** A finding with the file it is in (relative to the audited root, forward slashes); project findings are these too. */
export type PathFinding = Finding & { path: string };

export interface AuditFinding extends PathFinding {
  /**
   * Stable identity across runs: a hash of the rule id, the path and the finding's line with the flagged text and
   * any credential masked out, plus an occurrence counter. Never contains (or hashes) a raw secret.
   */
  fingerprint: string;
}

export type AuditSkipReason = Exclude<SkipReason, 'unsupported-language'> | 'unreadable';

export interface SkippedFile {
  path: string;
  reason: AuditSkipReason;
  detail: string;
}

export interface AuditResult {
  /** Absolute root the paths are relative to (the folder audited, or the folder of the single file audited). */
  root: string;
  /** Every finding, file-level and project-level, sorted by path, line, column and rule id. */
  findings: AuditFinding[];
  /** Supported files that were analysed, relative to the root. */
  analyzedFiles: string[];
  /** Supported files that were not analysed, with the reason (too large, binary, minified, unreadable). */
  skipped: SkippedFile[];
  /** Files that parsed with syntax errors (findings come from the recovered tree). */
  syntaxErrors: string[];
  /** Rules that threw, as `path: rule-id: message` lines (a bug in a rule, never the user's fault). */
  ruleErrors: string[];
}

/** Where the audited files come from: the walk's file list, and reads of their text (the disk, for the CLI and server). */
export interface ProjectSource {
  /** Absolute root the paths are relative to. */
  root: string;
  /** A single file audited on its own: no project pass, no cross-file cache. */
  singleFile: boolean;
  /** Every file the project has (not ignored, outside skipped folders), relative paths, forward slashes. */
  files: string[];
  /** What the walk could not read. */
  skipped: SkippedFile[];
  /** Texts the walk already read (its .gitignore files), by relative path; undefined when unreadable. */
  texts: Map<string, string | undefined>;
  /** A file to analyse: its text (a leading BOM dropped), or why it was not read (too large, unreadable). */
  readSource(path: string, maxFileSize: number): Promise<{ text: string } | { skipped: SkippedFile }>;
  /** A file a project rule asks for: its text, or undefined when unreadable or over `maxFileSize`. */
  readProjectFile(path: string, maxFileSize: number): string | undefined;
}

/** The line with the contents of its quoted strings ('…', "…", `…`) removed, in one linear scan. */
function emptyQuotedStrings(line: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) {
        out += c;
        quote = '';
      }
      continue;
    }
    out += c;
    if (c === "'" || c === '"' || c === '`') quote = c;
  }
  return out;
}

function lineFingerprint(finding: PathFinding, lineText: string): string {
  // The flagged text is replaced (it is where a secret would be), then anything credential-shaped left on the line
  // is masked, and whitespace is normalised so reindenting does not change the identity.
  let line = lineText;
  if (finding.start.line === finding.end.line) {
    line = line.slice(0, finding.start.character) + '\u0000' + line.slice(finding.end.character);
  } else {
    line = line.slice(0, finding.start.character) + '\u0000';
  }
  // Quoted strings are emptied too: a *different* secret on the same line must not change the identity either.
  const normalised = maskText(emptyQuotedStrings(line)).replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${finding.ruleId}\u0000${finding.path}\u0000${normalised}`).digest('hex').slice(0, 32);
}

function compareFindings(a: PathFinding, b: PathFinding): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.start.line - b.start.line ||
    a.start.character - b.start.character ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

/**
 * Audits the files of a project (or a single file). Unreadable, huge, binary and minified files are reported in
 * `skipped`, never thrown.
 */
export async function auditFiles(source: ProjectSource, options: AuditOptions = {}, hooks: AuditHooks = {}): Promise<AuditResult> {
  const { signal, onProgress } = hooks;
  signal?.throwIfAborted();
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const analyzeOptions: AnalyzeOptions = { ...options, maxFileSize };
  const { root, singleFile } = source;

  /** Every text read during the audit, by relative path (undefined: unreadable, binary or too large). */
  const texts = source.texts;
  const skipped = [...source.skipped];
  const supported = source.files.filter((f) => languageOf(f));

  const fileFindings: PathFinding[] = [];
  const analyzedFiles: string[] = [];
  const syntaxErrors: string[] = [];
  const ruleErrors: string[] = [];
  const cache: AnalyzeCache = { codeFacts: singleFile ? undefined : new Map() };
  let done = 0;
  let next = 0;

  const readSource = async (rel: string): Promise<string | undefined> => {
    const read = await source.readSource(rel, maxFileSize);
    if ('skipped' in read) {
      skipped.push(read.skipped);
      texts.set(rel, undefined);
      return undefined;
    }
    texts.set(rel, read.text);
    return read.text;
  };

  const worker = async (): Promise<void> => {
    while (next < supported.length) {
      signal?.throwIfAborted();
      const rel = supported[next++];
      const text = await readSource(rel);
      if (text !== undefined) {
        let result: FileResult;
        try {
          result = await analyzeFile({ path: rel, text, relativePath: rel }, analyzeOptions, cache);
        } catch (error) {
          // One file never takes the audit down: it is reported as skipped, with the reason, and the rest go on.
          result = { findings: [], syntaxErrors: false, ruleErrors: [], role: 'production', skipped: { reason: 'internal-error', detail: `analysis failed: ${error instanceof Error ? error.message : String(error)}` } };
        }
        if (result.skipped) {
          if (result.skipped.reason !== 'unsupported-language') {
            skipped.push({ path: rel, reason: result.skipped.reason, detail: result.skipped.detail });
          }
          if (result.skipped.reason === 'binary') texts.set(rel, undefined);
        } else {
          analyzedFiles.push(rel);
          if (result.syntaxErrors) syntaxErrors.push(rel);
          for (const e of result.ruleErrors) ruleErrors.push(`${rel}: ${e}`);
          for (const finding of result.findings) fileFindings.push({ ...finding, path: rel });
        }
      }
      done++;
      onProgress?.({ done, total: supported.length, path: rel });
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 4, supported.length || 1));
  await Promise.all(Array.from({ length: concurrency }, worker));
  signal?.throwIfAborted();

  const readProjectFile = (rel: string): string | undefined => {
    if (texts.has(rel)) return texts.get(rel);
    const candidate = source.readProjectFile(rel, maxFileSize);
    const text = candidate !== undefined && classifyText(rel, candidate, Number.MAX_SAFE_INTEGER)?.reason === 'binary' ? undefined : candidate;
    texts.set(rel, text);
    return text;
  };

  let projectFindings: ProjectFinding[] = [];
  if (!singleFile) {
    const files: ProjectFile[] = source.files.map((rel) => ({ path: rel, read: () => readProjectFile(rel) }));
    try {
      const project = await runProjectRulesDetailed(root, files, analyzeOptions, cache.codeFacts);
      projectFindings = project.findings;
      ruleErrors.push(...project.ruleErrors);
    } catch (error) {
      ruleErrors.push(`project rules: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  signal?.throwIfAborted();

  const all = [...fileFindings, ...projectFindings].sort(compareFindings);
  const seen = new Map<string, number>();
  const indexes = new Map<string, LineIndex | undefined>();
  const findings: AuditFinding[] = all.map((finding) => {
    let index = indexes.get(finding.path);
    if (!indexes.has(finding.path)) {
      const text = readProjectFile(finding.path);
      index = text === undefined ? undefined : new LineIndex(text);
      indexes.set(finding.path, index);
    }
    const base = lineFingerprint(finding, index ? index.lineText(finding.start.line) : '');
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    return { ...finding, fingerprint: `${base}:${occurrence}` };
  });

  // Workers finish in any order; sorting keeps every report byte-for-byte stable between runs.
  const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    root,
    findings,
    analyzedFiles: analyzedFiles.sort(byCodeUnits),
    skipped: skipped.sort((a, b) => byCodeUnits(a.path, b.path)),
    syntaxErrors: syntaxErrors.sort(byCodeUnits),
    ruleErrors: ruleErrors.sort(),
  };
}
