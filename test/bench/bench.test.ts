/**
 * Keeps the benchmark harness (scripts/bench.mjs, bench/*.mjs) from rotting, without timing anything: the corpus is
 * deterministic and valid code, the typing script's edits are valid for the document, the peers skip what the
 * engine skips, goals and profiles are summarised correctly, and a quick run on a tiny corpus really runs our CLI,
 * the LSP latency probe and the activation probe and writes results of the documented shape.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import * as ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseTreeSitter } from '../../server/src/engine/lang/treesitter';
import { SKIPPED_DIRECTORIES } from '../../server/src/engine/projectUtil';

const ROOT = join(__dirname, '..', '..');

interface Edit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}
interface CorpusModule {
  buildCorpus(o: { seed?: number; files?: number; vendored?: number }): { files: Map<string, string>; planted: Record<string, number> };
  sourceFile(language: 'js' | 'ts' | 'py', lines: number, seed?: number): string;
  minifiedLine(bytes?: number): string;
}
interface LspModule {
  typingScript(text: string, language: string, maxEdits: number): Edit[];
}
interface PeersModule {
  SKIPPED_DIRECTORIES: string[];
}
interface Goal {
  id: string;
  met: boolean | null;
  margin: string;
  value: number | null;
}
interface ReportModule {
  evaluateGoals(results: unknown): Goal[];
}
interface ProfileModule {
  summarizeProfile(profile: unknown): { totalMs: number; functions: { function: string; ms: number; percent: number }[]; sources: { source: string; ms: number; percent: number }[] };
}

/** The harness is plain ESM (it runs without a build); a non-literal specifier keeps tsc from resolving it. */
function load<T>(relativePath: string): Promise<T> {
  const url: string = pathToFileURL(join(ROOT, relativePath)).href;
  return import(url) as Promise<T>;
}

const isVendored = (p: string) => /(^|\/)(node_modules|vendor)\//.test(p);

describe('benchmark corpus', () => {
  it('is deterministic in its seed, and another seed gives another corpus', async () => {
    const { buildCorpus } = await load<CorpusModule>('bench/corpus.mjs');
    const a = buildCorpus({ seed: 3, files: 60, vendored: 10 });
    const b = buildCorpus({ seed: 3, files: 60, vendored: 10 });
    const c = buildCorpus({ seed: 4, files: 60, vendored: 10 });
    assert.deepEqual([...a.files], [...b.files]);
    assert.deepEqual(a.planted, b.planted);
    assert.notDeepEqual([...a.files], [...c.files]);
    assert.equal([...a.files.keys()].filter((p) => !isVendored(p)).length, 60);
    assert.equal([...a.files.keys()].filter(isVendored).length, 10);
  });

  it('holds JS/TS, Python and config files, tests, and vendored code under node_modules/ and vendor/', async () => {
    const { buildCorpus } = await load<CorpusModule>('bench/corpus.mjs');
    const paths = [...buildCorpus({ seed: 12, files: 400, vendored: 60 }).files.keys()];
    for (const pattern of [/\.ts$/, /\.js$/, /\.py$/, /package\.json$/, /\.ya?ml$/, /\.env\.example$/, /Procfile$/, /\.test\.[jt]s$|\/tests\/test_.*\.py$/]) {
      assert.ok(paths.some((p) => pattern.test(p) && !isVendored(p)), `a production file matching ${pattern}`);
    }
    assert.ok(paths.some((p) => p.startsWith('node_modules/')));
    assert.ok(paths.some((p) => p.startsWith('vendor/')));
    assert.ok(paths.some((p) => /^services\/[^/]+\/node_modules\//.test(p)), 'a nested node_modules');
  });

  it('is valid code: every JS/TS file parses with TypeScript, every Python file with tree-sitter', async () => {
    const { buildCorpus } = await load<CorpusModule>('bench/corpus.mjs');
    const { files, planted } = buildCorpus({ seed: 12, files: 150, vendored: 20 });
    let js = 0;
    let py = 0;
    for (const [path, text] of files) {
      if (/\.[cm]?[jt]sx?$/.test(path)) {
        const kind = path.endsWith('x') ? ts.ScriptKind.TSX : path.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
        const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, kind) as ts.SourceFile & { parseDiagnostics: ts.Diagnostic[] };
        assert.deepEqual(sf.parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], path);
        js++;
      } else if (path.endsWith('.py')) {
        const { tree } = await parseTreeSitter('python', text);
        try {
          assert.equal(tree.rootNode.hasError, false, path);
        } finally {
          tree.delete();
        }
        py++;
      }
    }
    assert.ok(js > 50 && py > 5, `parsed ${js} JS/TS and ${py} Python files`);
    assert.ok(Object.values(planted).reduce((a, b) => a + b, 0) > 0, 'violations were planted');
  });

  it('editing documents have the requested size; the minified one is a single line of about 1 MB', async () => {
    const { sourceFile, minifiedLine } = await load<CorpusModule>('bench/corpus.mjs');
    for (const language of ['js', 'ts', 'py'] as const) {
      const lines = sourceFile(language, 2000).split('\n').length;
      assert.ok(lines >= 2000 && lines < 2100, `${language}: ${lines} lines`);
    }
    const min = minifiedLine();
    assert.equal(min.trimEnd().split('\n').length, 1);
    assert.ok(min.length > 990_000 && min.length <= 1_000_000, `${min.length} characters`);
  });
});

