/**
 * Rules' tree-sitter queries share one run per tree (parse/treesitter.ts treeMatches): the combined query's matches,
 * split by source, must be exactly each query's own matches — same patterns, captures, nodes and order — and, for
 * the queries rules read node by node, the nodes read from matches (pyCapturedNodes) exactly what `captures()` lists.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { QueryMatch } from 'web-tree-sitter';
import { compiledQuery, parseTreeSitter, sharedQuerySources, treeMatches } from '../../server/src/engine/lang/treesitter';
import { pyCallsNamed, pyCapturedNodes } from '../../server/src/engine/lang/python/ast';
import { analyzeFile } from '../../server/src/engine/runner';

const FIXTURES = join(__dirname, '..', 'fixtures');

function pythonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...pythonFiles(full));
    else if (entry.name.endsWith('.py')) out.push(full);
  }
  return out.sort();
}

const shape = (matches: QueryMatch[]) =>
  matches.map((m) => ({ pattern: m.patternIndex, captures: m.captures.map((c) => `${c.name}:${c.node.id}:${c.node.startIndex}-${c.node.endIndex}`) }));

describe('shared query runs', () => {
  const files = pythonFiles(FIXTURES);

  it('the fixtures hold enough Python to prove something', () => {
    assert.ok(files.length >= 50, `${files.length} Python fixtures`);
  });

  it('every rule query: the shared matches equal the query run alone, on every Python fixture', async () => {
    // One analysis of each file registers every source the rules ask for.
    for (const file of files) await analyzeFile({ path: 'app/x.py', text: readFileSync(file, 'utf8') });
    let compared = 0;
    let nonEmpty = 0;
    for (const file of files) {
      const { tree, language } = await parseTreeSitter('python', readFileSync(file, 'utf8'));
      try {
        const sources = sharedQuerySources(language);
        assert.ok(sources.length >= 10, `only ${sources.length} shared sources`);
        for (const source of sources) {
          const shared = treeMatches(tree, language, source);
          const alone = compiledQuery(language, source).matches(tree.rootNode);
          assert.deepEqual(shape(shared), shape(alone), `${file}: ${source}`);
          compared++;
          if (alone.length > 0) nonEmpty++;
          // configLiterals reads its (nested) query by match; captures() lists such nested captures out of order.
          if (source.includes('@positional')) continue;
          for (const name of new Set(alone.flatMap((m) => m.captures.map((c) => c.name)))) {
            const fromCaptures: number[] = [];
            for (const capture of compiledQuery(language, source).captures(tree.rootNode)) {
              if (capture.name === name && !fromCaptures.includes(capture.node.id)) fromCaptures.push(capture.node.id);
            }
            assert.deepEqual(pyCapturedNodes(shared, name).map((n) => n.id), fromCaptures, `${file}: @${name} of ${source}`);
          }
        }
      } finally {
        tree.delete();
      }
    }
    assert.ok(nonEmpty > 200, `only ${nonEmpty} of ${compared} comparisons had matches`);
  });

  it('pyCallsNamed finds the calls a #any-of? query on the called name finds, in the same order', async () => {
    const nameSets = [
      ['save', 'FileSystemStorage', 'write_bytes', 'open'],
      ['basicConfig', 'add', 'FileHandler', 'RotatingFileHandler', 'TimedRotatingFileHandler'],
      ['run', 'listen', 'bind', 'TCPSite', 'HTTPServer', 'add_insecure_port'],
    ];
    let found = 0;
    for (const file of files) {
      const { tree, language } = await parseTreeSitter('python', readFileSync(file, 'utf8'));
      try {
        for (const names of nameSets) {
          const source = `(call function: [(identifier) @name (attribute attribute: (identifier) @name)] (#any-of? @name ${names.map((n) => `"${n}"`).join(' ')})) @call`;
          const expected: number[] = [];
          for (const capture of compiledQuery(language, source).captures(tree.rootNode)) {
            if (capture.name === 'call' && !expected.includes(capture.node.id)) expected.push(capture.node.id);
          }
          const actual = pyCallsNamed(tree.rootNode, new Set(names)).map((n) => n.id);
          assert.deepEqual(actual, expected, `${file}: ${names.join(', ')}`);
          found += actual.length;
        }
      } finally {
        tree.delete();
      }
    }
    assert.ok(found >= 20, `only ${found} calls found: the comparison proved little`);
  });

  it('findings do not depend on whether a query ran alone or in the shared run', async () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const relativePath = file.slice(FIXTURES.length + 1);
      const first = await analyzeFile({ path: relativePath, text });
      const again = await analyzeFile({ path: relativePath, text });
      assert.deepEqual(again, first, relativePath);
    }
  });
});
