/**
 * Project-level analysis: groups an audit's files into packages (by nearest manifest), computes the code facts
 * the project rules share (each JS/TS, Python and Go file parsed once), and runs every registered rule that has
 * `project`.
 * Pure: it reads only through the given `ProjectFile` readers, never the disk, and never runs workspace code.
 */
import { RULES } from '../rules';
import { CODE_FACTS, type CodeFacts } from './facts';
import { adapterFor } from './lang';
import { NestingTooDeepError, type ParsedFile } from './lang/types';
import { baseName, packageDirs, packageOf, projectFileRole, SKIPPED_DIRECTORIES } from './projectUtil';
import { classifyText, effectiveSeverity, type AnalyzeOptions } from './runner';
import { findDirectives, isSuppressed, type SuppressionDirective } from './suppressions';
import { formatMessage, LineIndex } from './text';
import { maskFix, maskText } from './mask';
import type { Finding, OffsetRange, ProjectFile, ProjectReport, ProjectRuleContext, Rule } from './types';

export type ProjectFinding = Finding & {
  /** File relative to the audited root, forward slashes. */
  path: string;
};

export interface ProjectResult {
  findings: ProjectFinding[];
  /** Rules that threw (a bug in the rule); the other rules' findings still stand. */
  ruleErrors: string[];
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
}

/** Code-unit order: the same on every machine, whatever the locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Comment syntax of the line formats project rules report on, for suppression comments. */
function lineCommentToken(path: string): string | undefined {
  const base = baseName(path);
  if (base === 'go.mod') return '//';
  if (/^(Procfile|\.env.*|.*\.env|requirements[^/]*\.txt|pyproject\.toml|Pipfile|\.gitignore)$/i.test(base)) return '#';
  return undefined;
}

function lineCommentAt(text: string, token: string, offset: number): OffsetRange | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const at = before.trimStart();
  if (!at.startsWith(token)) return undefined;
  const lineEnd = text.indexOf('\n', offset);
  return { start: lineStart + (before.length - at.length), end: lineEnd === -1 ? text.length : lineEnd };
}

/** The project facts of a code file whose adapter extracts them (JS/TS, Python, Go, Java), parsed once. */
async function computeFacts(path: string, text: string): Promise<CodeFacts | undefined> {
  const adapter = adapterFor(path);
  if (!adapter?.projectFacts) return undefined;
  let parsed: ParsedFile;
  try {
    parsed = await adapter.parse({ text, path }, undefined);
  } catch (error) {
    if (error instanceof NestingTooDeepError) return undefined; // the file's analysis reports it as skipped
    throw error;
  }
  try {
    const facts = adapter.projectFacts(parsed, path);
    facts.directives = findDirectives(text, new LineIndex(text), (offset) => parsed.commentAt(offset));
    return facts;
  } finally {
    parsed.release();
  }
}

/**
 * Runs every active project rule on each package of the audit. `files` are all the files the audit walked
 * (paths relative to `root`, forward slashes, with lazy readers); `options.rules` turns rules off or changes their
 * severity; findings on tests, examples and docs follow `options.nonProductionFiles` like per-file findings.
 */
