/**
 * The boundaries between the layers ("The shape of the house" in the style guide): the client imports nothing of the
 * server side but server/src/shared, and its bundle holds no other server module (checked on esbuild's metafile, with
 * the bundle options scripts/build.mjs uses); shared/ imports only itself and the LSP protocol packages; engine/ and
 * rules/ import neither VS Code, the language server nor the file system, and nothing outside engine/, rules/ and
 * shared/; the server side does not import the CLI.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { build, type BuildOptions } from 'esbuild';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..');

/** Repository-relative paths (forward slashes) of the .ts files under `dir`. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sources(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out.sort();
}

interface Import {
  /** As written: `vscode`, `fs`, `../engine/types`. */
  specifier: string;
  /** Repository-relative path (without extension) for a relative specifier; undefined for a package. */
  target?: string;
}

/** Every import, export-from, require() and import() of a file, type-only ones included. */
function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles.map(({ fileName: specifier }) =>
    specifier.startsWith('.') ? { specifier, target: relative(ROOT, join(ROOT, dirname(file), specifier)).split('\\').join('/') } : { specifier },
  );
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

/** `file: specifier` for every import of `files` that `allowed` refuses. */
function offending(files: readonly string[], allowed: (i: Import, file: string) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).filter((i) => !allowed(i, file)).map((i) => `${file}: ${i.specifier}`));
}

const SHARED = 'server/src/shared';
const SERVER = 'server/src';

describe('boundaries: the client', () => {
  it('imports nothing of the server side but server/src/shared', () => {
    const files = sources('client/src');
    assert.ok(files.length > 5, 'the client sources were found');
    assert.deepEqual(
      offending(files, (i) => !i.target || !inside(i.target, 'server') || inside(i.target, SHARED)),
      [],
    );
  });

  it('bundles no server module outside server/src/shared (esbuild metafile of the real bundle options)', async () => {
    const { bundleOptions } = (await import(pathToFileURL(join(ROOT, 'scripts/build.mjs')).href)) as { bundleOptions(entry: string): BuildOptions };
    const result = await build({ ...bundleOptions('client/src/extension.ts'), write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs).map((p) => p.split('\\').join('/'));
    assert.ok(inputs.includes('client/src/extension.ts'), 'the metafile lists the client sources');
    assert.ok(inputs.some((p) => inside(p, SHARED)), 'the shared vocabulary is bundled (else this test proves nothing)');
    assert.deepEqual(
      inputs.filter((p) => inside(p, SERVER) && !inside(p, SHARED)),
      [],
      'server modules in the client bundle',
    );
  });
});

describe('boundaries: server/src/shared', () => {
  it('imports only itself and the LSP protocol packages (no server, engine, rules, file system)', () => {
    const files = sources(SHARED);
    assert.ok(files.length > 0);
    const packages = new Set(['vscode-languageserver-protocol', 'vscode-jsonrpc']);
    assert.deepEqual(
      offending(files, (i) => (i.target ? inside(i.target, SHARED) : packages.has(i.specifier))),
      [],
    );
  });
});

describe('boundaries: engine/ and rules/', () => {
  const files = [...sources(`${SERVER}/engine`), ...sources(`${SERVER}/rules`)];
  const vscode = /^vscode(-languageserver(-protocol|-textdocument)?|-languageclient|-jsonrpc)?(\/|$)/;
  const fileSystem = /^(node:)?(fs|fs\/promises|child_process)$/;
  /** Grammar loading reads the .wasm files; the one module of the engine allowed the file system. */
  const FILE_SYSTEM_ALLOWED = new Set([`${SERVER}/engine/lang/treesitter.ts`]);

  it('import neither vscode nor the language server', () => {
    assert.ok(files.length > 10);
    assert.deepEqual(
      offending(files, (i) => !vscode.test(i.specifier)),
      [],
    );
  });

  it('do not touch the file system or spawn processes (the disk walk lives in server/src/node)', () => {
    assert.deepEqual(
      offending(files, (i, file) => !fileSystem.test(i.specifier) || (FILE_SYSTEM_ALLOWED.has(file) && !/child_process/.test(i.specifier))),
      [],
    );
  });

  it('import nothing of the server outside engine/, rules/ and shared/', () => {
    const layers = [`${SERVER}/engine`, `${SERVER}/rules`, SHARED];
    assert.deepEqual(
      offending(files, (i) => !i.target || layers.some((dir) => inside(i.target!, dir))),
      [],
    );
  });
});

describe('boundaries: the language server', () => {
  it('does not import the CLI (reports come from server/src/report)', () => {
    const files = sources(SERVER).filter((f) => !inside(f, `${SERVER}/cli`));
    assert.deepEqual(
      offending(files, (i) => !i.target || !inside(i.target, `${SERVER}/cli`)),
      [],
    );
  });
});
