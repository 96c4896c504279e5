#!/usr/bin/env node
// `npm run audit -- <path…> [options]`: builds the CLI bundle when it is missing or older than the sources, then
// runs it with the given arguments and passes its exit code on.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'server/out/cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const stat = statSync(full);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(full) : stat.mtimeMs);
  }
  return newest;
}

const stale = !existsSync(cli) || !existsSync(join(root, 'server/out/wasm')) || statSync(cli).mtimeMs < newestSource(join(root, 'server/src'));
if (stale) {
  // The build's warnings are for developers; they are shown only when the build fails.
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (build.status !== 0) {
    process.stderr.write(build.stderr ?? '');
    console.error('audit: the build failed (see above)');
    process.exit(2);
  }
}
// npm runs scripts in the package root; relative paths are meant from where the user typed the command.
const run = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.env.INIT_CWD || process.cwd() });
process.exit(run.status ?? 2);
