/**
 * Pump strings for a regular expression: the characters its atoms consume, in source order, repeated. A regex that
 * backtracks polynomially (`\[[^\]]*\w-\w[^\]]*\]` on `[a-[a-[a-…`, `\s*…\s*(.*)$` on spaces then `\r`) takes
 * seconds on a few thousand characters of one of these; a linear one takes microseconds.
 */
import ts = require('typescript');
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface FoundRegex {
  file: string;
  line: number;
  source: string;
  flags: string;
}

/** Every regular-expression literal in the .ts files under `dir`, found by the TypeScript parser (not a text search). */
export function regexLiterals(dir: string, root = dir): FoundRegex[] {
  const out: FoundRegex[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      out.push(...regexLiterals(full, root));
      continue;
    }
    if (!name.endsWith('.ts')) continue;
    const sf = ts.createSourceFile(full, readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
    const stack: ts.Node[] = [sf];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = (node as ts.RegularExpressionLiteral).text;
        const slash = text.lastIndexOf('/');
        out.push({ file: relative(root, full), line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, source: text.slice(1, slash), flags: text.slice(slash + 1) });
      }
      ts.forEachChild(node, (child) => {
        stack.push(child);
      });
    }
  }
  return out;
}

const PROBES = ['a', 'A', '1', ' ', '_', '-', '.', '/', ':', '@', '!', '\\', '[', ']', '{', '}', '$', '<', '%', '\r', '\n', '\t', 'é'];

/** One character each position of the regex can consume, in source order (a class gives a member, or a non-member when negated). */
export function atoms(source: string, flags: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const e = source[++i];
      const map: Record<string, string> = { d: '1', w: 'a', s: ' ', D: 'a', W: '!', S: 'a', n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };
      if (e === 'b' || e === 'B') continue;
      if (e === 'x') { out.push(String.fromCharCode(parseInt(source.slice(i + 1, i + 3), 16))); i += 2; continue; }
      if (e === 'u' && source[i + 1] !== '{') { out.push(String.fromCharCode(parseInt(source.slice(i + 1, i + 5), 16))); i += 4; continue; }
      if (e === 'p' || e === 'P') { out.push(e === 'p' ? 'a' : '!'); i = source.indexOf('}', i); continue; }
      out.push(map[e] ?? e);
      continue;
    }
    if (source.startsWith('[^]', i)) {
      out.push('a', '\r');
      i += 2;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      const cls = new RegExp(source.slice(i, j + 1), flags.replace(/[gyd]/g, ''));
      const members = PROBES.filter((p) => cls.test(p));
      out.push(...members.slice(0, 2));
      i = j;
      continue;
    }
    if (c === '(') {
      if (source[i + 1] === '?') {
        // (?: (?= (?! (?<= (?<! (?<name>
        i += source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!' ? source.indexOf('>', i) - i : source[i + 2] === '<' ? 3 : 2;
      }
      continue;
    }
    if (c === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i))) {
      i = source.indexOf('}', i);
      continue;
    }
    if ('()|?*+^$'.includes(c)) continue;
    out.push(c === '.' ? 'a' : c);
  }
  return out.length > 0 ? out : ['a'];
}

const SUFFIXES = ['', '\r', '\rx\ry', '\n', '!', '\u0000', ']'];

/** Pump strings of about `length` characters: each run of 1–3 consecutive atoms repeated, after an optional first atom, before each suffix. */
export function pumpStrings(source: string, flags: string, length: number): string[] {
  const a = atoms(source, flags);
  const units = new Set<string>();
  for (let i = 0; i < a.length; i++) for (let k = 1; k <= 3 && i + k <= a.length; k++) units.add(a.slice(i, i + k).join(''));
  const prefixes = ['', a[0]];
  // The shapes the issue found, for every regex: lines of `[a-a\`, runs of `${` and `{{`, a name, spaces, then `\r`.
  // Sized so that each takes a linear regex microseconds and the cubic pattern it was found in a few seconds.
  const out: string[] = ['[a-a\\\n'.repeat(1_800), '${'.repeat(6_000), '{{'.repeat(6_000), `flask${' '.repeat(2_800)}\rx\ry`];
  for (const unit of units) {
    const body = unit.repeat(Math.ceil(length / unit.length));
    for (const prefix of prefixes) for (const suffix of SUFFIXES) out.push(prefix + body + suffix);
  }
  return out;
}