export async function runProjectRulesDetailed(
  root: string,
  files: ProjectFile[],
  options: AnalyzeOptions = {},
  /** Facts the audit's analysis already extracted (AnalyzeCache.codeFacts), used when the text matches. */
  known?: ReadonlyMap<string, { text: string; facts: CodeFacts }>,
): Promise<ProjectResult> {
  const rules = (options.ruleSet ?? RULES).filter((rule): rule is Rule & Required<Pick<Rule, 'project'>> => !!rule.project && (options.rules?.[rule.id] ?? rule.defaultSeverity) !== 'off');
  const result: ProjectResult = { findings: [], ruleErrors: [] };
  if (rules.length === 0) return result;

  // One reader per path, each read at most once; unreadable, binary and huge files read as undefined.
  const texts = new Map<string, string | undefined>();
  const all: ProjectFile[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const path = normalize(file.path);
    if (!path || seen.has(path) || path.split('/').some((part) => SKIPPED_DIRECTORIES.has(part))) continue;
    seen.add(path);
    all.push({
      path,
      read: () => {
        if (!texts.has(path)) {
          let text: string | undefined;
          try {
            text = file.read();
          } catch {
            text = undefined;
          }
          if (text !== undefined && (text.length > (options.maxFileSize ?? 1024 * 1024) || text.slice(0, 8192).includes('\u0000'))) text = undefined;
          texts.set(path, text);
        }
        return texts.get(path);
      },
    });
  }
  all.sort((a, b) => compare(a.path, b.path));
  const byPath = new Map(all.map((f) => [f.path, f]));

  // Code facts, computed once for every file whose adapter extracts them.
  const facts = new Map<string, CodeFacts>();
  for (const file of all) {
    if (!adapterFor(file.path)?.projectFacts) continue;
    const text = file.read();
    if (text === undefined || classifyText(file.path, text, options.maxFileSize)) continue;
    try {
      const precomputed = known?.get(file.path);
      const computed = precomputed?.text === text ? precomputed.facts : await computeFacts(file.path, text);
      if (computed) facts.set(file.path, computed);
    } catch (error) {
      result.ruleErrors.push(`facts of ${file.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const dirs = packageDirs(all.map((f) => f.path));
  const members = new Map<string, ProjectFile[]>(dirs.map((dir) => [dir, []]));
  for (const file of all) members.get(packageOf(file.path, dirs))!.push(file);

  const indexes = new Map<string, LineIndex>();
  const lineDirectives = new Map<string, SuppressionDirective[]>();
  const directivesOf = (path: string, text: string): SuppressionDirective[] => {
    const code = facts.get(path);
    if (code) return code.directives;
    let cached = lineDirectives.get(path);
    if (!cached) {
      const token = lineCommentToken(path);
      cached = token ? findDirectives(text, new LineIndex(text), (offset) => lineCommentAt(text, token, offset)) : [];
      lineDirectives.set(path, cached);
    }
    return cached;
  };
  const seenFindings = new Set<string>();

  for (const rule of rules) {
    for (const dir of dirs) {
      const report = (descriptor: ProjectReport): void => {
        const path = normalize(descriptor.path);
        const template = rule.messages[descriptor.messageId];
        if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId '${descriptor.messageId}'`);
        const role = projectFileRole(path);
        const severity = effectiveSeverity(rule, options, role);
        if (!severity) return;
        const text = byPath.get(path)?.read() ?? '';
        let index = indexes.get(path);
        if (!index) {
          index = new LineIndex(text);
          indexes.set(path, index);
        }
        const range = descriptor.range ?? { start: 0, end: index.lineText(0).length };
        const start = index.position(range.start);
        if (isSuppressed(directivesOf(path, text), rule.id, start.line)) return;
        const key = `${rule.id}\u0000${path}\u0000${range.start}\u0000${range.end}\u0000${descriptor.messageId}`;
        if (seenFindings.has(key)) return;
        seenFindings.add(key);
        result.findings.push({
          path,
          ruleId: rule.id,
          factor: rule.factor,
          messageId: descriptor.messageId,
          message: maskText(formatMessage(template, descriptor.data), descriptor.secrets),
          severity,
          range: { start: range.start, end: range.end },
          start,
          end: index.position(range.end),
          fix: descriptor.fix && maskFix(descriptor.fix, descriptor.secrets),
          suggestions: descriptor.suggestions?.map((s) => maskFix(s, descriptor.secrets)),
          role,
          docsUrl: rule.docsUrl,
        });
      };
      const context: ProjectRuleContext = {
        root: root.replace(/\\/g, '/'),
        files: members.get(dir)!,
        allFiles: all,
        packageDir: dir,
        report,
        fileFacts<T>(key: string): Map<string, T> {
          return (key === CODE_FACTS ? facts : new Map()) as Map<string, T>;
        },
      };
      try {
        rule.project(context);
      } catch (error) {
        result.ruleErrors.push(`${rule.id} (${dir || '.'}): ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  result.findings.sort((a, b) => compare(a.path, b.path) || a.range.start - b.range.start || compare(a.ruleId, b.ruleId));
  return result;
}

/** The project findings of an audit (see runProjectRulesDetailed; rule errors are dropped here). */
export async function runProjectRules(root: string, files: ProjectFile[], options?: AnalyzeOptions): Promise<ProjectFinding[]> {
  return (await runProjectRulesDetailed(root, files, options)).findings;
}
