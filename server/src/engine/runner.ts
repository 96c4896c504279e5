import ts = require('typescript');
import type { Node as TsNode } from 'web-tree-sitter';
import { RULES, INVALID_SUPPRESSION_ID } from '../rules';
import { isTreeSitterFamily, isTypeScriptPath, languageOf } from './languages';
import { extractJsFacts, type CodeFacts } from './facts';
import { maskText } from './mask';
import { innermostNodeAt, jsParseErrorCount, JsParseCache, parseJs } from './parse/typescript';
import { parseTreeSitter, sharedQuery, TreeSitterParseCache } from './parse/treesitter';
import { fileRole } from './roles';
import { findDirectives, isSuppressed, type SuppressionDirective } from './suppressions';
import { formatMessage, LineIndex } from './text';
import type {
  BaseRuleContext,
  FileInfo,
  FileRole,
  Finding,
  OffsetRange,
  ReportDescriptor,
  Rule,
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
  /** Restrict to these rules (tests); default: the registry. */
  ruleSet?: readonly Rule[];
}

export type SkipReason = 'unsupported-language' | 'too-large' | 'binary' | 'minified';

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
  js?: JsParseCache;
  /** The document's last tree-sitter tree (owned by the cache: call `dispose()` when the document goes away). */
  treeSitter?: TreeSitterParseCache;
  /**
   * When set (a workspace audit), each analysed JS/TS file's project facts are extracted from the tree the analysis
   * parsed, by path with the text they describe, so the project rules need not parse the file again.
   */
  jsFacts?: Map<string, { text: string; facts: CodeFacts }>;
}

/** A cache for one open document (JS and tree-sitter parses). */
export function newAnalyzeCache(): AnalyzeCache {
  return { js: new JsParseCache(), treeSitter: new TreeSitterParseCache() };
}

/** Frees what the document's cache holds outside the JS heap (the tree-sitter tree). */
export function disposeAnalyzeCache(cache: AnalyzeCache | undefined): void {
  cache?.treeSitter?.dispose();
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

export function jsCommentAt(sourceFile: ts.SourceFile, offset: number): OffsetRange | undefined {
  const node = innermostNodeAt(sourceFile, offset);
  if (node !== sourceFile && offset >= node.getStart(sourceFile)) return undefined;
  const text = sourceFile.text;
  const ranges = [...(ts.getLeadingCommentRanges(text, node.pos) ?? []), ...(ts.getTrailingCommentRanges(text, node.pos) ?? [])];
  const hit = ranges.find((r) => r.pos <= offset && offset < r.end);
  return hit && { start: hit.pos, end: hit.end };
}

export function treeCommentAt(root: TsNode, offset: number): OffsetRange | undefined {
  for (let node: TsNode | null = root.descendantForIndex(offset, offset); node; node = node.parent) {
    if (node.type.includes('comment')) return { start: node.startIndex, end: node.endIndex };
    if (node.startIndex < offset && node.type !== 'ERROR') break;
  }
  return undefined;
}

/**
 * Analyses one file with every applicable rule. Never throws for the file's sake: unsupported, huge, binary and
 * minified files come back skipped; syntax errors give the findings the partial tree supports.
 */
export async function analyzeFile(input: AnalyzeInput, options: AnalyzeOptions = {}, cache?: AnalyzeCache): Promise<FileResult> {
  const role = fileRole(input.relativePath ?? input.path);
  const base: FileResult = { findings: [], syntaxErrors: false, ruleErrors: [], role };
  const spec = languageOf(input.path, input.languageId);
  if (!spec) return { ...base, skipped: { reason: 'unsupported-language', detail: 'no parser for this file type' } };
  const skipped = classifyText(input.path, input.text, options.maxFileSize);
  if (skipped) return { ...base, skipped };

  const allRules = options.ruleSet ?? RULES;
  const active: { rule: Rule; severity: Severity }[] = [];
  for (const rule of allRules) {
    if (!rule.check?.[spec.family]) continue;
    const severity = effectiveSeverity(rule, options, role);
    if (severity) active.push({ rule, severity });
  }
  const invalidSuppression = allRules.find((r) => r.id === INVALID_SUPPRESSION_ID) ?? RULES.find((r) => r.id === INVALID_SUPPRESSION_ID)!;
  const invalidSeverity = effectiveSeverity(invalidSuppression, options, role);
  if (active.length === 0 && !invalidSeverity) return base;

  const file: FileInfo = { path: input.path, text: input.text, family: spec.family, isTypeScript: isTypeScriptPath(input.path) || /^typescript/.test(input.languageId ?? ''), role };
  const index = new LineIndex(input.text);
  const memo = new Map<string, unknown>();
  const findings: Finding[] = [];
  const ruleErrors: string[] = [];

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
      fix: d.fix,
      suggestions: d.suggestions,
      role,
      docsUrl: rule.docsUrl,
    });
  };
  const baseContext = (rule: Rule, severity: Severity): BaseRuleContext => ({
    file,
    report: collect(rule, severity),
    memo<T>(key: string, compute: () => T): T {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
  });
  const runRule = (rule: Rule, run: () => void) => {
    try {
      run();
    } catch (error) {
      ruleErrors.push(`${rule.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  let directives: SuppressionDirective[];
  let syntaxErrors: boolean;
  if (!isTreeSitterFamily(spec.family)) {
    const ast = parseJs(input.text, input.path, input.languageId, cache?.js);
    syntaxErrors = jsParseErrorCount(ast) > 0;
    for (const { rule, severity } of active) {
      runRule(rule, () => rule.check!.js!({ ...baseContext(rule, severity), ast, ts }));
    }
    directives = findDirectives(input.text, index, (offset) => jsCommentAt(ast, offset));
    if (cache?.jsFacts) {
      try {
        cache.jsFacts.set(input.path, { text: input.text, facts: { ...extractJsFacts(ast, input.path), directives } });
      } catch {
        // Left to the project pass, which extracts them again and reports the failure.
      }
    }
  } else {
    const family = spec.family;
    const { tree, language, cached } = await parseTreeSitter(family, input.text, cache?.treeSitter);
    try {
      const root = tree.rootNode;
      syntaxErrors = root.hasError;
      for (const { rule, severity } of active) {
        runRule(rule, () =>
          rule.check![family]!({ ...baseContext(rule, severity), tree, root, language, query: (source) => sharedQuery(tree, root, language, source) }),
        );
      }
      directives = findDirectives(input.text, index, (offset) => treeCommentAt(root, offset));
    } finally {
      if (!cached) tree.delete(); // a cached tree belongs to the cache
    }
  }

  const known = new Set([...RULES, ...allRules].map((r) => r.id));
  if (invalidSeverity) {
    const report = collect(invalidSuppression, invalidSeverity);
    for (const directive of directives) {
      for (const { id, range } of directive.ruleIds) {
        if (!known.has(id)) report({ messageId: 'unknownRule', data: { id }, range });
      }
    }
  }
  const kept = findings.filter((f) => f.ruleId === INVALID_SUPPRESSION_ID || !isSuppressed(directives, f.ruleId, f.start.line));
  kept.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
  return { findings: kept, syntaxErrors, ruleErrors, role };
}
