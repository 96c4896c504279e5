#!/usr/bin/env node
// The one test command (npm test, and so .ci/run): type check, bundle, unit/table/protocol/CLI tests on node:test,
// then the end-to-end suites in a real VS Code (code-server's extension host). `--unit` stops before the e2e part.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const unitOnly = process.argv.includes('--unit');

function step(name, cmd, args, opts = {}) {
  console.log(`\n== ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

function testFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (name === 'fixtures' || name === 'e2e' || name === 'node_modules') continue;
    if (statSync(full).isDirectory()) out.push(...testFiles(full));
    else if (name.endsWith('.test.ts')) out.push(relative(root, full));
  }
  return out.sort();
}

step('type check (tsc -b)', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']);
step('bundle (esbuild)', process.execPath, [join(root, 'scripts/build.mjs')]);
step('unit, rule, protocol and CLI tests (node:test)', process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...testFiles(join(root, 'test'))]);
if (!unitOnly) step('end-to-end tests in VS Code (code-server)', process.execPath, [join(root, 'scripts/e2e.mjs')]);
