#!/usr/bin/env node
// `npm run package`: production bundles, then dist/twelve-factor-linter.vsix via @vscode/vsce (no dependencies: the
// bundles are self-contained), then a look inside the .vsix with `unzip -l`: the shipped files must all be there and
// nothing else (no sources, no maps, no node_modules).
//   --no-build     package the bundles already in client/out and server/out (tests)
//   --out <file>   where to write the .vsix (default dist/twelve-factor-linter.vsix)
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(root, outIndex === -1 ? 'dist/twelve-factor-linter.vsix' : args[outIndex + 1]);

/** Files every .vsix must contain (paths inside the archive). */
export const REQUIRED = [
  'extension/package.json',
  'extension/LICENSE.txt',
  'extension/readme.md',
  'extension/client/out/extension.js',
  'extension/server/out/server.js',
  'extension/server/out/wasm/web-tree-sitter.wasm',
  'extension/server/out/wasm/tree-sitter-python.wasm',
];

/** Everything allowed in the archive; anything else is a packaging mistake. */
export const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|LICENSE\.txt|readme\.md|changelog\.md)$/i,
  /^extension\/client\/out\/extension\.js$/,
  /^extension\/server\/out\/server\.js$/,
  /^extension\/server\/out\/wasm\/[\w.-]+\.wasm$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/,
  /^extension\/snippets\/[\w.-]+\.code-snippets$/,
  /^extension\/images\/[\w.-]+\.(png|svg)$/,
];

function run(cmd, cmdArgs) {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    console.error(`${cmd} ${cmdArgs.join(' ')} failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
    process.exit(1);
  }
  return result.stdout;
}

/** Lists the archive with `unzip -l` (the names only). */
export function listVsix(file) {
  const listing = run('unzip', ['-l', file]);
  return listing
    .split('\n')
    .map((line) => /^\s*\d+\s+\S+\s+\S+\s+(.+)$/.exec(line)?.[1]?.trim())
    .filter((name) => name && name !== 'Name' && !name.endsWith('/'));
}

/** Problems with the archive's contents: missing required files, files outside the allowlist. */
export function checkContents(names) {
  const problems = [];
  for (const file of REQUIRED) if (!names.includes(file)) problems.push(`missing ${file}`);
  for (const name of names) if (!ALLOWED.some((pattern) => pattern.test(name))) problems.push(`unexpected ${name}`);
  return problems;
}

if (!args.includes('--no-build')) run(process.execPath, [join(root, 'scripts/build.mjs'), '--production']);
mkdirSync(dirname(out), { recursive: true });
run(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '-o', out]);
const names = listVsix(out);
const problems = checkContents(names);
if (problems.length > 0) {
  console.error(`${out} is not what should ship:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`${out}: ${names.length} files, contents checked.`);
