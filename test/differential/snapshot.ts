/**
 * The differential snapshot: every finding (rule, range, message, severity, fixes with their edits) that the engine
 * gives on the repository's own fixtures, the examples and the benchmark's generated corpus, in one stable JSON
 * document. A refactor that must not change behaviour is checked against the committed snapshot
 * (test/differential/differential.test.ts); a change that means to change findings regenerates it on purpose:
 *
 *     node --import tsx test/differential/snapshot.ts --update
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { auditWorkspace } from '../../server/src/node/audit';

const root = join(__dirname, '..', '..');
export const SNAPSHOT_FILE = join(__dirname, 'findings.json');

export interface SnapshotRow {
  root: string;
  path: string;
  ruleId: string;
  severity: string;
  range: [number, number];
  message: string;
  fix?: unknown;
  suggestions?: unknown;
}

/** Roots audited, relative to the repository; the generated corpus is written to a temporary folder. */
const ROOTS = ['examples/express-app', 'examples/clean-app', 'test/fixtures'];

export async function takeSnapshot(): Promise<SnapshotRow[]> {
  // The corpus generator is plain JavaScript shared with the benchmark.
  const { ensureCorpus } = (await import(join(root, 'bench/corpus.mjs'))) as { ensureCorpus(dir: string, o: { size: string }): void };
  const corpus = mkdtempSync(join(tmpdir(), 'tf-differential-'));
  try {
    ensureCorpus(corpus, { size: 'quick' });
    const rows: SnapshotRow[] = [];
    for (const [name, dir] of [...ROOTS.map((r) => [r, join(root, r)]), ['bench-corpus-quick', corpus]]) {
      const result = await auditWorkspace(dir, { nonProductionFiles: 'hint', concurrency: 2 });
      for (const f of result.findings) {
        // The marker fixtures (test/fixtures/lang) check themselves, finding by finding (test/lang/markers.test.ts).
        if (name === 'test/fixtures' && f.path.startsWith('lang/')) continue;
        rows.push({
          root: name,
          path: f.path,
          ruleId: f.ruleId,
          severity: f.severity,
          range: [f.range.start, f.range.end],
          message: f.message,
          ...(f.fix ? { fix: f.fix } : {}),
          ...(f.suggestions?.length ? { suggestions: f.suggestions } : {}),
        });
      }
      for (const e of result.ruleErrors) rows.push({ root: name, path: relative(dir, dir), ruleId: 'rule-error', severity: 'error', range: [0, 0], message: e });
    }
    return rows;
  } finally {
    rmSync(corpus, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void (async () => {
    const rows = await takeSnapshot();
    if (process.argv.includes('--update')) {
      writeFileSync(SNAPSHOT_FILE, `${JSON.stringify(rows, null, 0).replace(/\},\{"root"/g, '},\n{"root"')}\n`);
      console.log(`snapshot: ${rows.length} findings written to ${relative(root, SNAPSHOT_FILE)}`);
    } else {
      const before = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as SnapshotRow[];
      console.log(`snapshot: ${rows.length} findings now, ${before.length} in ${relative(root, SNAPSHOT_FILE)}`);
    }
  })();
}
