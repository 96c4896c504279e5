import { RULES } from '../rules';
import type { CodeFacts, FactKind, FactKinds } from './facts';
import { adapterFor } from './lang';
import { NestingTooDeepError, type AdapterInput, type LanguageAdapter, type LineStartContext, type ParseCache, type ParsedFile } from './lang/types';
import { maskFix, maskText } from './mask';
import { fileRole } from './roles';
import { findDirectives, isSuppressed } from './suppressions';
import { formatMessage, LineIndex } from './text';
import { isTypeScriptPath } from './languages';
import type {
  BaseRuleContext,
  FileInfo,
  FileRole,
  Finding,
  ReportDescriptor,
  Rule,
  RuleContext,
  Severity,
  SeveritySetting,
} from './types';

export interface AnalyzeInput {
  /** Path of the file (absolute, or relative to the project root), used for the language and in messages. */
  path: string;
  text: string;
  /** VS Code language id, when known (untitled documents have no useful extension). */
  languageId?: string;
  /** Path relative to the project root, used to decide the file's role; defaults to `path`. */
  relativePath?: string;
}

export interface AnalyzeOptions {
  /** Per-rule severity overrides (`off` disables). */
  rules?: Record<string, SeveritySetting>;
  /** Findings in tests, examples and docs: dropped (`ignore`, the default) or kept as hints. */
  nonProductionFiles?: 'ignore' | 'hint';
  /** Characters above which a file is skipped; default 1 MiB. */
  maxFileSize?: number;
  /** The rules to run; default: the registry (rules/index.ts). */
  ruleSet?: readonly Rule[];
  /**
   * Milliseconds a file's rules may take in all (default 10 s). Rules are not interrupted, but once the budget is
   * spent the remaining rules are not started and each is listed in `ruleErrors` as "skipped: took too long".
   */
  timeBudgetMs?: number;
}

export const DEFAULT_TIME_BUDGET_MS = 10_000;

export type SkipReason = 'unsupported-language' | 'too-large' | 'binary' | 'minified' | 'too-deep' | 'internal-error';

export interface FileResult {
  findings: Finding[];
  /** Set when the file was not analysed, with a one-line human reason. */
  skipped?: { reason: SkipReason; detail: string };
  /** The parser recovered from syntax errors; findings come from the partial tree. */
  syntaxErrors: boolean;
  /** Rules that threw (a bug in the rule, never the user's fault); the file's other findings still stand. */
  ruleErrors: string[];
  role: FileRole;
}

export interface AnalyzeCache {
  /** Per language family, the parse cache its adapter made for this document (incremental reparsing). */
  parses?: Map<string, ParseCache>;
  /**
   * When set (a workspace audit), each analysed file's project facts are extracted from the tree the analysis parsed,
   * by path with the text they describe, so the project rules need not parse the file again.
   */
  codeFacts?: Map<string, { text: string; facts: CodeFacts }>;
}

/** A cache for one open document (its parse is kept for incremental reparsing). */
export function newAnalyzeCache(): AnalyzeCache {
  return { parses: new Map() };
}

/** Frees what the document's cache holds outside the JS heap (a tree-sitter tree). */
export function disposeAnalyzeCache(cache: AnalyzeCache | undefined): void {
  for (const parse of cache?.parses?.values() ?? []) parse.dispose();
  cache?.parses?.clear();
}

