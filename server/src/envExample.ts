/**
 * `.env.example` bookkeeping for fixes: which variable names a file already documents, and the text to append for
 * the missing ones. Names only — a value never goes into this file.
 */

/** A dotenv key: `NAME=…`, `export NAME=…`, or a commented-out `# NAME=…` (documented, deliberately unset). */
const KEY = /^\s*(?:#\s*)?(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=/;

export function documentedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const match = KEY.exec(line);
    if (match) names.add(match[1]);
  }
  return names;
}

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names to add, in order, without duplicates, invalid names, or names the file already has. */
export function missingNames(existing: string | undefined, names: readonly string[]): string[] {
  const present = existing === undefined ? new Set<string>() : documentedNames(existing);
  const out: string[] = [];
  for (const name of names) {
    if (!VALID_NAME.test(name) || present.has(name) || out.includes(name)) continue;
    out.push(name);
  }
  return out;
}

export const ENV_EXAMPLE_HEADER = '# Environment variables this app reads. Names only: set the values in each deploy\'s environment.';

/**
 * Text to insert at the end of `existing` (or the whole new file when `existing` is undefined) so that every name in
 * `missing` gets a `NAME=` line. Keeps the file's line ending style.
 */
export function appendText(existing: string | undefined, missing: readonly string[]): string {
  if (missing.length === 0) return '';
  const eol = existing?.includes('\r\n') ? '\r\n' : '\n';
  const lines = missing.map((name) => `${name}=${eol}`).join('');
  if (existing === undefined) return `${ENV_EXAMPLE_HEADER}${eol}${lines}`;
  const needsBreak = existing.length > 0 && !existing.endsWith('\n');
  return (needsBreak ? eol : '') + lines;
}
