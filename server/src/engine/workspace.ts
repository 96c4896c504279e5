/**
 * The workspace audit: walks a folder the way git sees it, analyses every supported file once with bounded
 * concurrency, then runs the project-level rules over the same file list. Host-neutral: the CLI and the language
 * server's workspace audit both call `auditWorkspace`; nothing here knows about terminals or LSP.
 */
import { createHash } from 'crypto';
import { promises as fsp, readFileSync, statSync, type Dirent } from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';
import { languageOf } from './languages';
import { maskText } from './mask';
import { runProjectRulesDetailed, type ProjectFinding } from './project';
import { analyzeFile, classifyText, DEFAULT_MAX_FILE_SIZE, type AnalyzeCache, type AnalyzeOptions, type SkipReason } from './runner';
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

/** Folders that are never project source: dependencies, VCS data and build output. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  'node_modules', 'bower_components', 'jspm_packages', 'vendor',
  '.git', '.hg', '.svn',
  'dist', 'build', 'out', 'coverage', '.nyc_output',
  '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache',
]);

/** Thrown for a root that cannot be audited at all (missing, unreadable); the CLI turns it into exit code 2. */
export class AuditInputError extends Error {
  override readonly name = 'AuditInputError';
}

interface GitignoreLevel {
  /** Folder holding the .gitignore, relative to the root ('' for the root). */
  base: string;
  matcher: Ignore;
}

interface WalkResult {
  /** Every file the project has (not ignored, outside skipped folders), relative paths. */
  files: string[];
  skipped: SkippedFile[];
}

const posixJoin = (dir: string, name: string): string => (dir ? `${dir}/${name}` : name);

/** A file-system error in a few words (`no such file or directory`), for one-line messages. */
export function errorDetail(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string') {
    const known: Record<string, string> = {
      ENOENT: 'no such file or directory',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      EISDIR: 'is a directory',
      ENOTDIR: 'not a directory',
      ELOOP: 'too many symbolic links',
      EMFILE: 'too many open files',
    };
    return known[err.code] ?? err.code;
  }
  return error instanceof Error ? error.message : String(error);
}

function isIgnored(levels: readonly GitignoreLevel[], relPath: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const { base, matcher } of levels) {
    const local = base ? relPath.slice(base.length + 1) : relPath;
    const result = matcher.test(isDirectory ? `${local}/` : local);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/** A Python virtualenv announces itself with pyvenv.cfg (venv) or bin/activate (virtualenv). */
function isVirtualenv(absDir: string, entries: readonly Dirent[]): boolean {
  if (entries.some((e) => e.name === 'pyvenv.cfg' && e.isFile())) return true;
  if (!entries.some((e) => e.name === 'bin' && e.isDirectory())) return false;
  try {
    return statSync(path.join(absDir, 'bin', 'activate')).isFile();
  } catch {
    return false;
  }
}

async function walk(root: string, texts: Map<string, string | undefined>, signal?: AbortSignal): Promise<WalkResult> {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];

  const visit = async (rel: string, levels: readonly GitignoreLevel[]): Promise<void> => {
    signal?.throwIfAborted();
    const abs = rel ? path.join(root, rel) : root;
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(abs, { withFileTypes: true });
    } catch (error) {
      if (!rel) throw new AuditInputError(`cannot read '${root}': ${errorDetail(error)}`);
      skipped.push({ path: rel, reason: 'unreadable', detail: `folder: ${errorDetail(error)}` });
      return;
    }
    if (rel && isVirtualenv(abs, entries)) return;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

    let here = levels;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const gitignorePath = posixJoin(rel, '.gitignore');
      try {
        const text = await fsp.readFile(path.join(abs, '.gitignore'), 'utf8');
        texts.set(gitignorePath, text);
        here = [...levels, { base: rel, matcher: ignore().add(text) }];
      } catch (error) {
        texts.set(gitignorePath, undefined);
        skipped.push({ path: gitignorePath, reason: 'unreadable', detail: errorDetail(error) });
      }
    }

    const subfolders: string[] = [];
    for (const entry of entries) {
      const relPath = posixJoin(rel, entry.name);
      // Symbolic links are not followed: they can loop or lead outside the audited folder.
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(here, relPath, true)) continue;
        subfolders.push(relPath);
      } else if (entry.isFile()) {
        if (isIgnored(here, relPath, false)) continue;
        files.push(relPath);
      }
    }
    for (const sub of subfolders) await visit(sub, here);
  };

  await visit('', []);
  return { files, skipped };
}

