#!/usr/bin/env node
// Bundles with esbuild: the client (vscode external), the language server and the CLI (everything inside),
// and copies the tree-sitter runtime and grammars next to the server bundle. `--production` minifies.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const production = process.argv.includes('--production');

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
  // engine/parse/treesitter.ts falls back to require.resolve only when run from sources; bundles use server/out/wasm.
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

const entries = [
  { in: 'client/src/extension.ts', out: 'client/out/extension.js', external: ['vscode'] },
  { in: 'server/src/server.ts', out: 'server/out/server.js', external: [] },
  { in: 'server/src/cli/main.ts', out: 'server/out/cli.js', external: [] },
  { in: 'test/e2e/suite/index.ts', out: 'out/test/e2e/suite/index.js', external: ['vscode', 'mocha'] },
];

await Promise.all(
  entries
    .filter((e) => existsSync(join(root, e.in)))
    .map((e) => build({ ...common, entryPoints: [e.in], outfile: e.out, external: e.external })),
);

const wasmOut = join(root, 'server/out/wasm');
mkdirSync(wasmOut, { recursive: true });
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(wasmOut, 'web-tree-sitter.wasm'));
for (const grammar of GRAMMARS) copyFileSync(require.resolve(`@vscode/tree-sitter-wasm/wasm/${grammar}`), join(wasmOut, grammar));
console.log(`build: ${production ? 'production' : 'development'} bundles written`);
