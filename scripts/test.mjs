#!/usr/bin/env node
// The one test command (npm test, and so .ci/run): type check, bundle, unit/table/protocol/CLI tests on node:test,
// then the end-to-end suites in a real VS Code (code-server's extension host). `--unit` stops before the e2e part.
import { spawn, spawnSync } from 'node:child_process';
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

/** Runs a step whose output is streamed through and scanned for its pass/fail counts. */
function countedStep(name, args, counts) {
  console.log(`\n== ${name}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) counts(line);
    });
    child.on('close', (code, signal) => {
      if (pending) counts(pending);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const total = { passed: 0, failed: 0 };
function finish(code) {
  // One closing line for the whole run (unit + e2e), in the plain form CI reads.
  console.log(`\ntotal: ${total.passed} passed, ${total.failed} failed`);
  process.exit(code);
}

step('type check (tsc -b)', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']);
step('bundle (esbuild)', process.execPath, [join(root, 'scripts/build.mjs')]);
const unitCode = await countedStep(
  'unit, rule, protocol and CLI tests (node:test)',
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...testFiles(join(root, 'test'))],
  (line) => {
    const m = /^[ℹ#] (pass|fail) (\d+)\s*$/.exec(line);
    if (m) total[m[1] === 'pass' ? 'passed' : 'failed'] += Number(m[2]);
  },
);
if (unitCode !== 0) {
  console.error(`\nunit tests failed (exit ${unitCode})`);
  if (total.failed === 0) total.failed = 1;
  finish(1);
}
if (unitOnly) finish(0);
const e2eCode = await countedStep('end-to-end tests in VS Code (code-server)', [join(root, 'scripts/e2e.mjs')], (line) => {
  const m = /^e2e: (\d+) passed, (\d+) failed\s*$/.exec(line);
  if (m) {
    total.passed += Number(m[1]);
    total.failed += Number(m[2]);
  }
});
if (e2eCode !== 0 && total.failed === 0) total.failed = 1;
finish(e2eCode === 0 ? 0 : 1);
