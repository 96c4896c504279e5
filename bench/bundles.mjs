// The bundles under test. A benchmark run takes a private copy (a snapshot) of the CLI, server and client bundles
// with the wasm grammars, so a rebuild of the shared work tree during a long run cannot change what is measured,
// and `npm run package`'s production bundles can be measured while the tree goes back to development bundles.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { log, ROOT } from './util.mjs';

const BUNDLES = ['server/out/cli.js', 'server/out/server.js', 'client/out/extension.js'];

/** True when a bundle is a development build: it ends with a link to its source map (production ones do not). */
export function isDevBundle(file) {
  if (!existsSync(file)) return false;
  return /\/\/# sourceMappingURL=\S+\s*$/.test(readFileSync(file, 'utf8').slice(-300));
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Development bundles (with source maps) in the work tree, rebuilt when missing, production, or older than their sources. */
export function ensureDevBuild() {
  const sources = Math.max(newestMtime(join(ROOT, 'server/src')), newestMtime(join(ROOT, 'client/src')));
  const fresh = BUNDLES.every((b) => existsSync(join(ROOT, b)) && statSync(join(ROOT, b)).mtimeMs >= sources && isDevBundle(join(ROOT, b)));
  if (fresh) return;
  log('building development bundles (scripts/build.mjs)…');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * Copies the work tree's bundles (and their maps, the wasm files and package.json) to `dir`, laid out as in the
 * tree. Returns what was copied: `production` when the server bundle has no source-map link.
 */
export function snapshotBundles(dir) {
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  for (const rel of BUNDLES) {
    const from = join(ROOT, rel);
    if (!existsSync(from)) continue;
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    copyFileSync(from, join(dir, rel));
    if (isDevBundle(from) && existsSync(`${from}.map`)) copyFileSync(`${from}.map`, join(dir, `${rel}.map`));
  }
  cpSync(join(ROOT, 'server/out/wasm'), join(dir, 'server/out/wasm'), { recursive: true });
  return { dir, production: !isDevBundle(join(dir, 'server/out/server.js')) };
}
