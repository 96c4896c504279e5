/**
 * Issue 13, item 3: no regular expression in server/src backtracks polynomially. Every regex literal (found by the
 * TypeScript parser, so none is missed by a text search) is run against pump strings built from its own atoms
 * (test/support/regexPump.ts) at two lengths, and judged by how its time GROWS, not by how long it takes: a linear
 * regex takes about 4× as long on 4× the input, a quadratic one 16×, a cubic one 64×; cubic and worse fail. A wall-clock budget failed on
 * a loaded CI machine for a linear regex; a growth ratio (best of three runs each) does not depend on the machine's
 * speed. This guards against cubic blow-ups such as the secret rule's character-class test (12 KB of `[a-a\` took
 * 6-10 s) and the requirements parser (`flask` + spaces + `\rx\ry` took 50 s). Regexes built at run time
 * (`new RegExp(...)`) are not covered.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pumpStrings, regexLiterals } from '../support/regexPump';

const SHORT = 750;
const LONG = 3_000; // 4 × SHORT
/**
 * Below this on the long input a regex is fast enough whatever its growth (and timer noise dominates smaller
 * figures). The regexes here run on names, lines and values, not on whole files, so quadratic growth that stays
 * under it is harmless.
 */
const NOISE_FLOOR_MS = 250;
/**
 * Growth from SHORT to LONG above this is worse than quadratic: linear is 4, quadratic 16, cubic 64. Quadratic
 * regexes measured here under load read up to ×30; the cubic ones of the issue read ×60 and more.
 */
const MAX_GROWTH = 40;
/**
 * A run stops here (a cubic regex would otherwise run for minutes). Linear regexes take a few ms on the short input,
 * so a run that reaches this on it is catastrophic on any machine.
 */
const STOP_MS = 4_000;

function timeOnPumps(regex: RegExp, source: string, flags: string, length: number): number {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    for (const input of pumpStrings(source, flags, length)) {
      regex.lastIndex = 0;
      regex.test(input);
      if (performance.now() - started > STOP_MS) break;
    }
    best = Math.min(best, performance.now() - started);
    if (best > STOP_MS) break;
  }
  return best;
}

/** Undefined when the regex grows linearly on its pump strings, else a description of the growth. */
function superLinear(source: string, flags: string): string | undefined {
  // `g` only changes where a search starts; without it every start is tried (the worse case). `y` stays.
  const regex = new RegExp(source, flags.replace('g', ''));
  const short = timeOnPumps(regex, source, flags, SHORT);
  // Seconds on the short input: catastrophic whatever the growth (the patterns take 15-20 s here).
  if (short > STOP_MS) return `over ${STOP_MS} ms at ${SHORT} chars`;
  const long = timeOnPumps(regex, source, flags, LONG);
  if (long < NOISE_FLOOR_MS) return undefined;
  const growth = long / Math.max(short, 0.05);
  return growth > MAX_GROWTH ? `${Math.round(short)} ms at ${SHORT} chars, ${Math.round(long)} ms at ${LONG} (×${growth.toFixed(1)})` : undefined;
}

describe('regular expressions under pump strings', () => {
  const found = regexLiterals(join(__dirname, '..', '..', 'server', 'src'));

  it('finds the regex literals of the rules and the engine', () => {
    assert.ok(found.length > 200, `only ${found.length} found`);
    assert.ok(found.some((r) => r.file.startsWith('rules/')) && found.some((r) => r.file.startsWith('engine/')));
    // The language adapters hold most of the parsing patterns: every adapter folder is scanned.
    for (const adapter of ['js', 'python', 'go', 'java', 'config', 'properties']) {
      assert.ok(found.some((r) => r.file.startsWith(`engine/lang/${adapter}/`)), `no regex found under engine/lang/${adapter}/`);
    }
  });

  it(`no regex grows more than ×${MAX_GROWTH} from ${SHORT}- to ${LONG}-character pump strings`, () => {
    const slow: string[] = [];
    for (const r of found) {
      const growth = superLinear(r.source, r.flags);
      if (growth) slow.push(`${r.file}:${r.line} /${r.source}/${r.flags}: ${growth}`);
    }
    assert.deepEqual(slow, []);
  });

  it('the growth check catches the polynomial patterns the issue found', () => {
    const cases = [
      String.raw`\\[wdsbWDSB]|\(\?[:=!<P]|\[\^|\.[*+]\?|\[[^\]]*\w-\w[^\]]*\][*+?{]`, // the old secret-rule test
      String.raw`^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$`, // the old requirements parser
    ];
    for (const source of cases) assert.ok(superLinear(source, ''), `/${source}/ was not caught`);
  });
});
