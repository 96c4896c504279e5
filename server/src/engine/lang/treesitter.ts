import * as fs from 'fs';
import * as path from 'path';
import { Edit, Language, Parser, Query, type Node, type Point, type QueryMatch, type Tree } from 'web-tree-sitter';
import { specOf } from '../languages';
import type { TreeSitterFamily } from '../types';

/**
 * Lazy tree-sitter: the runtime is initialised on the first tree-sitter file, each grammar on the first file of
 * its language. Queries are compiled once per grammar. Callers must `delete()` every tree they get.
 */
let wasmDirectory: string | undefined;
let runtime: Promise<void> | undefined;
const grammars = new Map<TreeSitterFamily, Promise<Language>>();
const parsers = new Map<TreeSitterFamily, Parser>();
const queries = new Map<Language, Map<string, Query>>();

/** Tells the engine where the .wasm files are (the bundled server ships them next to itself). */
export function setWasmDirectory(directory: string): void {
  wasmDirectory = directory;
}

function locate(file: string): string {
  const candidates: string[] = [];
  if (wasmDirectory) candidates.push(path.join(wasmDirectory, file));
  candidates.push(path.join(__dirname, 'wasm', file));
  for (const candidate of candidates) if (fs.existsSync(candidate)) return candidate;
  if (file === 'web-tree-sitter.wasm') return require.resolve('web-tree-sitter/web-tree-sitter.wasm');
  return require.resolve(`@vscode/tree-sitter-wasm/wasm/${file}`);
}

export function grammarLoaded(family: TreeSitterFamily): boolean {
  return parsers.has(family);
}

async function loadGrammar(family: TreeSitterFamily): Promise<Language> {
  runtime ??= Parser.init({ locateFile: (name: string) => locate(name) });
  await runtime;
  const grammar = specOf(family).grammar;
  if (!grammar) throw new Error(`no grammar for ${family}`);
  const language = await Language.load(fs.readFileSync(locate(grammar)));
  const parser = new Parser();
  parser.setLanguage(language);
  parsers.set(family, parser);
  return language;
}

export function treeSitterLanguage(family: TreeSitterFamily): Promise<Language> {
  let pending = grammars.get(family);
  if (!pending) {
    pending = loadGrammar(family);
    pending.catch(() => grammars.delete(family));
    grammars.set(family, pending);
  }
  return pending;
}

/**
 * Keeps the last tree of one document so the next version reparses incrementally (`tree.edit` + `parse(text, old)`).
 * The cache owns its tree: callers never delete a tree it returned; it deletes the previous tree once the next one
 * exists, and `dispose()` deletes the last (call it when the document closes, or the WebAssembly memory leaks).
 * The tree it hands out stays valid until the next `parseTreeSitter` with this cache or `dispose()`; the runner
 * uses it synchronously right after the parse, so no other analysis can replace it meanwhile.
 */
export class TreeSitterParseCache {
  tree: Tree | undefined;
  text: string | undefined;
  family: TreeSitterFamily | undefined;
  /** Set by dispose(): a parse still in flight for a closed document must not park a tree here. */
  disposed = false;

  /** Replaces the kept tree, deleting the previous one (exactly once: a tree kept twice is not deleted). */
  keep(family: TreeSitterFamily, text: string, tree: Tree): void {
    if (this.tree && this.tree !== tree) this.tree.delete();
    this.tree = tree;
    this.text = text;
    this.family = family;
  }

  dispose(): void {
    this.disposed = true;
    this.tree?.delete();
    this.tree = undefined;
    this.text = undefined;
    this.family = undefined;
  }
}

/** Row and column (UTF-16 code units, as web-tree-sitter counts them for string input) of an offset. */
function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/**
 * The edit turning `before` into `after` (common prefix and suffix stripped), in web-tree-sitter's units: indices
 * and columns in UTF-16 code units (the JS binding halves the UTF-16 byte offsets of the C library).
 */
