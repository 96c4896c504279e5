#!/usr/bin/env node
// End-to-end tests in a real VS Code (1.100.3, as code-server) without downloading one:
//   1. setup (cached): code-server, chromium, playwright-core — scripts/setup-vscode-host.mjs
//   2. bundle if a source is newer than its output — scripts/build.mjs
//   3. the mocha suites of test/e2e/suite inside the extension host, on a copy of test/e2e/fixtures/workspace
//      (extensionDevelopmentPath = this repo, extensionTestsPath = out/test/e2e/suite/index, passed in the URL)
//   4. the UI check: the packaged .vsix in a fresh code-server, seen through the browser — scripts/ui-check.mjs
//   5. a second, independent LSP client: headless Neovim against the bundled server — scripts/nvim-check.mjs
// Exit code 0 only if every test passed; the last line is `e2e: N passed, N failed`.
// Flags: --no-ui skips step 4, --no-nvim step 5. Env: E2E_TIMEOUT_MS (whole mocha run, default 600000), E2E_VERBOSE=1 (all logs).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { setupVscodeHost } from './setup-vscode-host.mjs';
import { launchBrowser, pollUntil, remoteUri, startCodeServer } from './vscode-host.mjs';
import { runUiCheck } from './ui-check.mjs';
import { runNvimCheck } from './nvim-check.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 600_000);
const VERBOSE = Boolean(process.env.E2E_VERBOSE);
/**
 * Log lines that say nothing about the tests: offline marketplace, web worker plumbing, the workbench's own expected
 * errors (cancellations) and the refactor preview's model of a discarded edit.
 */
const NOISE = /^(Creating a socket|Updating additional|\[Service Worker\]|ChatSessionStore|Resolv|getaddrinfo ENOTFOUND|.*open-vsx\.org|.*vsda|CodeExpectedError|Unable to resolve resource vscode-bulkeditpreview-editor:)/;

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Bundles unless every output is newer than every source. */
function buildIfNeeded() {
  const outputs = ['client/out/extension.js', 'server/out/server.js', 'out/test/e2e/suite/index.js'].map((p) => join(root, p));
  const oldestOutput = Math.min(...outputs.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
  const newestSource = Math.max(...['client/src', 'server/src', 'test/e2e/suite', 'package.json'].map((p) => newestMtime(join(root, p))));
  if (oldestOutput > newestSource) return;
  console.log('e2e: bundling (sources are newer than the bundles)');
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('scripts/build.mjs failed');
}

/** Runs the mocha suites in the extension host; returns [{ title, state, error? }]. */
async function runSuites(paths) {
  // Outside the repository, so that neither git nor tsserver in the editor walks up into this project.
  const runDir = mkdtempSync(join(tmpdir(), 'twelve-factor-e2e-'));
  const workspace = join(runDir, 'workspace');
  cpSync(join(root, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });
  const resultsFile = join(runDir, 'results.json');

  const server = await startCodeServer({ paths, runDir, env: { TWELVE_FACTOR_E2E_RESULTS: resultsFile } });
  let browser;
  let exitCode = null;
  try {
    browser = await launchBrowser({ paths, runDir });
    const { page } = browser;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remoteUri(server.url, root)],
      ['extensionTestsPath', remoteUri(server.url, join(root, 'out/test/e2e/suite/index'))],
      ['skipWelcome', 'true'],
    ]);
    // The workbench calls these hooks (as in VS Code's own browser integration tests): the extension host's console
    // output while tests run, and the exit code when they are done.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const message = format(...(Array.isArray(args) ? args : [args]));
      if (VERBOSE || !NOISE.test(message)) console.log(type === 'error' ? `[ext-host error] ${message}` : message);
    });
    await page.exposeFunction('codeAutomationExit', (code) => { exitCode = code; });
    page.on('pageerror', (e) => { if (VERBOSE) console.log(`[page error] ${e.message}`); });
    if (VERBOSE) page.on('console', (m) => console.log(`[browser] ${m.text()}`));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`, { waitUntil: 'domcontentloaded' });
    await pollUntil('the extension tests to finish (codeAutomationExit)', () => exitCode !== null, { timeoutMs: TIMEOUT_MS, intervalMs: 250 });
  } catch (e) {
    console.error(`e2e: ${e instanceof Error ? e.message : e}`);
  } finally {
    await browser?.close();
    await server.stop();
  }

  let tests = [];
  if (existsSync(resultsFile)) tests = JSON.parse(readFileSync(resultsFile, 'utf8')).tests;
  if (tests.length === 0 || exitCode !== 0 && !tests.some((t) => t.state === 'failed')) {
    tests.push({ title: 'extension test run', state: 'failed', error: `extension host exit code ${exitCode ?? 'none (timed out)'}` });
  }
  if (tests.some((t) => t.state === 'failed')) {
    console.log(`--- last lines of ${server.logFile} ---\n${readFileSync(server.logFile, 'utf8').split('\n').slice(-30).join('\n')}`);
    console.log(`(run folder kept: ${runDir})`);
  } else {
    rmSync(runDir, { recursive: true, force: true });
  }
  return tests;
}

async function main() {
  const paths = setupVscodeHost();
  buildIfNeeded();
  const tests = await runSuites(paths);
  if (!process.argv.includes('--no-ui')) {
    console.log('\n== UI check (packaged .vsix in code-server, headless chromium)');
    tests.push(...(await runUiCheck({ paths, outDir: join(root, '.vscode-test', 'screenshots') })));
  }
  if (!process.argv.includes('--no-nvim')) {
    console.log('\n== Neovim as a second LSP client (headless, server/out/server.js --stdio)');
    tests.push(...(await runNvimCheck()));
  }
  const failed = tests.filter((t) => t.state === 'failed');
  if (failed.length > 0) {
    console.log('\nfailed:');
    for (const t of failed) console.log(`  ✗ ${t.title}${t.error ? `\n      ${t.error.split('\n').join('\n      ')}` : ''}`);
  }
  console.log(`e2e: ${tests.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(`e2e: ${e instanceof Error ? e.message : e}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exitCode = 1;
});