describe('benchmark typing script', () => {
  for (const language of ['js', 'py'] as const) {
    it(`${language}: every edit is a valid range of the document as it is then, and the typed statements end up in it`, async () => {
      const { sourceFile } = await load<CorpusModule>('bench/corpus.mjs');
      const { typingScript } = await load<LspModule>('bench/lsp.mjs');
      const text = sourceFile(language, 200);
      const edits = typingScript(text, language, 300);
      assert.equal(edits.length, 300);
      let doc = TextDocument.create('file:///x', language === 'py' ? 'python' : 'javascript', 1, text);
      for (const [i, edit] of edits.entries()) {
        const { start, end } = edit.range;
        const lineText = doc.getText().split('\n')[start.line];
        assert.ok(lineText !== undefined && end.character <= lineText.length && start.character >= 0, `edit ${i} is inside line ${start.line}`);
        doc = TextDocument.update(doc, [edit], i + 2);
      }
      const expected = language === 'py' ? 'CACHE_URL = os.environ.get("CACHE_URL", "redis://localhost:6379")' : "const cacheUrl = process.env.CACHE_URL || 'redis://localhost:6379';";
      assert.ok(doc.getText().includes(`\n${expected}\n`), 'the first typed statement is on a line of its own');
      assert.ok(edits.some((e) => e.text === ''), 'the script corrects typos with backspaces');
    });
  }
});

describe('benchmark peers and report', () => {
  it('the peers skip exactly the folders the engine skips', async () => {
    const peers = await load<PeersModule>('bench/peers.mjs');
    assert.deepEqual([...peers.SKIPPED_DIRECTORIES].sort(), [...SKIPPED_DIRECTORIES].sort());
  });

  it('goals: met with the margin under, missed with the factor over, unmeasured with the reason', async () => {
    const { evaluateGoals } = await load<ReportModule>('bench/report.mjs');
    const goals = evaluateGoals({
      corpora: [{ generated: true, tools: [{ id: 'ours', oursRatio: 1, median: 100 }, { id: 'eslint', oursRatio: 0.05, median: 2000 }, { id: 'rg-regex', oursRatio: 30, median: 3.3 }] }],
      lsp: { documents: [{ lines: 2000, language: 'js', analysis: { p95: 12 } }], coldStart: { toFirstDiagnostics: { median: 400 } }, audit: { peakRssMiB: 100 }, errors: [] },
      package: { vsix: { bytes: null, error: 'skipped with --no-package' } },
    });
    const byId = new Map(goals.map((g) => [g.id, g]));
    assert.deepEqual({ met: byId.get('audit-vs-eslint')!.met, margin: byId.get('audit-vs-eslint')!.margin }, { met: true, margin: '50% under' });
    assert.deepEqual({ met: byId.get('audit-vs-rg-regex')!.met, margin: byId.get('audit-vs-rg-regex')!.margin }, { met: false, margin: '2.00× the goal' });
    assert.equal(byId.get('edit-p95-2000-js')!.met, false);
    assert.equal(byId.get('edit-p95-2000-py')!.met, null);
    assert.equal(byId.get('cold-start')!.met, true);
    assert.equal(byId.get('rss')!.met, true);
    assert.deepEqual({ met: byId.get('vsix')!.met, margin: byId.get('vsix')!.margin }, { met: null, margin: 'skipped with --no-package' });
  });

  it('profiles: self time per function and per package, percentages of the sampled time', async () => {
    const { summarizeProfile } = await load<ProfileModule>('bench/profile.mjs');
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0, columnNumber: 0, scriptId: '1' });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 3, 4] },
        { id: 2, callFrame: frame('scan', '/nowhere/node_modules/typescript/lib/typescript.js') },
        { id: 3, callFrame: frame('parse', '/nowhere/node_modules/@scope/pkg/index.js') },
        { id: 4, callFrame: frame('(garbage collector)', '') },
      ],
      samples: [2, 2, 2, 3, 4],
      timeDeltas: [1000, 1000, 1000, 1000, 1000],
    };
    const summary = summarizeProfile(profile);
    assert.deepEqual(
      summary.sources.map((s) => [s.source, s.percent]),
      [
        ['typescript', 60],
        ['@scope/pkg', 20],
        ['(garbage collector)', 20],
      ],
    );
    assert.equal(summary.functions[0].function, 'scan');
  });
});

