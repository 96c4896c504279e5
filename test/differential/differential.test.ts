// Behaviour is pinned: the findings (rule, range, message, severity, fix edits) on the fixtures, the examples and the
// benchmark's generated corpus equal the committed snapshot. A change meant to alter findings regenerates it on
// purpose (`node --import tsx test/differential/snapshot.ts --update`) and the diff shows what changed.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SNAPSHOT_FILE, takeSnapshot, type SnapshotRow } from './snapshot';

const key = (r: SnapshotRow) => `${r.root}/${r.path}:${r.range[0]}-${r.range[1]} ${r.ruleId}`;

test('findings on fixtures, examples and the generated corpus equal the committed snapshot', { timeout: 180_000 }, async () => {
  const before = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as SnapshotRow[];
  const after = await takeSnapshot();
  const beforeByKey = new Map(before.map((r) => [key(r), r]));
  const afterByKey = new Map(after.map((r) => [key(r), r]));
  const gone = before.filter((r) => !afterByKey.has(key(r))).map(key);
  const added = after.filter((r) => !beforeByKey.has(key(r))).map(key);
  assert.deepEqual({ gone: gone.slice(0, 20), added: added.slice(0, 20) }, { gone: [], added: [] });
  for (const row of after) assert.deepEqual(row, beforeByKey.get(key(row)), key(row));
  assert.equal(after.length, before.length);
});