export function treeSitterEdit(before: string, after: string): Edit {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // Never split a surrogate pair: tree-sitter decodes whole code points.
  if (prefix > 0 && prefix < max && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  const startPosition = pointAt(before, prefix);
  return new Edit({
    startIndex: prefix,
    oldEndIndex: before.length - suffix,
    newEndIndex: after.length - suffix,
    startPosition,
    oldEndPosition: pointAt(before, before.length - suffix),
    newEndPosition: pointAt(after, after.length - suffix),
  });
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Parses with the family's grammar. Bad syntax yields a tree with ERROR nodes, never an exception. Without a cache
 * the caller owns the tree and must delete it; with one, the cache owns it (see TreeSitterParseCache) — `cached` says
 * which (a disposed cache keeps nothing, so the caller owns the tree then).
 */
export async function parseTreeSitter(
  family: TreeSitterFamily,
  text: string,
  cacheArgument?: TreeSitterParseCache,
): Promise<{ tree: Tree; language: Language; cached: boolean }> {
  const language = await treeSitterLanguage(family);
  const parser = parsers.get(family)!;
  // Synchronous from here on: the cache cannot change under us.
  const cache = cacheArgument && !cacheArgument.disposed ? cacheArgument : undefined;
  const previous = cache?.family === family && cache.text !== undefined ? cache.tree : undefined;
  if (previous && cache!.text === text) return { tree: previous, language, cached: true };
  let tree: Tree | null;
  try {
    if (previous) previous.edit(treeSitterEdit(cache!.text!, text));
    tree = parser.parse(text, previous ?? null);
  } catch (error) {
    cache?.dispose(); // the kept tree may be edited without a matching text: never reuse it
    throw error;
  }
  if (!tree) {
    cache?.dispose();
    throw new Error(`tree-sitter returned no tree for a ${family} file`);
  }
  if (cache) cache.keep(family, text, tree);
  return { tree, language, cached: !!cache };
}

export function compiledQuery(language: Language, source: string): Query {
  let perLanguage = queries.get(language);
  if (!perLanguage) {
    perLanguage = new Map();
    queries.set(language, perLanguage);
  }
  let query = perLanguage.get(source);
  if (!query) {
    query = new Query(language, source);
    perLanguage.set(source, query);
  }
  return query;
}

// ─── Shared query runs ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * Every query source the rules have asked for on a grammar, compiled together into one query so that a tree is
 * traversed once for all of them: a query costs a walk over every node of the tree inside WebAssembly (about 25 ms
 * for a 10,000-line Python file, even when nothing matches), and rules asked for a dozen.
 */
interface Combined {
  sources: string[];
  /** Per source: its first pattern index in the combined query and how many patterns it has. */
  ranges: Map<string, { first: number; count: number }>;
  query?: Query;
  failed?: boolean;
}
const combinedByLanguage = new Map<Language, Combined>();

/** Per tree: the combined query's matches, split by source (pattern indices made local again). */
const treeRuns = new WeakMap<Tree, Map<string, QueryMatch[]>>();

function combinedQuery(language: Language): Combined {
  let combined = combinedByLanguage.get(language);
  if (!combined) {
    combined = { sources: [], ranges: new Map() };
    combinedByLanguage.set(language, combined);
  }
  return combined;
}

/**
 * The matches of `source` over the whole tree, as `compiledQuery(language, source).matches(tree.rootNode)` returns
 * them, from one combined run per tree. A source first asked for after the tree's run is run on its own this time
 * and joins the combined query of later trees.
 */
export function treeMatches(tree: Tree, language: Language, source: string): QueryMatch[] {
  const combined = combinedQuery(language);
  let run = treeRuns.get(tree);
  const known = combined.ranges.has(source);
  if (!known) {
    const count = compiledQuery(language, source).patternCount(); // throws on a bad query, before we register it
    combined.ranges.set(source, { first: -1, count });
    combined.sources.push(source);
    combined.query?.delete(); // no tree run holds it: runs keep their matches, not the query
    combined.query = undefined;
    combined.failed = false;
  }
  if (run?.has(source)) return run.get(source)!.slice();
  if (run || !buildCombined(language, combined)) {
    // The tree was run before this source was known: run it alone (next trees get it in the combined run).
    const alone = compiledQuery(language, source).matches(tree.rootNode);
    if (run) run.set(source, alone);
    return alone.slice();
  }
  const query = combined.query!;
  run = new Map();
  const owners: { source: string; first: number; count: number; list: QueryMatch[] }[] = combined.sources.map((known) => ({ source: known, ...combined.ranges.get(known)!, list: [] }));
  const byPattern: (typeof owners)[number][] = [];
  for (const owner of owners) for (let i = 0; i < owner.count; i++) byPattern[owner.first + i] = owner;
  for (const match of query.matches(tree.rootNode)) {
    const owner = byPattern[match.patternIndex];
    // The match objects are fresh from this run and ours: renumber in place (copies were a good part of the run).
    const patternIndex = match.patternIndex - owner.first;
    match.patternIndex = patternIndex;
    for (const capture of match.captures) capture.patternIndex = patternIndex;
    owner.list.push(match);
  }
  for (const owner of owners) run.set(owner.source, owner.list);
  treeRuns.set(tree, run);
  return run.get(source)!.slice();
}

/** Compiles the combined query when its sources changed; false (run each alone) if it cannot be built. */
function buildCombined(language: Language, combined: Combined): boolean {
  if (combined.query) return true;
  if (combined.failed) return false;
  let first = 0;
  for (const known of combined.sources) {
    const range = combined.ranges.get(known)!;
    range.first = first;
    first += range.count;
  }
  try {
    const query = new Query(language, combined.sources.join('\n'));
    if (query.patternCount() !== first) {
      query.delete();
      throw new Error('pattern count mismatch');
    }
    combined.query = query;
    return true;
  } catch {
    combined.failed = true; // each source still compiles alone; never retry the combination
    return false;
  }
}

/** The sources in the grammar's combined query (tests compare each one's shared matches with its own run). */
export function sharedQuerySources(language: Language): readonly string[] {
  return [...(combinedByLanguage.get(language)?.sources ?? [])];
}

/** The nodes a one-capture query finds over the whole tree, in document pre-order, each once. */
export function treeNodes(tree: Tree, language: Language, source: string): Node[] {
  const nodes = new Map<number, Node>();
  for (const match of treeMatches(tree, language, source)) for (const capture of match.captures) if (!nodes.has(capture.node.id)) nodes.set(capture.node.id, capture.node);
  return [...nodes.values()].sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
}

/**
 * The query handed to rules: `matches(root)` over the whole tree comes from the tree's combined run; anything else
 * (another node, options, captures) goes to the query compiled for the source alone.
 */
export function sharedQuery(tree: Tree, root: Node, language: Language, source: string): Query {
  const query = compiledQuery(language, source);
  const matches = (node: Node, options?: Parameters<Query['matches']>[1]) =>
    options === undefined && node.id === root.id && node.tree === tree ? treeMatches(tree, language, source) : query.matches(node, options);
  return Object.create(query, { matches: { value: matches } }) as Query;
}

/** Depth-first walk over named nodes; `visit` returning false skips the node's children. */
export function walkTree(node: Node, visit: (node: Node) => boolean | void): void {
  // An explicit stack, not recursion, so a chain 100,000 deep is walked like any other.
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (visit(next) === false) continue;
    const children = next.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
}
