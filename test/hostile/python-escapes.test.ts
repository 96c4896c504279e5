/**
 * Issue 13, item 2: a string the Python interpreter would reject (`"\x"`, `"\U00110000"`) made the escape decoder
 * throw (String.fromCodePoint(NaN)), which switched off every rule that reads literal values for the whole file, so
 * a real credential URL next to it went unreported.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePyEscapes } from '../../server/src/engine/lang/python/ast';
import { analyzeFile } from '../../server/src/engine/runner';

describe('Python escape decoding is lenient', () => {
  it('keeps escapes it cannot decode as written', () => {
    assert.equal(decodePyEscapes('a\\xzz'), 'a\\xzz');
    assert.equal(decodePyEscapes('\\x'), '\\x');
    assert.equal(decodePyEscapes('\\u12'), '\\u12');
    assert.equal(decodePyEscapes('\\U00110000'), '\\U00110000');
    assert.equal(decodePyEscapes('\\x41\\u00e9\\U0001F600\\n'), 'A\u00e9\u{1F600}\n');
  });

  for (const odd of ['"\\x"', '"\\xg1"', '"\\u00"', '"\\U00110000"', '"\\U"']) {
    it(`a credential URL is still reported next to ${odd}`, async () => {
      const text = `ODD = ${odd}\nDATABASE_URL = "postgres://app:Hq7zPx2Lm9@db.acme.io:5432/app"\n`;
      const result = await analyzeFile({ path: 'app/settings.py', text });
      assert.deepEqual(result.ruleErrors, []);
      assert.ok(result.findings.some((f) => f.ruleId === 'no-credentials-in-url'), JSON.stringify(result.findings.map((f) => f.ruleId)));
    });
  }
});
