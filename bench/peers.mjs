// The tools people would use instead, installed on demand into bench/.peers/ (gitignored, its own package.json) so
// a plain `npm install` of the project stays lean, plus ripgrep from Debian for the floor.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, log, SKIPPED_DIRECTORIES, which } from './util.mjs';

/** Folders every tool is told to skip: the engine's own list (bench/util.mjs reads it). */
export { SKIPPED_DIRECTORIES };

export const PEERS_DIR = join(BENCH_DIR, '.peers');

/**
 * Exact versions, so two runs compare. secretlint 12+ needs Node 22; 11.x is the newest line for Node 20.
 * typescript is pinned for @typescript-eslint/parser and eslint-plugin-sonarjs (both want < 6.1).
 */
export const PEER_PACKAGES = {
  eslint: '9.39.5',
  'eslint-plugin-security': '4.1.0',
  'eslint-plugin-no-secrets': '2.3.3',
  'eslint-plugin-sonarjs': '4.2.2',
  '@typescript-eslint/parser': '8.74.0',
  typescript: '5.9.3',
  secretlint: '11.7.1',
  '@secretlint/secretlint-rule-preset-recommend': '11.7.1',
};

/** The ESLint rules that overlap the factors: secrets, passwords, IPs and clear-text URLs, plus security's set. */
export const ESLINT_RULES = {
  'no-secrets/no-secrets': 'error',
  'sonarjs/no-hardcoded-passwords': 'error',
  'sonarjs/no-hardcoded-secrets': 'error',
  'sonarjs/no-hardcoded-ip': 'error',
  'sonarjs/no-clear-text-protocols': 'error',
};

function eslintConfigText() {
  return `// Written by bench/peers.mjs; do not edit.
import security from 'eslint-plugin-security';
import noSecrets from 'eslint-plugin-no-secrets';
import sonarjs from 'eslint-plugin-sonarjs';
import tsParser from '@typescript-eslint/parser';

const plugins = { security, 'no-secrets': noSecrets, sonarjs };
const rules = { ...security.configs.recommended.rules, ...${JSON.stringify(ESLINT_RULES)} };

export default [
  { ignores: ${JSON.stringify(SKIPPED_DIRECTORIES.map((d) => `**/${d}/**`))} },
  { files: ['**/*.{js,cjs,mjs,jsx}'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } }, plugins, rules },
  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' }, plugins, rules },
];
`;
}

export const peerPaths = {
  eslintBin: join(PEERS_DIR, 'node_modules/eslint/bin/eslint.js'),
  eslintConfig: join(PEERS_DIR, 'eslint.config.mjs'),
  secretlintBin: join(PEERS_DIR, 'node_modules/secretlint/bin/secretlint.js'),
  secretlintConfig: join(PEERS_DIR, 'secretlintrc.json'),
};

/** True when the npm peers are installed at the pinned versions. */
export function peersInstalled() {
  const stamp = join(PEERS_DIR, 'node_modules/.bench-installed.json');
  if (!existsSync(stamp)) return false;
  try {
    return JSON.stringify(JSON.parse(readFileSync(stamp, 'utf8'))) === JSON.stringify(PEER_PACKAGES);
  } catch {
    return false;
  }
}

/**
 * Installs the npm peers (once; a stamp records the versions) and writes their configs. Throws with npm's last
 * lines when the install fails (no registry, disk full…).
 */
export function ensureNpmPeers() {
  mkdirSync(PEERS_DIR, { recursive: true });
  if (!peersInstalled()) {
    log(`installing peers into ${PEERS_DIR} (${Object.keys(PEER_PACKAGES).length} packages, once)…`);
    const pkg = { name: 'twelve-factor-bench-peers', private: true, description: 'Tools the benchmark compares against; installed by bench/peers.mjs.', dependencies: PEER_PACKAGES };
    writeFileSync(join(PEERS_DIR, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: PEERS_DIR, encoding: 'utf8' });
    if (r.status !== 0) {
      const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-6).join('\n');
      throw new Error(`npm install of the peers failed (exit ${r.status ?? r.signal}):\n${tail || r.error?.message}`);
    }
    writeFileSync(join(PEERS_DIR, 'node_modules/.bench-installed.json'), JSON.stringify(PEER_PACKAGES));
  }
  writeFileSync(peerPaths.eslintConfig, eslintConfigText());
  writeFileSync(peerPaths.secretlintConfig, `${JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }, null, 2)}\n`);
  return peerPaths;
}

/** ripgrep from PATH, or installed with apt (Debian package `ripgrep`) when running as root. */
export function ensureRipgrep({ install = true } = {}) {
  let rg = which('rg');
  if (rg || !install) return rg;
  if (typeof process.getuid === 'function' && process.getuid() === 0 && which('apt-get')) {
    log('ripgrep missing: apt-get install ripgrep…');
    let r = spawnSync('apt-get', ['install', '-y', '-qq', 'ripgrep'], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) {
      spawnSync('apt-get', ['update', '-qq'], { encoding: 'utf8' });
      r = spawnSync('apt-get', ['install', '-y', '-qq', 'ripgrep'], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    }
    rg = which('rg');
  }
  return rg;
}

/** Tool versions for the report. */
export function peerVersions() {
  const versions = {};
  for (const name of Object.keys(PEER_PACKAGES)) {
    try {
      versions[name] = JSON.parse(readFileSync(join(PEERS_DIR, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      versions[name] = null;
    }
  }
  const rg = which('rg');
  if (rg) versions.ripgrep = spawnSync(rg, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].replace(/^ripgrep\s*/, '').trim();
  return versions;
}
