/**
 * The .vsix as it would ship: packaged with @vscode/vsce from the current bundles (scripts/package.mjs --no-build)
 * and listed with `unzip -l`: the bundles, grammars, snippets and license are inside; sources, maps and
 * node_modules are not.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ensureServerBuilt, ROOT } from '../support/lspClient';

describe('the packaged extension', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tf-vsix-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the shipped files and nothing else', () => {
    ensureServerBuilt();
    const vsix = join(dir, 'twelve-factor-linter.vsix');
    const packaged = spawnSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), '--no-build', '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(packaged.status, 0, `${packaged.stdout}${packaged.stderr}`);
    const listing = spawnSync('unzip', ['-l', vsix], { encoding: 'utf8' });
    assert.equal(listing.status, 0, listing.stderr);
    const names = listing.stdout.split('\n').map((l) => /^\s*\d+\s+\S+\s+\S+\s+(.+)$/.exec(l)?.[1]?.trim()).filter((n): n is string => !!n && n !== 'Name');
    for (const file of ['extension/package.json', 'extension/LICENSE.txt', 'extension/readme.md', 'extension/client/out/extension.js', 'extension/server/out/server.js', 'extension/server/out/wasm/tree-sitter-python.wasm', 'extension/server/out/wasm/web-tree-sitter.wasm']) {
      assert.ok(names.includes(file), `${file} in ${names.join(', ')}`);
    }
    assert.ok(names.some((n) => n.startsWith('extension/syntaxes/')), 'grammars');
    assert.ok(names.some((n) => n.startsWith('extension/snippets/')), 'snippets');
    for (const name of names) {
      assert.ok(!/\.map$|\.ts$|node_modules|\/src\/|\/test\//.test(name), `${name} must not ship`);
    }
  });
});
