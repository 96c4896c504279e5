#!/usr/bin/env node
// Installs what the end-to-end tests need to run a real VS Code without downloading one: code-server 4.100.3
// (VS Code 1.100.3, from the npm registry), Debian's chromium (headless, driven by playwright-core) and the build
// tools code-server's native modules need. Idempotent: every step is skipped when its result is present, so a
// second run takes well under a second and touches no network.
//
// Where: $TWELVE_FACTOR_VSCODE_HOST if set (a cache shared between clones), else <repo>/.vscode-test/host.
// Usage: node scripts/setup-vscode-host.mjs        (as root for the apt step; CI runs as root)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export const CODE_SERVER_VERSION = '4.100.3'; // = VS Code 1.100.3; the last code-server whose engines.node accepts Node 20
export const PLAYWRIGHT_VERSION = '1.65.1';
// @vscode/ripgrep as pinned by code-server 4.100.3; its postinstall downloads rg from GitHub unless this cache is seeded.
const RIPGREP_PKG_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
/** Debian packages: chromium (the browser), ripgrep (seeds @vscode/ripgrep), what node-gyp needs for kerberos and
 * node-pty, unzip (scripts/package.mjs lists the .vsix) and neovim (a second LSP client: scripts/nvim-check.mjs). */
const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'g++', 'make', 'python3', 'unzip', 'neovim'];
export const CHROMIUM = '/usr/bin/chromium';

/** Paths of one host installation. */
export function hostPaths(dir = process.env.TWELVE_FACTOR_VSCODE_HOST || join(repoRoot, '.vscode-test', 'host')) {
  const root = resolve(dir);
  return {
    root,
    codeServer: join(root, 'cs', 'node_modules', '.bin', 'code-server'),
    driverModules: join(root, 'driver', 'node_modules'),
    tmp: join(root, 'tmp'),
  };
}

/** Environment that keeps code-server's and chromium's state out of $HOME. */
export function xdgEnv(base) {
  const env = { XDG_CONFIG_HOME: join(base, 'xdg', 'config'), XDG_DATA_HOME: join(base, 'xdg', 'data'), XDG_CACHE_HOME: join(base, 'xdg', 'cache') };
  for (const d of Object.values(env)) mkdirSync(d, { recursive: true });
  return env;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return r;
}

function must(cmd, args, opts = {}, logFile) {
  const r = run(cmd, args, { maxBuffer: 64 * 1024 * 1024, ...opts });
  if (logFile) writeFileSync(logFile, `${r.stdout ?? ''}\n${r.stderr ?? ''}`);
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})\n${out}`);
  }
  return r;
}

function installedVersion(modulesDir, name) {
  try {
    return JSON.parse(readFileSync(join(modulesDir, name, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function missingAptPackages() {
  return APT_PACKAGES.filter((p) => {
    const r = run('dpkg-query', ['-W', '-f=${Status}', p]);
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function ensureApt(log) {
  const missing = missingAptPackages();
  if (missing.length === 0 && existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages: ${missing.join(' ')} — install them as root (apt-get install ${missing.join(' ')})`);
  log(`apt: installing ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  must('apt-get', ['update', '-q'], { env });
  must('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
}

function ensureCodeServer(paths, log) {
  const csDir = join(paths.root, 'cs');
  const marker = join(csDir, `.installed-${CODE_SERVER_VERSION}`);
  if (existsSync(marker) && existsSync(paths.codeServer)) return;
  log(`code-server ${CODE_SERVER_VERSION}: installing from the npm registry (about a minute)`);
  mkdirSync(csDir, { recursive: true });
  if (!existsSync(join(csDir, 'package.json'))) writeFileSync(join(csDir, 'package.json'), '{ "name": "vscode-host", "private": true }\n');

  // Seed @vscode/ripgrep's download cache ($TMPDIR/vscode-ripgrep-cache-<version>/<asset>) with Debian's rg.
  const seed = join(paths.tmp, 'rgseed');
  const cache = join(paths.tmp, `vscode-ripgrep-cache-${RIPGREP_PKG_VERSION}`);
  mkdirSync(seed, { recursive: true });
  mkdirSync(cache, { recursive: true });
  copyFileSync('/usr/bin/rg', join(seed, 'rg'));
  must('tar', ['czf', join(cache, RIPGREP_ASSET), '-C', seed, 'rg']);

  const env = {
    ...process.env,
    ...xdgEnv(paths.root),
    TMPDIR: paths.tmp,
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`, which would otherwise wait for a TTY
  };
  // --unsafe-perm: code-server's postinstall refuses to run as root without it (npm 11 warns, but still passes it on).
  must('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--unsafe-perm', '--foreground-scripts', '--no-audit', '--no-fund', '--no-save'],
    { cwd: csDir, env }, join(paths.tmp, 'code-server-install.log'));
  // The first run may log "Wrote default config file" before the version line.
  const out = must(paths.codeServer, ['--version'], { env }).stdout;
  const v = out.split('\n').find((l) => l.startsWith(CODE_SERVER_VERSION)) ?? out.trim();
  if (!v.startsWith(CODE_SERVER_VERSION)) throw new Error(`code-server --version printed "${v}", expected ${CODE_SERVER_VERSION}`);
  writeFileSync(marker, `${v}\n`);
}

function ensurePlaywright(paths, log) {
  if (installedVersion(paths.driverModules, 'playwright-core') === PLAYWRIGHT_VERSION) return;
  log(`playwright-core ${PLAYWRIGHT_VERSION}: installing`);
  const dir = join(paths.root, 'driver');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{ "name": "vscode-host-driver", "private": true }\n');
  // PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: we drive Debian's chromium; never fetch a browser build.
  must('npm', ['install', `playwright-core@${PLAYWRIGHT_VERSION}`, '--no-audit', '--no-fund', '--no-save'],
    { cwd: dir, env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
}

/** Makes sure everything is installed; returns the paths. Throws with a readable message when a step fails. */
export function setupVscodeHost({ quiet = false } = {}) {
  const paths = hostPaths();
  const log = (m) => { if (!quiet) console.log(`setup: ${m}`); };
  mkdirSync(paths.tmp, { recursive: true });
  ensureApt(log);
  ensureCodeServer(paths, log);
  ensurePlaywright(paths, log);
  rmSync(join(paths.tmp, 'rgseed'), { recursive: true, force: true });
  return paths;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t0 = Date.now();
  try {
    const paths = setupVscodeHost();
    console.log(`setup: VS Code host ready in ${paths.root} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  } catch (e) {
    console.error(`setup failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
