/**
 * The language adapter interface. An adapter is everything the engine knows about one language or config format:
 * how to recognise and parse a file (with its incremental cache), where comments are (for suppression directives),
 * how code in it reads an environment variable (for fixes), and one extractor per fact kind it supports. Rules never
 * see a parser: they ask the runner for facts by kind (engine/facts.ts) and judge them. A rule's languages are the
 * adapters that supply every fact kind it uses. ARCHITECTURE.md says how to add one.
 */
import { RUNNER_FACT_KINDS, type CodeFacts, type FactKind, type FactKinds } from '../facts';
import type { LanguageSpec } from '../languages';
import type { FileInfo, OffsetRange, TextEdit } from '../types';

/** One parse of one file, as the adapter hands it back to itself. */
export interface ParsedFile {
  /** The parser recovered from syntax errors; facts come from the partial tree. */
  readonly syntaxErrors: boolean;
  /** The comment that holds `offset`, if any: suppression directives count only inside comments. */
  commentAt(offset: number): OffsetRange | undefined;
  /** Frees what the parse holds outside the JS heap when no cache owns it (a tree-sitter tree). */
  release(): void;
}

/** What an extractor is handed: the parse, the file, and a per-file memo shared by every extractor of the file. */
export interface AdapterInput<P extends ParsedFile = ParsedFile> {
  parsed: P;
  file: FileInfo;
  memo<T>(key: string, compute: () => T): T;
}

export type FactExtractors<P extends ParsedFile> = { readonly [K in FactKind]?: (input: AdapterInput<P>) => FactKinds[K] };

/**
 * How a fix asks for an environment read. Without `fallback` the read is required (a missing variable fails at
 * start-up, as factor III wants); with one, the literal stays as the default. `number` asks for a number
 * (`Number(…)`, `int(…)`), `prefix` for text written before the value (`'0.0.0.0:' + PORT`). `dialect` is an
 * adapter's own hint carried by a fact from its extractor (e.g. `deno` for Deno's `Deno.env.get`).
 */
export interface EnvReadRequest {
  name: string;
  fallback?: { text: string; value: string };
  number?: boolean;
  prefix?: string;
  dialect?: string;
  /**
   * The range the read replaces, when the fix knows it: an adapter may have to adjust what encloses it (a Go `const`
   * cannot hold a call, so its declaration becomes a `var`).
   */
  at?: OffsetRange;
}

/** The replacement text and any edits elsewhere in the file it needs (an import), identical for every fix. */
export interface EnvReadEdit {
  text: string;
  edits: TextEdit[];
}

/**
 * A parser that recurses once per nesting level (TypeScript's is recursive descent: 800 nested `(` or 10,000
 * `else if`s exhaust the stack) throws this from `parse` instead; the runner skips the file as `too-deep` and the
 * project pass leaves it out, so one such file never takes an audit down (the engine's own walks are iterative).
 */
export class NestingTooDeepError extends Error {
  override readonly name = 'NestingTooDeepError';
  constructor() {
    super('nested too deeply for the parser');
  }
}

export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** A parse cache for one open document (`dispose()` when the document closes). */
export interface ParseCache {
  dispose(): void;
}

export interface LanguageAdapter<P extends ParsedFile = ParsedFile> {
  readonly spec: LanguageSpec;
  newCache(): ParseCache;
  /**
   * Never throws for bad syntax (only NestingTooDeepError for nesting past the parser's stack); `cache` is the one
   * `newCache()` made for this document, if any.
   */
  parse(input: { text: string; path: string; languageId?: string }, cache: ParseCache | undefined): Promise<P> | P;
  readonly facts: FactExtractors<P>;
  /** Undefined when the format has no textual environment read (JSON config): rules then offer no fix. */
  envRead(input: AdapterInput<P>, request: EnvReadRequest): EnvReadEdit | undefined;
  /** The project facts (imports, env reads, server starts, signal handling), without directives. */
  projectFacts?(parsed: P, path: string): CodeFacts;
  /**
   * What sits at the start of `line` for a suppression comment inserted above it: `jsx` where only `{/* … *\/}` is a
   * comment, `string` inside a multi-line string or template (no comment possible there), otherwise `code`.
   */
  lineStartContext?(parsed: P, offset: number): LineStartContext;
}

export type LineStartContext = 'code' | 'jsx' | 'string';

/** Every adapter's fact kinds, for deriving a rule's languages. */
export function supplies(adapter: LanguageAdapter, kinds: readonly FactKind[]): boolean {
  return kinds.every((kind) => adapter.facts[kind] !== undefined || RUNNER_FACT_KINDS.includes(kind));
}
