/**
 * The JS/TS editing path: `diffRange` (the change handed to ts.updateSourceFile, found block-wise) must be exactly the
 * longest common prefix and suffix, and a document analysed version after version through its cache (incremental
 * parse, per-file index rebuilt for each tree) must give the findings of a fresh analysis of the same text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffRange } from '../../server/src/engine/lang/js/parse';
import { analyzeFile, newAnalyzeCache } from '../../server/src/engine/runner';
import { seededRandom } from '../support/random';

/** The definition, one character at a time. */
function naiveDiff(before: string, after: string): { start: number; length: number; newLength: number } {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { start: prefix, length: before.length - prefix - suffix, newLength: after.length - prefix - suffix };
}

const SOURCE = [
  "import express from 'express';",
  "import fs from 'node:fs';",
  "import session from 'express-session';",
  'const app = express();',
  "const databaseUrl = 'postgres://app:s3cr3tPassw0rd@db.prod.acme-corp.net:5432/orders';",
  "const cacheUrl = process.env.CACHE_URL || 'redis://localhost:6379';",
  "const logStream = fs.createWriteStream('/var/log/orders.log', { flags: 'a' });",
  "app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));",
  '// café ünïcødé 😀 before a finding',
  'export function listOrders(rows, limit = 10) {',
  '  const out = [];',
  "  for (const row of rows) if (row.status !== 'cancelled') out.push({ ...row, name: 'naïve 😀 value' });",
  '  return out.slice(0, limit);',
  '}',
  'app.listen(3000);',
].join('\n');

describe('diffRange', () => {
  it('equals the character-wise longest common prefix and suffix, across block boundaries', () => {
    const { next } = seededRandom(7);
    const alphabet = 'ab\n😀';
    for (let round = 0; round < 3000; round++) {
      let before = '';
      const length = Math.floor(next() * 1500);
      for (let i = 0; i < length; i++) before += alphabet[Math.floor(next() * alphabet.length)];
      let after = before;
      const edits = Math.floor(next() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * (after.length + 1));
        after = after.slice(0, at) + 'ab'.slice(0, Math.floor(next() * 3)) + after.slice(at + Math.floor(next() * 5));
      }
      if (next() < 0.2) after = next() < 0.5 ? after + before : before + after;
      const range = diffRange(before, after);
      assert.deepEqual({ start: range.span.start, length: range.span.length, newLength: range.newLength }, naiveDiff(before, after), `round ${round}`);
    }
  });
});

describe('incremental JS analysis', () => {
  it('gives the findings of a fresh analysis after every one of many random edits', async () => {
    const { next } = seededRandom(11);
    const cache = newAnalyzeCache();
    const path = 'src/orders.js';
    let text = SOURCE.repeat(1) + '\n' + SOURCE.replace(/orders/g, 'invoices');
    const pieces = ["'", '"', '(', ')', '{', '}', ';', '\n', 'x', "'redis://cache.internal:6379'", 'app.listen(8080);', ' ', ''];
    let findingsSeen = 0;
    for (let round = 0; round < 120; round++) {
      const at = Math.floor(next() * (text.length + 1));
      const removed = Math.floor(next() * 4);
      text = text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at + removed);
      const incremental = await analyzeFile({ path, text }, {}, cache);
      const fresh = await analyzeFile({ path, text });
      assert.deepEqual(incremental, fresh, `round ${round}`);
      findingsSeen += fresh.findings.length;
    }
    assert.ok(findingsSeen > 0, 'the edited text keeps findings to compare');
  });
});