/** Reads a file once, as text, unless it is too large or binary; a leading BOM is dropped (editors hide it too). */
function decode(buffer: Buffer): string {
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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
  const normalised = maskText(line).replace(/\s+/g, ' ').trim();
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
 * Audits a folder (or a single file). Unreadable, huge, binary and minified files are reported in `skipped`, never
 * thrown; only a root that cannot be read at all throws an `AuditInputError`.
 */
export async function auditWorkspace(rootPath: string, options: AuditOptions = {}, hooks: AuditHooks = {}): Promise<AuditResult> {
  const { signal, onProgress } = hooks;
  signal?.throwIfAborted();
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const analyzeOptions: AnalyzeOptions = { ...options, maxFileSize };

  let rootStat;
  try {
    rootStat = await fsp.stat(rootPath);
  } catch (error) {
    throw new AuditInputError(`cannot read '${rootPath}': ${errorDetail(error)}`);
  }
  const singleFile = rootStat.isFile();
  if (!singleFile && !rootStat.isDirectory()) throw new AuditInputError(`'${rootPath}' is neither a file nor a folder`);
  const root = path.resolve(singleFile ? path.dirname(rootPath) : rootPath);

  /** Every text read during the audit, by relative path (undefined: unreadable, binary or too large). */
  const texts = new Map<string, string | undefined>();
  const walked: WalkResult = singleFile ? { files: [path.basename(rootPath)], skipped: [] } : await walk(root, texts, signal);
  const skipped = [...walked.skipped];
  const supported = walked.files.filter((f) => languageOf(f));

  const fileFindings: PathFinding[] = [];
  const analyzedFiles: string[] = [];
  const syntaxErrors: string[] = [];
  const ruleErrors: string[] = [];
  const cache: AnalyzeCache = { codeFacts: singleFile ? undefined : new Map() };
  let done = 0;
  let next = 0;

  const readSource = async (rel: string): Promise<string | undefined> => {
    const abs = path.join(root, rel);
    try {
      const stat = await fsp.stat(abs);
      if (stat.size > maxFileSize) {
        skipped.push({ path: rel, reason: 'too-large', detail: `${stat.size} bytes is over the ${maxFileSize}-byte limit` });
        texts.set(rel, undefined);
        return undefined;
      }
      const text = decode(await fsp.readFile(abs));
      texts.set(rel, text);
      return text;
    } catch (error) {
      skipped.push({ path: rel, reason: 'unreadable', detail: errorDetail(error) });
      texts.set(rel, undefined);
      return undefined;
    }
  };

  const worker = async (): Promise<void> => {
    while (next < supported.length) {
      signal?.throwIfAborted();
      const rel = supported[next++];
      const text = await readSource(rel);
      if (text !== undefined) {
        const result = await analyzeFile({ path: rel, text, relativePath: rel }, analyzeOptions, cache);
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
    let text: string | undefined;
    try {
      const abs = path.join(root, rel);
      if (statSync(abs).size <= maxFileSize) {
        const candidate = decode(readFileSync(abs));
        text = classifyText(rel, candidate, Number.MAX_SAFE_INTEGER)?.reason === 'binary' ? undefined : candidate;
      }
    } catch {
      text = undefined;
    }
    texts.set(rel, text);
    return text;
  };

  let projectFindings: ProjectFinding[] = [];
  if (!singleFile) {
    const files: ProjectFile[] = walked.files.map((rel) => ({ path: rel, read: () => readProjectFile(rel) }));
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
