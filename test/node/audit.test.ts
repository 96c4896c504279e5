/**
 * The workspace audit as a library (the language server calls it too): progress, cancellation, each file read
 * once, unreadable files reported rather than thrown, and a root that cannot be read.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { auditWorkspace, AuditInputError } from '../../server/src/node/audit';

const SERVER = "const express = require('express');\nconst app = express();\napp.listen(3000);\n";

let root: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'twelve-factor-ws-'));
  const files: Record<string, string> = {
    'package.json': '{ "name": "ws", "version": "1.0.0", "dependencies": { "express": "4.19.2" } }\n',
    'package-lock.json': '{ "name": "ws", "lockfileVersion": 3, "packages": {} }\n',
    'src/a.js': SERVER,
    'src/b.js': 'module.exports = 1;\n',
    'src/c.ts': 'export const c = 2;\n',
    'src/locked.js': SERVER,
    'worker/main.py': 'import os\nprint(os.environ["PORT"])\n',
    'README.md': '# ws\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
});
after(() => rmSync(root, { recursive: true, force: true }));

/** Counts reads of files under the root, and makes `src/locked.js` unreadable, while `run` is awaited. */
async function watchingReads<T>(run: () => Promise<T>): Promise<{ result: T; reads: Map<string, number> }> {
  const reads = new Map<string, number>();
  const count = (p: unknown) => {
    const path = String(p);
    if (path.startsWith(root)) reads.set(path.slice(root.length + 1), (reads.get(path.slice(root.length + 1)) ?? 0) + 1);
    return path;
  };
  const originalAsync = fs.promises.readFile;
  const originalSync = fs.readFileSync;
  fs.promises.readFile = (async (p: fs.PathLike | fs.promises.FileHandle, ...rest: unknown[]) => {
    if (count(p).endsWith('locked.js')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    return (originalAsync as (...a: unknown[]) => Promise<unknown>)(p, ...rest);
  }) as typeof fs.promises.readFile;
  (fs as { readFileSync: unknown }).readFileSync = (p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    count(p);
    return (originalSync as (...a: unknown[]) => unknown)(p, ...rest);
  };
  try {
    return { result: await run(), reads };
  } finally {
    fs.promises.readFile = originalAsync;
    (fs as { readFileSync: unknown }).readFileSync = originalSync;
  }
}

describe('auditWorkspace', () => {
  it('reads every file at most once, and reports an unreadable one as skipped instead of failing', async () => {
    const { result, reads } = await watchingReads(() => auditWorkspace(root));
    assert.ok(reads.size >= 5, `reads seen: ${[...reads.keys()].join(', ')}`);
    for (const [path, n] of reads) assert.equal(n, 1, `${path} read ${n} times`);
    assert.deepEqual(result.skipped, [{ path: 'src/locked.js', reason: 'unreadable', detail: 'permission denied' }]);
    assert.deepEqual(result.analyzedFiles, ['src/a.js', 'src/b.js', 'src/c.ts', 'worker/main.py']);
    assert.ok(result.findings.some((f) => f.path === 'src/a.js' && f.ruleId === 'no-hardcoded-port'));
  });

  it('reports progress for every supported file, ending at the total', async () => {
    const seen: { done: number; total: number; path: string }[] = [];
    await auditWorkspace(root, {}, { onProgress: (p) => seen.push(p) });
    assert.deepEqual(seen.map((p) => p.done), [1, 2, 3, 4, 5]);
    assert.ok(seen.every((p) => p.total === 5));
    assert.deepEqual(seen.map((p) => p.path).sort(), ['src/a.js', 'src/b.js', 'src/c.ts', 'src/locked.js', 'worker/main.py']);
  });

  it('stops when the signal aborts, before or during the audit', async () => {
    const early = new AbortController();
    early.abort();
    await assert.rejects(auditWorkspace(root, {}, { signal: early.signal }), { name: 'AbortError' });

    const midway = new AbortController();
    let progressAfterAbort = 0;
    await assert.rejects(
      auditWorkspace(root, { concurrency: 1 }, {
        signal: midway.signal,
        onProgress: ({ done }) => {
          if (midway.signal.aborted) progressAfterAbort++;
          if (done === 1) midway.abort();
        },
      }),
      { name: 'AbortError' },
    );
    assert.equal(progressAfterAbort, 0, 'no file is analysed after the abort');
  });

  it('throws an AuditInputError for a root that does not exist', async () => {
    await assert.rejects(auditWorkspace(join(root, 'nope')), (error: unknown) => {
      assert.ok(error instanceof AuditInputError);
      assert.match(error.message, /cannot read '.*nope': no such file or directory/);
      return true;
    });
  });

  it('audits a single file with its folder as the root', async () => {
    const result = await auditWorkspace(join(root, 'src', 'a.js'));
    assert.equal(result.root, join(root, 'src'));
    assert.deepEqual(result.analyzedFiles, ['a.js']);
    assert.deepEqual([...new Set(result.findings.map((f) => f.path))], ['a.js']);
  });
});