function parseCacheOf(adapter: LanguageAdapter, cache: AnalyzeCache | undefined): ParseCache | undefined {
  if (!cache?.parses) return undefined;
  let parse = cache.parses.get(adapter.spec.family);
  if (!parse) {
    parse = adapter.newCache();
    cache.parses.set(adapter.spec.family, parse);
  }
  return parse;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** A cheap look at the text: binary content and minified bundles are not source a human wrote. */
export function classifyText(path: string, text: string, maxFileSize = DEFAULT_MAX_FILE_SIZE): FileResult['skipped'] {
  if (text.length > maxFileSize) {
    return { reason: 'too-large', detail: `${text.length} characters is over the ${maxFileSize} limit` };
  }
  if (text.slice(0, 8192).includes('\u0000')) return { reason: 'binary', detail: 'the file holds NUL bytes' };
  if (/\.min\.[cm]?js$/i.test(path)) return { reason: 'minified', detail: 'a .min.js file' };
  if (text.length > 4096) {
    let newlines = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines++;
    if (text.length / (newlines + 1) > 500) return { reason: 'minified', detail: 'average line longer than 500 characters' };
  }
  return undefined;
}

export function effectiveSeverity(rule: Rule, options: AnalyzeOptions, role: FileRole): Severity | undefined {
  const setting = options.rules?.[rule.id] ?? rule.defaultSeverity;
  if (setting === 'off') return undefined;
  if (role !== 'production') return (options.nonProductionFiles ?? 'ignore') === 'hint' ? 'hint' : undefined;
  return setting;
}

/**
 * Analyses one file with every applicable rule. Never throws for the file's sake: unsupported, huge, binary and
 * minified files come back skipped; syntax errors give the findings the partial tree supports.
 */
export async function analyzeFile(input: AnalyzeInput, options: AnalyzeOptions = {}, cache?: AnalyzeCache): Promise<FileResult> {
  const role = fileRole(input.relativePath ?? input.path);
  const base: FileResult = { findings: [], syntaxErrors: false, ruleErrors: [], role };
  const adapter = adapterFor(input.path, input.languageId);
  if (!adapter) return { ...base, skipped: { reason: 'unsupported-language', detail: 'no parser for this file type' } };
  const family = adapter.spec.family;
  const skipped = classifyText(input.path, input.text, options.maxFileSize);
  if (skipped) return { ...base, skipped };

  const rules = options.ruleSet ?? RULES;
  const active: { rule: Rule; severity: Severity }[] = [];
  for (const rule of rules) {
    if (!rule.languages.includes(family)) continue;
    const severity = effectiveSeverity(rule, options, role);
    if (severity) active.push({ rule, severity });
  }
  if (active.length === 0 && !cache?.codeFacts) return base;

  const file: FileInfo = { path: input.path, text: input.text, family, isTypeScript: isTypeScriptPath(input.path) || /^typescript/.test(input.languageId ?? ''), role };
  const index = new LineIndex(input.text);
  const memo = new Map<string, unknown>();
  const memoize = <T>(key: string, compute: () => T): T => {
    if (!memo.has(key)) memo.set(key, compute());
    return memo.get(key) as T;
  };
  const findings: Finding[] = [];
  const ruleErrors: string[] = [];
  const knownRuleIds = new Set(rules.map((r) => r.id));

  const collect = (rule: Rule, severity: Severity) => (d: ReportDescriptor) => {
    const template = rule.messages[d.messageId];
    if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId '${d.messageId}'`);
    const start = index.position(d.range.start);
    findings.push({
      ruleId: rule.id,
      factor: rule.factor,
      messageId: d.messageId,
      message: maskText(formatMessage(template, d.data), d.secrets),
      severity,
      range: { start: d.range.start, end: d.range.end },
      start,
      end: index.position(d.range.end),
      fix: d.fix && maskFix(d.fix, d.secrets),
      suggestions: d.suggestions?.map((s) => maskFix(s, d.secrets)),
      role,
      docsUrl: rule.docsUrl,
    });
  };
  const baseContext = (rule: Rule, severity: Severity): BaseRuleContext => ({ file, report: collect(rule, severity), memo: memoize });

  const started = performance.now();
  const budget = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  let parsed: ParsedFile;
  try {
    parsed = await adapter.parse({ text: input.text, path: input.path, languageId: input.languageId }, parseCacheOf(adapter, cache));
  } catch (error) {
    if (error instanceof NestingTooDeepError) return { ...base, skipped: { reason: 'too-deep', detail: 'nested too deeply to parse' } };
    throw error;
  }
  try {
    const adapterInput: AdapterInput = { parsed, file, memo: memoize };
    const directives = findDirectives(input.text, index, (offset) => parsed.commentAt(offset));
    const facts = <K extends FactKind>(kind: K): FactKinds[K] =>
      memoize(`facts.${kind}`, () => {
        if (kind === 'suppressions') return directives as FactKinds[K];
        const extract = adapter.facts[kind];
        if (!extract) throw new Error(`the ${family} adapter supplies no ${kind} facts`);
        return extract(adapterInput);
      });
    const readEnvNames = () =>
      memoize('engine.readEnvNames', () => new Set(adapter.projectFacts ? adapter.projectFacts(parsed, input.path).envReads.map((r) => r.name) : []));
    for (const { rule, severity } of active) {
      const spent = performance.now() - started;
      if (spent > budget) {
        ruleErrors.push(`${rule.id}: skipped: took too long (the file's rules passed their ${budget} ms budget after ${Math.round(spent)} ms)`);
        continue;
      }
      try {
        const context: RuleContext = { ...baseContext(rule, severity), facts, envRead: (request) => adapter.envRead(adapterInput, request), readEnvNames, knownRuleIds };
        rule.check?.(context);
      } catch (error) {
        ruleErrors.push(`${rule.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (cache?.codeFacts && adapter.projectFacts) {
      try {
        cache.codeFacts.set(input.path, { text: input.text, facts: { ...adapter.projectFacts(parsed, input.path), directives } });
      } catch {
        // Left to the project pass, which extracts them again and reports the failure.
      }
    }
    const unsuppressible = new Set(active.filter(({ rule }) => rule.suppressible === false).map(({ rule }) => rule.id));
    const kept = findings.filter((f) => unsuppressible.has(f.ruleId) || !isSuppressed(directives, f.ruleId, f.start.line));
    kept.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
    return { findings: kept, syntaxErrors: parsed.syntaxErrors, ruleErrors, role };
  } finally {
    parsed.release();
  }
}

/**
 * What sits at the start of a line of the document for a suppression comment placed above a finding (JSX children
 * and multi-line strings need another comment or none), through the document's own parse cache.
 */
export function lineStartContext(input: AnalyzeInput, cache: AnalyzeCache | undefined, offset: number): LineStartContext {
  const adapter = adapterFor(input.path, input.languageId);
  if (!adapter?.lineStartContext) return 'code';
  let parsed: ReturnType<typeof adapter.parse>;
  try {
    parsed = adapter.parse({ text: input.text, path: input.path, languageId: input.languageId }, parseCacheOf(adapter, cache));
  } catch (error) {
    if (error instanceof NestingTooDeepError) return 'code';
    throw error;
  }
  if (parsed instanceof Promise) return 'code'; // only adapters that parse synchronously place comments by context
  try {
    return adapter.lineStartContext(parsed, offset);
  } finally {
    parsed.release();
  }
}
