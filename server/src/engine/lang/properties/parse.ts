/**
 * A tokenizer of Java `.properties` files, as `java.util.Properties.load` reads them, with offsets:
 * - a natural line ends at `\n`, `\r` or `\r\n`; its leading spaces, tabs and form feeds are skipped;
 * - a line whose first other character is `#` or `!` is a comment (never continued), a blank line is nothing;
 * - a line ending in an odd number of backslashes continues on the next one, whose leading whitespace is skipped;
 * - the key runs to the first unescaped `=`, `:` or whitespace; whitespace, then at most one `=` or `:`, then
 *   whitespace separate it from the value, which runs to the end of the logical line;
 * - escapes: `\t`, `\n`, `\r`, `\f`, `\uXXXX`; a backslash before any other character is dropped.
 * A `#` inside a value is part of the value. A malformed `\u` escape is kept as written and flagged.
 */
import type { OffsetRange } from '../../types';

export interface PropertyEntry {
  key: string;
  keyRange: OffsetRange;
  value: string;
  /** From the value's first character to the end of its logical line (continuations included); empty at the end. */
  valueRange: OffsetRange;
}

export interface PropertiesFile {
  entries: PropertyEntry[];
  comments: OffsetRange[];
  /** A malformed `\uXXXX` escape (Properties.load would throw on it). */
  malformed: boolean;
}

const isBlank = (c: string) => c === ' ' || c === '\t' || c === '\f';
const isEol = (c: string) => c === '\n' || c === '\r';

export function parseProperties(text: string): PropertiesFile {
  const entries: PropertyEntry[] = [];
  const comments: OffsetRange[] = [];
  let malformed = false;
  const n = text.length;
  let i = 0;

  /** Past a line break at `i` (`\r\n` counts as one). */
  const skipEol = (at: number) => (text[at] === '\r' && text[at + 1] === '\n' ? at + 2 : at + 1);

  /**
   * Reads one logical-line segment (key or value) from `i`, decoding escapes and following continuations. Stops at
   * the end of the logical line, or (for a key) at an unescaped separator or whitespace. Returns the decoded text and
   * the offset just past the last character read.
   */
  const readSegment = (forKey: boolean): { text: string; end: number } => {
    let out = '';
    let end = i;
    while (i < n) {
      const c = text[i];
      if (isEol(c)) break;
      if (forKey && (c === '=' || c === ':' || isBlank(c))) break;
      if (c === '\\') {
        const next = text[i + 1];
        if (next === undefined) {
          i++; // a lone backslash at the end of the file
          end = i;
          break;
        }
        if (isEol(next)) {
          // A continuation: the next natural line goes on, without its leading whitespace.
          i = skipEol(i + 1);
          while (i < n && isBlank(text[i])) i++;
          continue;
        }
        if (next === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (/^[0-9a-fA-F]{4}$/.test(hex)) {
            out += String.fromCharCode(parseInt(hex, 16));
            i += 6;
          } else {
            malformed = true;
            out += '\\u';
            i += 2;
          }
          end = i;
          continue;
        }
        out += next === 't' ? '\t' : next === 'n' ? '\n' : next === 'r' ? '\r' : next === 'f' ? '\f' : next;
        i += 2;
        end = i;
        continue;
      }
      out += c;
      i++;
      end = i;
    }
    return { text: out, end };
  };

  while (i < n) {
    while (i < n && isBlank(text[i])) i++;
    if (i >= n) break;
    const c = text[i];
    if (isEol(c)) {
      i = skipEol(i);
      continue;
    }
    if (c === '#' || c === '!') {
      const start = i;
      while (i < n && !isEol(text[i])) i++;
      comments.push({ start, end: i });
      continue;
    }
    const keyStart = i;
    const key = readSegment(true);
    const keyRange = { start: keyStart, end: key.end };
    // Separator: whitespace, at most one `=` or `:`, whitespace (continuations may sit in between).
    let sawSeparator = false;
    for (;;) {
      if (i < n && isBlank(text[i])) i++;
      else if (!sawSeparator && (text[i] === '=' || text[i] === ':')) {
        sawSeparator = true;
        i++;
      } else if (text[i] === '\\' && isEol(text[i + 1] ?? '')) {
        i = skipEol(i + 1);
      } else break;
    }
    const valueStart = i;
    const value = readSegment(false);
    entries.push({ key: key.text, keyRange, value: value.text, valueRange: { start: valueStart, end: Math.max(valueStart, value.end) } });
    // readSegment stopped at the line break (or the end of the file); the loop skips it.
  }
  return { entries, comments, malformed };
}
