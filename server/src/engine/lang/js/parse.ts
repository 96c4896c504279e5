import ts = require('typescript');
import { extensionOf } from '../../languages';
import { isStackOverflow, NestingTooDeepError } from '../types';

/** Keeps the previous tree of one document so an edit reparses incrementally (ts.updateSourceFile). */
export class JsParseCache {
  sourceFile: ts.SourceFile | undefined;
  text: string | undefined;
  path: string | undefined;

  dispose(): void {
    this.sourceFile = undefined;
    this.text = undefined;
    this.path = undefined;
  }
}

function scriptKindOf(path: string, languageId?: string): ts.ScriptKind {
  switch (languageId) {
    case 'typescript':
      return ts.ScriptKind.TS;
    case 'typescriptreact':
      return ts.ScriptKind.TSX;
    case 'javascriptreact':
      return ts.ScriptKind.JSX;
    case 'javascript':
      return extensionOf(path) === '.jsx' ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
  }
  switch (extensionOf(path)) {
    case '.ts':
    case '.mts':
    case '.cts':
      return ts.ScriptKind.TS;
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.jsx':
      return ts.ScriptKind.JSX;
    default:
      return ts.ScriptKind.JS;
  }
}

/** The smallest change that turns `before` into `after`: common prefix and suffix stripped. */
export function diffRange(before: string, after: string): ts.TextChangeRange {
  const max = Math.min(before.length, after.length);
  // Whole blocks first (a slice comparison runs in native code, ~15× faster than a character loop on a 300 KB file),
  // then character by character: the same longest common prefix and suffix.
  const block = 256;
  let prefix = 0;
  while (prefix + block <= max && before.slice(prefix, prefix + block) === after.slice(prefix, prefix + block)) prefix += block;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix + block <= max - prefix && before.slice(before.length - suffix - block, before.length - suffix) === after.slice(after.length - suffix - block, after.length - suffix)) {
    suffix += block;
  }
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  return ts.createTextChangeRange(
    ts.createTextSpan(prefix, before.length - prefix - suffix),
    after.length - prefix - suffix,
  );
}

/**
 * Parses JS/TS/JSX/TSX. Never throws on bad syntax: the compiler API always returns a tree, with
 * `parseDiagnostics` for what it could not read. With a cache, reuses the previous tree of the same path. Throws
 * NestingTooDeepError for a file nested deeper than the parser's recursion can go.
 */
export function parseJs(text: string, path: string, languageId?: string, cache?: JsParseCache): ts.SourceFile {
  let sourceFile: ts.SourceFile;
  try {
    if (cache?.sourceFile && cache.text !== undefined && cache.path === path) {
      if (cache.text === text) return cache.sourceFile;
      sourceFile = ts.updateSourceFile(cache.sourceFile, text, diffRange(cache.text, text));
    } else {
      sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKindOf(path, languageId));
    }
  } catch (error) {
    // The TypeScript parser is recursive descent: 800 nested `(` or 10,000 `else if`s exhaust the stack. Such a file
    // is skipped with a reason instead of taking the audit down (the engine's own walks are iterative).
    if (cache) cache.sourceFile = cache.text = cache.path = undefined;
    if (isStackOverflow(error)) throw new NestingTooDeepError();
    throw error;
  }
  if (cache) {
    cache.sourceFile = sourceFile;
    cache.text = text;
    cache.path = path;
  }
  return sourceFile;
}

/** Number of syntax errors the parser recovered from. */
export function jsParseErrorCount(sourceFile: ts.SourceFile): number {
  return (sourceFile as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
}

/**
 * The innermost node or token whose full range (leading trivia included) holds `offset`: for an offset in a comment
 * or whitespace, the token that trivia belongs to.
 */
export function innermostNodeAt(sourceFile: ts.SourceFile, offset: number): ts.Node {
  let node: ts.Node = sourceFile;
  descend: for (;;) {
    for (const child of node.getChildren(sourceFile)) {
      if (child.pos <= offset && offset < child.end) {
        node = child;
        continue descend;
      }
    }
    break;
  }
  return node;
}
