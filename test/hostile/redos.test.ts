/**
 * Issue 13, item 3: no regular expression in server/src backtracks polynomially. Every regex literal (found by the
 * TypeScript parser, so none is missed by a text search) is run against pump strings built from its own atoms
 * (test/support/regexPump.ts) under a generous time budget: this guards against cubic blow-ups such as the secret
 * rule's character-class test (12 KB of `[a-a\` took 6-10 s) and the requirements parser (`flask` + spaces + `\rx\ry`
 * took 50 s), not micro-speed. Regexes built at run time (`new RegExp(...)`) are not covered.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pumpStrings, regexLiterals } from '../support/regexPump';

const PUMP_LENGTH = 3_000;
/** Per regex, for all its pump strings together. A linear regex needs a few ms; a cubic one needs minutes. */
const BUDGET_MS = 1_500;

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

  it(`every regex handles ${PUMP_LENGTH}-character pump strings within ${BUDGET_MS} ms`, () => {
    const slow: string[] = [];
    for (const r of found) {
      // `g` only changes where a search starts; without it every start is tried (the worse case). `y` stays.
      const regex = new RegExp(r.source, r.flags.replace('g', ''));
      const started = performance.now();
      for (const input of pumpStrings(r.source, r.flags, PUMP_LENGTH)) {
        regex.lastIndex = 0;
        regex.test(input);
        if (performance.now() - started > BUDGET_MS) break;
      }
      const spent = performance.now() - started;
      if (spent > BUDGET_MS) slow.push(`${r.file}:${r.line} /${r.source}/${r.flags} (${Math.round(spent)} ms)`);
    }
    assert.deepEqual(slow, []);
  });

  it('the pump strings catch the polynomial patterns the issue found', () => {
    const cases = [
      String.raw`\\[wdsbWDSB]|\(\?[:=!<P]|\[\^|\.[*+]\?|\[[^\]]*\w-\w[^\]]*\][*+?{]`, // the old secret-rule test
      String.raw`^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$`, // the old requirements parser
    ];
    for (const source of cases) {
      const regex = new RegExp(source);
      const started = performance.now();
      for (const input of pumpStrings(source, '', PUMP_LENGTH)) {
        regex.test(input);
        if (performance.now() - started > BUDGET_MS) break;
      }
      assert.ok(performance.now() - started > BUDGET_MS, `/${source}/ was not caught`);
    }
  });
});
