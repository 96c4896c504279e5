/**
 * Where a suppression comment can go: a `//` line comment at the start of a line is only a comment in code. Inside
 * JSX children it would render as text (there the comment is `{/* … *\/}`), and inside a multi-line string or
 * template it would change the string.
 */
import ts = require('typescript');
import type { OffsetRange } from '../../types';
import type { LineStartContext } from '../types';
import { innermostNodeAt } from './parse';

const STRING_KINDS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
]);

/** What surrounds `offset` (a line start) in a JS/TS tree. */
export function jsLineStartContext(sourceFile: ts.SourceFile, offset: number): LineStartContext {
  const node = innermostNodeAt(sourceFile, offset);
  const start = node === sourceFile ? 0 : node.getStart(sourceFile);
  if (STRING_KINDS.has(node.kind) && start < offset) return 'string';
  if (node.kind === ts.SyntaxKind.JsxText) return 'jsx';
  const parent = node.kind === ts.SyntaxKind.SyntaxList ? node.parent : node;
  if (parent && (ts.isJsxElement(parent) || ts.isJsxFragment(parent))) return 'jsx';
  return 'code';
}

/** The comment that holds `offset`, if any (leading or trailing trivia of the token there). */
export function jsCommentAt(sourceFile: ts.SourceFile, offset: number): OffsetRange | undefined {
  const node = innermostNodeAt(sourceFile, offset);
  if (node !== sourceFile && offset >= node.getStart(sourceFile)) return undefined;
  const text = sourceFile.text;
  const ranges = [...(ts.getLeadingCommentRanges(text, node.pos) ?? []), ...(ts.getTrailingCommentRanges(text, node.pos) ?? [])];
  const hit = ranges.find((r) => r.pos <= offset && offset < r.end);
  return hit && { start: hit.pos, end: hit.end };
}
