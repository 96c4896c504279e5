// A throw-away VS Code for tests: code-server (the real VS Code 1.100.3 server and extension host) in its own process
// group, and its web workbench in Debian's headless chromium driven by playwright-core. Used by scripts/e2e.mjs
// (mocha suites inside the extension host) and scripts/ui-check.mjs (a user's view, with screenshots).
// Everything waits by polling a condition with a deadline; nothing sleeps a fixed time to "let things settle".
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CHROMIUM, xdgEnv } from './setup-vscode-host.mjs';

/** User settings for a quiet, deterministic workbench. */
const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'window.restoreWindows': 'none',
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  // The TypeScript extension would fetch @types packages for the example apps: no network from tests.
  'typescript.disableAutomaticTypeAcquisition': true,
  'npm.autoDetect': 'off',
  // Run folders live under the repository's .vscode-test: no "open the parent repository?" prompt.
  'git.openRepositoryInParentFolders': 'never',
};

/** Polls `probe` until it returns a truthy value; throws `what` after `timeoutMs`. */
export async function pollUntil(what, probe, { timeoutMs = 60_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

let signalsHandled = false;
/** Ctrl+C or a CI timeout's SIGTERM would end Node without 'exit' handlers: turn them into an exit that runs them. */
function exitOnSignals() {
  if (signalsHandled) return;
  signalsHandled = true;
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  process.once('SIGHUP', () => process.exit(129));
}

/**
 * Starts code-server on 127.0.0.1 with a free port, state in `runDir`, after installing the given .vsix files.
 * Returns { url, stop, logFile }. `env` is added to the server's (and so the extension host's) environment.
 */
export async function startCodeServer({ paths, runDir, vsix = [], env = {}, settings = {} }) {
  const userData = join(runDir, 'user-data');
  const extensions = join(runDir, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  const config = join(runDir, 'config.yaml');
  writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
  const serverEnv = { ...process.env, ...xdgEnv(runDir), ...env };

  for (const file of vsix) {
    const r = spawnSync(paths.codeServer, [...common, '--install-extension', file], { env: serverEnv, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`installing ${file} into code-server failed:\n${r.stdout}\n${r.stderr}`);
  }

  const logFile = join(runDir, 'code-server.log');
  const fd = openSync(logFile, 'w');
  // detached: its own process group (server, extension host, language server, file watcher), stopped as one.
  const child = spawn(paths.codeServer, [...common, '--bind-addr', '127.0.0.1:0', '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
  { env: serverEnv, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const pgid = child.pid;
  let exited = false;
  child.on('exit', () => { exited = true; });
  const killOnExit = () => { if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL'); };
  process.on('exit', killOnExit);
  exitOnSignals();

  const stop = async () => {
    process.off('exit', killOnExit);
    if (!groupAlive(pgid)) return;
    process.kill(-pgid, 'SIGTERM');
    try {
      await pollUntil('code-server to stop', () => !groupAlive(pgid), { timeoutMs: 10_000 });
    } catch {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
    }
  };

  try {
    const url = await pollUntil('code-server to listen', async () => {
      if (exited) throw new Error(`code-server exited during start-up:\n${readFileSync(logFile, 'utf8')}`);
      const m = /HTTP server listening on (http:\/\/[^\s]+)/.exec(readFileSync(logFile, 'utf8'));
      if (!m) return undefined;
      const base = m[1].replace(/\/$/, '');
      try {
        return (await fetch(`${base}/healthz`)).ok ? base : undefined;
      } catch {
        return undefined;
      }
    });
    return { url, stop, logFile };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Launches headless chromium with a throw-away profile. Returns { context, page, close }. */
export async function launchBrowser({ paths, runDir }) {
  const require = createRequire(join(paths.driverModules, 'package.json'));
  const { chromium } = require('playwright-core');
  const profile = join(runDir, 'chromium-profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: { ...process.env, ...xdgEnv(runDir) },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-breakpad'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

/** `vscode-remote://host:port/abs/path`: how the web workbench names a file on the code-server machine. */
export function remoteUri(baseUrl, absPath) {
  return `vscode-remote://${new URL(baseUrl).host}${absPath}`;
}
