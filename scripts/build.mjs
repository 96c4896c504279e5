#!/usr/bin/env node
// Bundles with esbuild: the client (vscode external), the language server and the CLI (everything inside),
// and copies the tree-sitter runtime and grammars next to the server bundle. `--production` minifies.
// Imported (not run), it only exports the bundles' options: test/boundaries.test.ts builds the client with them.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const isMain = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
const production = isMain && process.argv.includes('--production');

/** Grammars shipped with the server; one line per tree-sitter family in engine/languages.ts. */
export const GRAMMARS = ['tree-sitter-python.wasm', 'tree-sitter-go.wasm', 'tree-sitter-java.wasm', 'tree-sitter-c-sharp.wasm', 'tree-sitter-ruby.wasm'];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // engine/lang/treesitter.ts falls back to require.resolve only when run from sources; bundles use server/out/wasm.
  logOverride: { 'require-resolve-not-external': 'silent' },
  absWorkingDir: root,
  // web-tree-sitter's ESM build (chosen for `import` statements) reads import.meta.url, which is empty in a CommonJS
  // bundle: give it the bundle's own file URL.
  define: { 'import.meta.url': '__bundleUrl' },
  // jsonc-parser's UMD build (its `main`) loads its parts with a dynamic require that a bundle cannot follow: use its
  // ESM build.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  banner: { js: "var __bundleUrl = require('url').pathToFileURL(__filename).href;" },
};

export const ENTRIES = [
  { in: 'client/src/extension.ts', out: 'client/out/extension.js', external: ['vscode'] },
  { in: 'server/src/server.ts', out: 'server/out/server.js', external: [] },
  { in: 'server/src/cli/main.ts', out: 'server/out/cli.js', external: [] },
  { in: 'test/e2e/suite/index.ts', out: 'out/test/e2e/suite/index.js', external: ['vscode', 'mocha'] },
];

/** The esbuild options of one bundle (an entry of ENTRIES, or its `in` path). */
export function bundleOptions(entry) {
  const e = typeof entry === 'string' ? ENTRIES.find((x) => x.in === entry) : entry;
  if (!e) throw new Error(`no bundle has the entry ${entry}`);
  return { ...common, entryPoints: [e.in], outfile: e.out, external: e.external };
}

if (isMain) {
  await Promise.all(ENTRIES.filter((e) => existsSync(join(root, e.in))).map((e) => build(bundleOptions(e))));

  const wasmOut = join(root, 'server/out/wasm');
  mkdirSync(wasmOut, { recursive: true });
  copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(wasmOut, 'web-tree-sitter.wasm'));
  for (const grammar of GRAMMARS) copyFileSync(require.resolve(`@vscode/tree-sitter-wasm/wasm/${grammar}`), join(wasmOut, grammar));
  console.log(`build: ${production ? 'production' : 'development'} bundles written`);
}