describe('benchmark harness, quick run on a tiny corpus', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'tf-bench-test-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const hasRipgrep = spawnSync('sh', ['-c', 'command -v rg']).status === 0;

  it(`runs our CLI${hasRipgrep ? ' and ripgrep' : ''}, the LSP latency probe and the activation probe for real (ESLint and secretlint skipped: they need a network install${hasRipgrep ? '' : '; ripgrep skipped: not installed'})`, async () => {
    const out = join(scratch, 'results.json');
    const tools = hasRipgrep ? 'ours,rg-read,rg-regex' : 'ours';
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'scripts/bench.mjs'), '--quick', '--corpus-size', 'tiny', '--tools', tools, '--warmup', '0', '--no-install', '--no-package', '--no-profile', '--lsp-sizes', '200', '--lsp-edits', '8', '--out', out],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BENCH_SILENT: '1' }, timeout: 600_000 },
    );
    assert.equal(r.status, 0, `bench exited ${r.status ?? r.signal}: ${r.stderr}`);
    const results = JSON.parse(readFileSync(out, 'utf8'));

    assert.equal(results.mode, 'quick');
    for (const key of ['date', 'cores', 'cpu', 'node']) assert.ok(results.machine[key], `machine.${key}`);

    const corpus = results.corpora[0];
    assert.equal(corpus.generated, true);
    assert.equal(corpus.manifest.files, 40);
    const ours = corpus.tools.find((t: { id: string }) => t.id === 'ours');
    assert.equal(ours.error, null);
    assert.equal(ours.times.length, 1);
    assert.ok(Number.isFinite(ours.median) && ours.median > 0);
    assert.ok(ours.files > 0 && ours.files <= 40, `ours analysed ${ours.files} files`);
    assert.ok(ours.findings > 0, 'the tiny corpus has planted violations our CLI finds');
    assert.equal(ours.vendoredHits, 0, 'nothing reported under node_modules/ or vendor/');
    assert.equal(ours.oursRatio, 1);
    for (const peer of ['eslint', 'secretlint']) assert.equal(corpus.tools.some((t: { id: string }) => t.id === peer), false, `${peer} not requested`);
    if (hasRipgrep) {
      const rg = corpus.tools.find((t: { id: string }) => t.id === 'rg-regex');
      assert.equal(rg.error, null);
      assert.ok(rg.findings > 0 && rg.vendoredHits === 0);
      assert.ok(Number.isFinite(rg.oursRatio) && rg.oursRatio > 0);
    }

    const lsp = results.lsp;
    assert.deepEqual(lsp.documents.map((d: { name: string }) => d.name), ['js 200 lines', 'ts 200 lines', 'py 200 lines', 'js 1 MB minified line']);
    for (const d of lsp.documents) {
      assert.equal(d.analysis.edits, 8, d.name);
      for (const k of ['p50', 'p95', 'max']) assert.ok(Number.isFinite(d.analysis[k]) && d.analysis[k] > 0, `${d.name} analysis.${k}`);
      assert.ok(d.user.bursts >= 1 && Number.isFinite(d.user.afterPause.p95), `${d.name} user latency`);
    }
    assert.equal(typeof lsp.debounceMs, 'number');
    assert.ok(lsp.coldStart.toFirstDiagnostics.median > 0);
    assert.ok(lsp.audit.filesScanned > 0 && lsp.audit.peakRssMiB > 0, 'workspace audit through the server, VmHWM read');
    assert.deepEqual(lsp.errors, []);

    assert.equal(results.package.activation.ok, 2, results.package.activation.errors.join('\n'));
    assert.equal(results.package.activation.serverRunning, true);
    assert.ok(results.package.activation.commands > 0);

    const ids = results.goals.map((g: Goal) => g.id);
    for (const id of ['audit-vs-eslint', 'audit-vs-rg-regex', 'edit-p95-2000-js', 'edit-p95-10000-py', 'cold-start', 'rss', 'vsix']) assert.ok(ids.includes(id), id);
    assert.equal(results.goals.find((g: Goal) => g.id === 'audit-vs-eslint').met, null, 'ESLint was not run, so that goal is not measured');

    assert.match(r.stdout, /\| twelve-factor CLI \(ours\) \|/);
    assert.match(r.stdout, /### Editing latency/);
    assert.match(r.stdout, /### Goals/);
  });
});
