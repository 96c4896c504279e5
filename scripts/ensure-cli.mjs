// The CLI bundle (server/out/cli.js with its wasm grammars), built when it is missing or older than the sources.
// Shared by `npm run audit` and `npm run corpus`, which both run the CLI from a clone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = join(ROOT, 'server/out/cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const stat = statSync(full);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(full) : stat.mtimeMs);
  }
  return newest;
}

/** Builds when stale. Returns null on success, or the build's stderr when it failed. */
export function ensureCli() {
  const stale = !existsSync(CLI) || !existsSync(join(ROOT, 'server/out/wasm')) || statSync(CLI).mtimeMs < newestSource(join(ROOT, 'server/src'));
  if (!stale) return null;
  // The build's warnings are for developers; they are shown only when the build fails.
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  return build.status === 0 ? null : build.stderr || `exit ${build.status ?? build.signal}`;
}
