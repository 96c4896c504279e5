/**
 * Fixture files per rule per language with inline expectation markers (Semgrep's style): under
 * test/fixtures/lang/<family>/, a comment `ruleid: <rule>` on the line before a line that must produce a finding of
 * that rule, `ok: <rule>` before a look-alike that must stay quiet (several ids: `ruleid: a, b`). Every finding in
 * a fixture needs a `ruleid` marker; every fix must leave code that parses as cleanly as before. Formats without
 * comments (strict JSON) list their expectations in a sibling `<file>.expect` (`<line> ruleid|ok <rule>` per line).
 *
 * The consistency check: every rule, on every language it claims (the adapters that supply its facts), has a
 * fixture with at least one positive and one negative case.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { adapterFor } from '../../server/src/engine/lang';
import { analyzeFile } from '../../server/src/engine/runner';
import { applyEdits, uniqueEdits } from '../../server/src/engine/text';
import { RULES } from '../../server/src/rules';

const ROOT = join(__dirname, '..', 'fixtures', 'lang');

interface Marker {
  /** 0-based line the marker speaks of (the next line that is not itself a marker). */
  line: number;
  kind: 'ruleid' | 'ok';
  rule: string;
}

const MARKER = /(?:\/\/|#|<!--|\/\*)\s*(ruleid|ok):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : name.endsWith('.expect') ? [] : [full];
  });
}

export function markersOf(path: string, text: string): Marker[] {
  const lines = text.split('\n');
  const markers: Marker[] = [];
  if (existsSync(`${path}.expect`)) {
    for (const row of readFileSync(`${path}.expect`, 'utf8').split('\n')) {
      const m = /^(\d+)\s+(ruleid|ok)\s+([a-z0-9-]+)\s*$/.exec(row.trim());
      if (m) markers.push({ line: Number(m[1]) - 1, kind: m[2] as Marker['kind'], rule: m[3] });
    }
    return markers;
  }
  const pending: { kind: Marker['kind']; rule: string }[] = [];
  lines.forEach((line, index) => {
    const m = MARKER.exec(line);
    // A marker line names the next line that is not a marker; an invalid-suppression case is a directive itself.
    if (m && line.trim().startsWith(m[0].slice(0, 2)) && !/twelve-factor-disable/.test(line)) {
      for (const rule of m[2].split(',')) pending.push({ kind: m[1] as Marker['kind'], rule: rule.trim() });
      return;
    }
    for (const p of pending.splice(0)) markers.push({ ...p, line: index });
  });
  return markers;
}

const fixtures = filesUnder(ROOT);

describe('marker fixtures per rule and language', () => {
  it('exist', () => assert.ok(fixtures.length > 0));
  for (const path of fixtures) {
    const name = relative(ROOT, path);
    it(name, async () => {
      const text = readFileSync(path, 'utf8');
      // Inside the fixture folder the file is production code of an app at the family folder's root.
      const relativePath = `app/${name.split('/').slice(1).join('/')}`;
      const result = await analyzeFile({ path: relativePath, text, relativePath });
      assert.deepEqual(result.ruleErrors, [], 'no rule throws');
      const markers = markersOf(path, text);
      assert.ok(markers.length > 0, `${name} has no markers`);
      const found = result.findings.map((f) => `${f.start.line + 1} ${f.ruleId}`);
      const expected = markers.filter((m) => m.kind === 'ruleid').map((m) => `${m.line + 1} ${m.rule}`);
      for (const m of markers.filter((m) => m.kind === 'ok')) {
        assert.ok(!found.includes(`${m.line + 1} ${m.rule}`), `${name}:${m.line + 1} must not report ${m.rule}`);
      }
      assert.deepEqual([...new Set(found)].sort(), [...new Set(expected)].sort(), `${name}: findings (left) vs ruleid markers (right)`);

      // Every fix leaves code that parses as cleanly as the fixture did.
      const adapter = adapterFor(relativePath)!;
      const before = await adapter.parse({ text, path: relativePath }, undefined);
      const cleanBefore = !before.syntaxErrors;
      before.release();
      for (const finding of result.findings) {
        for (const fix of [finding.fix, ...(finding.suggestions ?? [])]) {
          if (!fix) continue;
          const fixed = applyEdits(text, uniqueEdits(fix.edits));
          const after = await adapter.parse({ text: fixed, path: relativePath }, undefined);
          const clean = !after.syntaxErrors;
          after.release();
          if (cleanBefore) assert.ok(clean, `${name}:${finding.start.line + 1}: the fix '${fix.title}' leaves a syntax error`);
        }
      }
    });
  }

  it('every rule has a positive and a negative case in every language it claims', () => {
    const cases = new Map<string, { ruleid: number; ok: number }>();
    for (const path of fixtures) {
      const family = relative(ROOT, path).split('/')[0];
      for (const m of markersOf(path, readFileSync(path, 'utf8'))) {
        const key = `${m.rule} × ${family}`;
        const counts = cases.get(key) ?? { ruleid: 0, ok: 0 };
        counts[m.kind === 'ruleid' ? 'ruleid' : 'ok']++;
        cases.set(key, counts);
      }
    }
    const missing: string[] = [];
    for (const rule of RULES) {
      for (const family of rule.languages) {
        const counts = cases.get(`${rule.id} × ${family}`);
        if (!counts || counts.ruleid === 0 || counts.ok === 0) missing.push(`${rule.id} × ${family} (${counts ? `${counts.ruleid} positive, ${counts.ok} negative` : 'no fixture'})`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
