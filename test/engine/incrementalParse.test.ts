/**
 * The incremental tree-sitter path: a document's cache keeps its last tree, each new version edits it and reparses.
 * After every one of many random edits (inserts, deletes and replacements, ASCII and not) the findings and the tree
 * must be exactly those of a fresh parse of the same text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TreeSitterParseCache, parseTreeSitter, treeSitterEdit } from '../../server/src/engine/lang/treesitter';
import { analyzeFile, disposeAnalyzeCache, newAnalyzeCache } from '../../server/src/engine/runner';
import { seededRandom, type SeededRandom } from '../support/random';

const BASE = [
  '"""Orders service."""',
  'import logging',
  'import os',
  'from flask import Flask, request',
  '',
  'app = Flask(__name__)',
  'DATABASE_URL = "postgresql://app:s3cr3tPassw0rd@db.prod.acme-corp.net:5432/orders"',
  'CACHE_URL = os.environ.get("CACHE_URL", "redis://localhost:6379")',
  'handler = logging.FileHandler("/var/log/orders.log")',
  '# café ünïcødé 😀 before a finding',
  'SECRET_KEY = "django-insecure-q8Zr!x2Lm#pW7vT0yN4sK9bD3fH6jA1e"',
  '',
  'def create_order(rows, limit=10):',
  '    """Create orders."""',
  '    out = []',
  '    for row in rows:',
  '        if row.get("status") == "cancelled":',
  '            continue',
  '        out.append({**row, "name": "naïve 😀 value"})',
  '    return out',
  '',
  'if os.environ.get("FLASK_ENV") == "development":',
  '    app.config["SESSION_TYPE"] = "filesystem"',
  '',
  'if __name__ == "__main__":',
  '    app.run(host="0.0.0.0", port=5000)',
  '',
].join('\n');

const SNIPPETS = [
  'x',
  ' ',
  '\n',
  '(',
  ')',
  '"',
  "'",
  ':',
  '\n    ',
  'é',
  '😀',
  'ünï',
  '"redis://cache.internal:6379/0"',
  'app.run(port=8081)\n',
  'API_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"\n',
  'def f():\n    return 1\n',
  'logging.FileHandler("app.log")',
  '# twelve-factor-disable-next-line no-hardcoded-port\n',
];

/** A random edit of the text: insert, delete or replace, at any UTF-16 offset (surrogate pairs may be split). */
function randomEdit(text: string, r: SeededRandom): string {
  const start = r.int(0, text.length);
  const kind = r.int(0, 2);
  const end = kind === 0 ? start : Math.min(text.length, start + r.int(1, 12));
  const insert = kind === 1 ? '' : SNIPPETS[r.int(0, SNIPPETS.length - 1)];
  return text.slice(0, start) + insert + text.slice(end);
}

const comparable = (result: Awaited<ReturnType<typeof analyzeFile>>) => ({
  findings: result.findings,
  syntaxErrors: result.syntaxErrors,
  ruleErrors: result.ruleErrors,
});

describe('incremental tree-sitter parsing', () => {
  it('random edits: every version gives the findings of a fresh parse', async () => {
    const cache = newAnalyzeCache();
    const r = seededRandom(20261126);
    let text = BASE;
    let withFindings = 0;
    try {
      for (let step = 0; step < 300; step++) {
        // Now and then go back to the clean base, so most versions parse and carry findings.
        text = step % 60 === 0 ? BASE : randomEdit(text, r);
        const input = { path: 'app/orders.py', text, languageId: 'python' };
        const incremental = await analyzeFile(input, {}, cache);
        const fresh = await analyzeFile(input);
        assert.deepEqual(comparable(incremental), comparable(fresh), `step ${step}: ${JSON.stringify(text)}`);
        if (fresh.findings.length > 0) withFindings++;
      }
    } finally {
      disposeAnalyzeCache(cache);
    }
    assert.ok(withFindings > 100, `only ${withFindings} versions had findings: the comparison proved little`);
  });

  it('random edits: the edited tree is the fresh tree, node for node', async () => {
    const cache = new TreeSitterParseCache();
    const r = seededRandom(7);
    let text = BASE;
    try {
      for (let step = 0; step < 200; step++) {
        text = step % 50 === 0 ? BASE : randomEdit(text, r);
        const { tree } = await parseTreeSitter('python', text, cache);
        const fresh = (await parseTreeSitter('python', text)).tree;
        try {
          assert.equal(tree.rootNode.toString(), fresh.rootNode.toString(), `step ${step}: ${JSON.stringify(text)}`);
          assert.equal(tree.rootNode.endIndex, fresh.rootNode.endIndex);
        } finally {
          fresh.delete();
        }
      }
    } finally {
      cache.dispose();
    }
  });

  it('indices and columns are UTF-16 code units, as the edit computes them', async () => {
    const text = "s = 'é😀'\nt = 'ü😀x'; u = 1\n";
    const { tree } = await parseTreeSitter('python', text);
    try {
      const u = tree.rootNode.descendantsOfType('identifier').find((n) => n?.text === 'u')!;
      const offset = text.indexOf('u =');
      assert.equal(u.startIndex, offset);
      assert.deepEqual(u.startPosition, { row: 1, column: offset - text.indexOf('\n') - 1 });
    } finally {
      tree.delete();
    }
    const edit = treeSitterEdit(text, text.replace('ü😀x', 'ü😀xy'));
    const at = text.indexOf('x');
    assert.equal(edit.startIndex, at + 1);
    assert.equal(edit.oldEndIndex, at + 1);
    assert.equal(edit.newEndIndex, at + 2);
    assert.deepEqual(edit.startPosition, { row: 1, column: at + 1 - text.indexOf('\n') - 1 });
  });

  it('an edit never splits a surrogate pair', () => {
    // 😀 (U+1F600) and 😁 (U+1F601) share the high surrogate; the edit must cover the whole pair.
    const edit = treeSitterEdit("a = '😀'", "a = '😁'");
    assert.equal(edit.startIndex, 5);
    assert.equal(edit.oldEndIndex, 7);
    assert.equal(edit.newEndIndex, 7);
  });

  it('the same text reuses the kept tree; dispose frees it and later parses own their trees', async () => {
    const cache = new TreeSitterParseCache();
    const first = await parseTreeSitter('python', 'x = 1\n', cache);
    const again = await parseTreeSitter('python', 'x = 1\n', cache);
    assert.equal(first.cached, true);
    assert.equal(again.tree, first.tree);
    cache.dispose();
    assert.equal(cache.tree, undefined);
    const after = await parseTreeSitter('python', 'x = 2\n', cache);
    assert.equal(after.cached, false, 'a disposed cache keeps nothing: the caller owns the tree');
    assert.equal(cache.tree, undefined);
    after.tree.delete();
    // The runner on a disposed cache still analyses (and deletes its own tree).
    const result = await analyzeFile({ path: 'a.py', text: 'app.run(port=5000)\n' }, {}, { parses: new Map([['python', cache]]) });
    assert.equal(result.findings.length, 1);
  });
});
