/**
 * Fixture files per rule per language with inline expectation markers (Semgrep's style): under test/fixtures/lang/,
 * `// ruleid: <rule>` on the line before a line that must produce a finding of that rule, `// ok: <rule>` before a
 * look-alike that must stay quiet. Every finding needs a `ruleid` marker. Each fix, and all of a file's fixes applied
 * together (fix-all), must leave code that the same grammar parses without an ERROR node.
 *
 * A rule that does not run on the language yet (its judge still reads another shape of fact) is checked on the
 * facts the adapter supplies for it instead: a listen site on each `ruleid` line of no-hardcoded-port, none on `ok`.
 * The file's role comes from its path below test/fixtures/lang/<language>/ (`_test.go`, `src/test/**` are tests).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { defineRule } from '../../server/src/engine/defineRule';
import type { ListenSite } from '../../server/src/engine/facts';
import { languageOf } from '../../server/src/engine/languages';
import { parseTreeSitter } from '../../server/src/engine/lang/treesitter';
import { analyzeFile } from '../../server/src/engine/runner';
import { applyEdits, LineIndex, uniqueEdits } from '../../server/src/engine/text';
import type { TextEdit, TreeSitterFamily } from '../../server/src/engine/types';
import { RULES } from '../../server/src/rules';

const ROOT = join(__dirname, '..', 'fixtures', 'lang');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

interface Marker {
  kind: 'ruleid' | 'ok';
  rule: string;
  /** 0-based line the marker is about: the next line that is not itself a marker. */
  line: number;
}

