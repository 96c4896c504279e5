import type { Position } from './types';

/** Offset ↔ line/character conversion for one text (lines end at \n; a \r before it belongs to the line). */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.starts[lo] };
  }

  offset(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const lineEnd = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    return Math.min(this.starts[position.line] + Math.max(0, position.character), lineEnd);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** The line's text without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$/, '');
  }
}

/** Two edits that make the same change (several fixes adding one `import os`): applied together, it is made once. */
export function sameEdit(a: { start: number; end: number; newText: string }, b: { start: number; end: number; newText: string }): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

/** The edits with repeats of the same change removed, first occurrence kept. */
export function uniqueEdits<T extends { start: number; end: number; newText: string }>(edits: readonly T[]): T[] {
  return edits.filter((edit, i) => edits.findIndex((other) => sameEdit(edit, other)) === i);
}

/** Applies non-overlapping edits (any order) to a text. Overlapping edits throw: they mean a bug in a fix. */
export function applyEdits(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at offset ${edit.start}`);
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** Fills {{placeholders}} of a message template; unknown placeholders stay visible so a test can catch them. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    data && key in data ? String(data[key]) : whole,
  );
}
