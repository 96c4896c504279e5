#!/usr/bin/env node
// A second, independent LSP client: headless Neovim (Debian's 0.7.2, installed by scripts/setup-vscode-host.mjs)
// talks to the bundled server (server/out/server.js --stdio) about a copy of test/nvim/fixtures/app, through its own
// LSP implementation. The checks live in test/nvim/lsp-check.lua; this driver prepares a temp workspace, runs Neovim
// under a deadline in its own process group, and returns one result per check in the shape scripts/e2e.mjs counts.
//
// Usage: node scripts/nvim-check.mjs        (after npm run build). Exit code 0 only if every check passed.
// Env: NVIM_CHECK_TIMEOUT_MS (each wait inside Neovim, default 30000; the whole run gets four times that).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = join(root, 'test/nvim/fixtures/app');
const LUA = join(root, 'test/nvim/lsp-check.lua');
/** The password in the fixture's connection string: the checks assert it never reaches the client. */
const FIXTURE_SECRET = 'hunter2-nvim';

const failed = (title, error) => [{ title: `Neovim: ${title}`, state: 'failed', error }];
const tail = (text, n = 30) => text.trim().split('\n').slice(-n).join('\n');

/** Neovim's version as [major, minor, patch], or a reason it cannot run. */
function nvimVersion() {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error) return { reason: `nvim cannot run (${r.error.message}); install it: node scripts/setup-vscode-host.mjs (apt-get install neovim)` };
  const m = /^NVIM v(\d+)\.(\d+)\.(\d+)/m.exec(r.stdout ?? '');
  if (!m) return { reason: `nvim --version printed no version:\n${tail(`${r.stdout}\n${r.stderr}`, 5)}` };
  return { version: m.slice(1).map(Number) };
}

/** Runs Neovim to its end or until `deadlineMs`, then kills its whole group (Neovim and the server it started). */
function runNvim(args, env, deadlineMs) {
  return new Promise((resolve) => {
    const child = spawn('nvim', args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    const killGroup = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } };
    const timer = setTimeout(() => { timedOut = true; killGroup(); }, deadlineMs);
    child.on('error', (e) => { clearTimeout(timer); resolve({ code: null, stdout, stderr: `${stderr}\n${e.message}`, timedOut }); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      killGroup(); // a server that outlived Neovim
      resolve({ code: code ?? signal, stdout, stderr, timedOut });
    });
  });
}

/**
 * Runs the Neovim LSP checks; returns [{ title, state: 'passed' | 'failed', error? }] and never throws.
 * `serverJs` defaults to the bundle scripts/build.mjs writes.
 */
export async function runNvimCheck({ serverJs = join(root, 'server/out/server.js'), timeoutMs = Number(process.env.NVIM_CHECK_TIMEOUT_MS || 30_000), log = console.log } = {}) {
  const nvim = nvimVersion();
  if (!nvim.version) return failed('LSP check', nvim.reason);
  const [major, minor] = nvim.version;
  if (major === 0 && minor < 7) return failed('LSP check', `Neovim ${nvim.version.join('.')} is too old: the check needs 0.7 or newer`);
  if (!existsSync(serverJs)) return failed('LSP check', `${serverJs} does not exist: run npm run build first`);
  if (!readFileSync(join(FIXTURE, 'app.js'), 'utf8').includes(`:${FIXTURE_SECRET}@`)) {
    return failed('LSP check', `test/nvim/fixtures/app/app.js no longer holds a URL with the password ${FIXTURE_SECRET}: update FIXTURE_SECRET`);
  }

  // Outside the repository, so the workspace root is the fixture's own package.json folder.
  const runDir = mkdtempSync(join(tmpdir(), 'twelve-factor-nvim-'));
  const workspace = join(runDir, 'workspace');
  cpSync(FIXTURE, workspace, { recursive: true });
  const resultsFile = join(runDir, 'results.json');
  const xdg = Object.fromEntries(['CONFIG', 'DATA', 'STATE', 'CACHE'].map((k) => [`XDG_${k}_HOME`, join(runDir, 'xdg', k.toLowerCase())]));
  for (const dir of Object.values(xdg)) mkdirSync(dir, { recursive: true });
  const env = {
    ...process.env,
    ...xdg, // Neovim's state, logs and lsp.log stay in the run folder, not in $HOME
    NVIM_LOG_FILE: join(runDir, 'nvim.log'),
    SERVER_JS: serverJs,
    TARGET: join(workspace, 'app.js'),
    RESULTS: resultsFile,
    SECRET: FIXTURE_SECRET,
    TIMEOUT_MS: String(timeoutMs),
  };
  // -u NONE: no user config or plugins; -i NONE: no shada; -n: no swap file.
  const args = ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${LUA.replace(/[ \\]/g, '\\$&')}`];
  const run = await runNvim(args, env, timeoutMs * 4);
  log(run.stdout.trimEnd());

  let tests = [];
  if (existsSync(resultsFile)) {
    try {
      tests = JSON.parse(readFileSync(resultsFile, 'utf8'));
    } catch (e) {
      tests = failed('LSP check', `unreadable results file ${resultsFile}: ${e instanceof Error ? e.message : e}`);
    }
  }
  if (!Array.isArray(tests) || tests.length === 0) {
    const why = run.timedOut ? `Neovim did not finish within ${(timeoutMs * 4) / 1000}s and was killed` : `Neovim exited (${run.code}) without writing results`;
    tests = failed('LSP check', `${why}\n${tail(`${run.stdout}\n${run.stderr}`)}`);
  } else if (run.code !== 0 && !tests.some((t) => t.state === 'failed')) {
    tests.push(...failed('LSP check', `every check passed but Neovim exited with ${run.code}\n${tail(run.stderr)}`));
  }
  if (tests.some((t) => t.state === 'failed')) {
    log(`(run folder kept: ${runDir}; Neovim's LSP log is xdg/state/nvim/lsp.log or xdg/cache/nvim/lsp.log there)`);
  } else {
    rmSync(runDir, { recursive: true, force: true });
  }
  return tests;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const tests = await runNvimCheck();
  const bad = tests.filter((t) => t.state === 'failed');
  for (const t of bad) console.log(`  ✗ ${t.title}${t.error ? `\n      ${t.error.split('\n').join('\n      ')}` : ''}`);
  console.log(`nvim: ${tests.length - bad.length} passed, ${bad.length} failed`);
  process.exitCode = bad.length === 0 ? 0 : 1;
}