function markersOf(text: string): Marker[] {
  const lines = text.split('\n');
  const markers: Marker[] = [];
  const pattern = /^\s*(?:\/\/|#)\s*(ruleid|ok):\s*([\w-]+(?:\s*,\s*[\w-]+)*)\s*$/;
  lines.forEach((line, index) => {
    const match = pattern.exec(line);
    if (!match) return;
    let target = index + 1;
    while (target < lines.length && pattern.test(lines[target])) target++;
    for (const rule of match[2].split(',')) markers.push({ kind: match[1] as Marker['kind'], rule: rule.trim(), line: target });
  });
  return markers;
}

async function assertParses(family: TreeSitterFamily, text: string, what: string): Promise<void> {
  const { tree } = await parseTreeSitter(family, text);
  try {
    const errors: string[] = [];
    const visit = (node: typeof tree.rootNode) => {
      if (node.type === 'ERROR' || node.isMissing) errors.push(`${node.type} at ${node.startPosition.row + 1}:${node.startPosition.column + 1}`);
      for (const child of node.children) if (child) visit(child);
    };
    if (tree.rootNode.hasError) visit(tree.rootNode);
    assert.deepEqual(errors, [], `${what} does not parse:\n${text}`);
  } finally {
    tree.delete();
  }
}

/** The listen sites the adapter supplies, and the edits of a PORT read replacing each one's port. */
async function listenSitesOf(path: string, relativePath: string, text: string): Promise<{ site: ListenSite; edits: TextEdit[] }[]> {
  let found: { site: ListenSite; edits: TextEdit[] }[] = [];
  const probe = defineRule({
    id: 'probe-listen-sites',
    factor: 'VII',
    defaultSeverity: 'warning',
    description: 'Test probe.',
    messages: {},
    uses: ['listenSites'],
    check: (context) => {
      found = context.facts('listenSites').map((site) => {
        const read = context.envRead({
          name: 'PORT',
          fallback: { text: site.port.text, value: String(site.port.value) },
          ...(site.port.host !== undefined ? { prefix: `${site.port.host}:` } : {}),
          ...(site.dialect ? { dialect: site.dialect } : {}),
          at: site.port.range,
        });
        return { site, edits: [{ ...site.port.range, newText: read.text }, ...read.edits] };
      });
    },
  });
  const result = await analyzeFile({ path, text, relativePath }, { ruleSet: [probe] });
  assert.deepEqual(result.ruleErrors, []);
  return found;
}

for (const path of filesUnder(ROOT).sort()) {
  const spec = languageOf(path);
  if (!spec || spec.family === 'js') continue;
  const family = spec.family as TreeSitterFamily;
  const language = relative(ROOT, path).split('/')[0];
  const relativePath = relative(join(ROOT, language), path);
  describe(`markers: ${language}/${relativePath}`, () => {
    const text = readFileSync(path, 'utf8');
    const markers = markersOf(text);
    const index = new LineIndex(text);

    it('is valid code with markers', async () => {
      assert.ok(markers.length > 0, 'a marker fixture without markers');
      await assertParses(family, text, 'the fixture');
      for (const marker of markers) assert.ok(RULES.some((r) => r.id === marker.rule), `unknown rule ${marker.rule}`);
    });

    it('reports exactly the ruleid lines of the rules that run on it', async () => {
      const result = await analyzeFile({ path, text, relativePath });
      assert.deepEqual(result.ruleErrors, []);
      const running = new Set(RULES.filter((r) => r.languages.includes(family)).map((r) => r.id));
      const at = (rule: string, line: number) => result.findings.filter((f) => f.ruleId === rule && f.start.line === line);
      for (const marker of markers) {
        if (!running.has(marker.rule)) continue;
        const where = `${relativePath}:${marker.line + 1} (${marker.kind}: ${marker.rule})`;
        if (marker.kind === 'ruleid') assert.ok(at(marker.rule, marker.line).length > 0, `no finding at ${where}`);
        else assert.deepEqual(at(marker.rule, marker.line).map((f) => f.message), [], `a finding at ${where}`);
      }
      const expected = new Set(markers.filter((m) => m.kind === 'ruleid').map((m) => `${m.rule}@${m.line}`));
      const unexpected = result.findings.filter((f) => !expected.has(`${f.ruleId}@${f.start.line}`));
      assert.deepEqual(unexpected.map((f) => `${f.start.line + 1}: ${f.ruleId}: ${f.message}`), [], 'findings without a ruleid marker');
    });

    it('has fixes that leave code the grammar parses, one by one and all together', async () => {
      const result = await analyzeFile({ path, text, relativePath });
      const all: TextEdit[] = [];
      for (const finding of result.findings) {
        if (!finding.fix) continue;
        all.push(...finding.fix.edits);
        await assertParses(family, applyEdits(text, uniqueEdits(finding.fix.edits)), `the fix of ${finding.ruleId} at line ${finding.start.line + 1}`);
      }
      if (all.length > 0) await assertParses(family, applyEdits(text, uniqueEdits(all)), 'fix-all');
    });

    const portMarkers = markers.filter((m) => m.rule === 'no-hardcoded-port');
    const portRunsHere = RULES.some((r) => r.id === 'no-hardcoded-port' && r.languages.includes(family));
    if (portMarkers.length > 0 && !portRunsHere) {
      it('supplies a listen site on each no-hardcoded-port ruleid line, none on ok lines, with a PORT read that parses', async () => {
        const sites = await listenSitesOf(path, relativePath, text);
        const lines = sites.map(({ site }) => index.position(site.port.range.start).line);
        for (const marker of portMarkers) {
          const where = `${relativePath}:${marker.line + 1} (${marker.kind})`;
          assert.equal(lines.includes(marker.line), marker.kind === 'ruleid', `listen site ${marker.kind === 'ruleid' ? 'missing' : 'unexpected'} at ${where}`);
        }
        const expected = new Set(portMarkers.filter((m) => m.kind === 'ruleid').map((m) => m.line));
        assert.deepEqual(lines.filter((l) => !expected.has(l)).map((l) => l + 1), [], 'listen sites without a ruleid marker');
        const all: TextEdit[] = [];
        for (const { site, edits } of sites) {
          all.push(...edits);
          await assertParses(family, applyEdits(text, uniqueEdits(edits)), `the PORT read for ${site.call}`);
        }
        if (all.length > 0) await assertParses(family, applyEdits(text, uniqueEdits(all)), 'every PORT read together');
      });
    }
  });
}
