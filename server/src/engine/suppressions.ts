import type { LineIndex } from './text';
import type { OffsetRange } from './types';

export const DIRECTIVE_PREFIX = 'twelve-factor-disable';

export type DirectiveKind = 'next-line' | 'line' | 'file';

export interface SuppressionDirective {
  kind: DirectiveKind;
  /** Empty means every rule. */
  ruleIds: { id: string; range: OffsetRange }[];
  /** Zero-based line the directive covers (unused for `file`). */
  line: number;
  comment: OffsetRange;
}

const DIRECTIVE = /twelve-factor-(disable-next-line|disable-line|disable)(?![\w-])/g;

/**
 * Finds suppression directives. `commentAt(offset)` is the parser's answer to "is this offset inside a comment,
 * and which one?", so a directive inside a string literal is ignored.
 *
 *   // twelve-factor-disable-next-line rule-a, rule-b -- reason
 *   x = 1  # twelve-factor-disable-line rule-a
 *   /* twelve-factor-disable rule-a *\/        (whole file)
 */
export function findDirectives(
  text: string,
  index: LineIndex,
  commentAt: (offset: number) => OffsetRange | undefined,
): SuppressionDirective[] {
  if (!text.includes(DIRECTIVE_PREFIX)) return [];
  const directives: SuppressionDirective[] = [];
  DIRECTIVE.lastIndex = 0;
  for (let match = DIRECTIVE.exec(text); match; match = DIRECTIVE.exec(text)) {
    const comment = commentAt(match.index);
    if (!comment) continue;
    const kind: DirectiveKind =
      match[1] === 'disable-next-line' ? 'next-line' : match[1] === 'disable-line' ? 'line' : 'file';
    // The rule list runs to the end of the comment's line, a `--` reason separator, or a block comment's end.
    const afterStart = match.index + match[0].length;
    let listEnd = Math.min(comment.end, text.indexOf('\n', afterStart) === -1 ? text.length : text.indexOf('\n', afterStart));
    const list = text.slice(afterStart, listEnd);
    const cut = list.search(/--|\*\//);
    if (cut !== -1) listEnd = afterStart + cut;
    const ruleIds: SuppressionDirective['ruleIds'] = [];
    const ID = /[A-Za-z0-9_/@-]+/g;
    const segment = text.slice(afterStart, listEnd);
    for (let id = ID.exec(segment); id; id = ID.exec(segment)) {
      ruleIds.push({ id: id[0], range: { start: afterStart + id.index, end: afterStart + id.index + id[0].length } });
    }
    const commentStartLine = index.position(comment.start).line;
    const commentEndLine = index.position(comment.end).line;
    directives.push({
      kind,
      ruleIds,
      line: kind === 'next-line' ? commentEndLine + 1 : commentStartLine,
      comment,
    });
  }
  return directives;
}

/** Whether a finding of `ruleId` starting on `line` is covered by a directive. */
export function isSuppressed(directives: readonly SuppressionDirective[], ruleId: string, line: number): boolean {
  return directives.some(
    (d) =>
      (d.kind === 'file' || d.line === line) && (d.ruleIds.length === 0 || d.ruleIds.some((r) => r.id === ruleId)),
  );
}
