#!/usr/bin/env node
// `npm run bench`: our speed beside the tools people would use instead, in one run. Prints a Markdown report on
// stdout (progress on stderr) and writes bench/results/latest.json. Timings live here, never in tests.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runAudit } from '../bench/audit.mjs';
import { ensureDevBuild, snapshotBundles } from '../bench/bundles.mjs';
import { CORPUS_SIZES, ensureCorpus } from '../bench/corpus.mjs';
import { runLsp } from '../bench/lsp.mjs';
import { peerVersions } from '../bench/peers.mjs';
import { measureActivation, measurePackage } from '../bench/pkg.mjs';
import { profileCli, profileServer } from '../bench/profile.mjs';
import { evaluateGoals, markdownReport, readmeSection } from '../bench/report.mjs';
import { BENCH_DIR, log, machineInfo, ROOT, setBundleRoot } from '../bench/util.mjs';

const USAGE = `Usage: npm run bench -- [options] [folder…]

Times our CLI against ESLint, secretlint and ripgrep on a generated corpus (and on each folder given), the language
server's editing latency, cold start and memory, and the .vsix size and activation time.

Options:
  --quick                 small corpus, one timed round, fewer edits (every peer still runs)
  --rounds N              timed rounds per tool (default 3; quick 1)
  --warmup N              untimed warm-up runs per tool (default 1)
  --corpus-size S         generated corpus: ${Object.keys(CORPUS_SIZES).join(', ')} (default full; quick → quick)
  --parts LIST            comma list of audit, lsp, package (default all)
  --tools LIST            audit tools: ours, eslint, secretlint, rg-read, rg-regex (default all)
  --lsp-sizes LIST        document sizes in lines for the editing benchmark (default 200,2000,10000)
  --lsp-edits N           keystrokes per document (default 260; quick 40)
  --no-install            do not install missing peers (npm, apt): report them as not run
  --no-package            skip npm run package (activation is still measured on the current bundle)
  --no-profile            do not profile our side when a goal is missed
  --readme                write the report into README.md's Benchmark section
  --from FILE             measure nothing: print (and with --readme, write) the report of an earlier results file
  --out FILE              JSON results (default bench/results/latest.json)
  -h, --help              this help
`;

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function positiveInt(flag, value, fallback) {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) fail(`${flag} expects a whole number, got '${value}'`);
  return Number(value);
}

function list(flag, value, allowed, fallback) {
  if (value === undefined) return fallback;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = allowed ? items.filter((i) => !allowed.includes(i)) : [];
  if (bad.length) fail(`${flag}: unknown ${bad.join(', ')} (expected ${allowed.join(', ')})`);
  return items;
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      quick: { type: 'boolean' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      'corpus-size': { type: 'string' },
      parts: { type: 'string' },
      tools: { type: 'string' },
      'lsp-sizes': { type: 'string' },
      'lsp-edits': { type: 'string' },
      'no-install': { type: 'boolean' },
      'no-package': { type: 'boolean' },
      'no-profile': { type: 'boolean' },
      readme: { type: 'boolean' },
      from: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail(`${error.message.split('\n')[0]}\n${USAGE}`);
}
const { values: o, positionals } = args;
if (o.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const quick = o.quick ?? false;
const corpusSize = o['corpus-size'] ?? (quick ? 'quick' : 'full');
if (!CORPUS_SIZES[corpusSize]) fail(`--corpus-size: unknown '${corpusSize}' (expected ${Object.keys(CORPUS_SIZES).join(', ')})`);
const rounds = positiveInt('--rounds', o.rounds, quick ? 1 : 3);
if (rounds < 1) fail('--rounds must be at least 1');
const warmup = positiveInt('--warmup', o.warmup, 1);
const parts = list('--parts', o.parts, ['audit', 'lsp', 'package'], ['audit', 'lsp', 'package']);
const tools = list('--tools', o.tools, ['ours', 'eslint', 'secretlint', 'rg-read', 'rg-regex'], undefined);
const lspSizes = list('--lsp-sizes', o['lsp-sizes'], undefined, ['200', '2000', '10000']).map((s) => positiveInt('--lsp-sizes', s));
const lspEdits = positiveInt('--lsp-edits', o['lsp-edits'], undefined);
const outFile = resolve(o.out ?? join(BENCH_DIR, 'results/latest.json'));
const install = !o['no-install'];
const folders = positionals.map((p) => resolve(p));
for (const f of folders) {
  if (!existsSync(f) || !statSync(f).isDirectory()) fail(`${f} is not a folder`);
}

/** Replaces README.md's generated benchmark block (between the markers), or adds a Benchmark section with it. */
function writeReadme(results) {
  const readmePath = join(ROOT, 'README.md');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const body = `${start}\n${readmeSection(results)}\n${end}`;
  const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a >= 0 && b > a) writeFileSync(readmePath, readme.slice(0, a) + body + readme.slice(b + end.length));
  else writeFileSync(readmePath, `${readme.trimEnd()}\n\n## Benchmark\n\n${body}\n`);
  log('README.md benchmark section updated');
}

if (o.from) {
  let earlier;
  try {
    earlier = JSON.parse(readFileSync(resolve(o.from), 'utf8'));
  } catch (error) {
    fail(`cannot read results from ${o.from}: ${error.message}`);
  }
  if (!earlier?.machine || !Array.isArray(earlier.goals)) fail(`${o.from} is not a results file of this benchmark`);
  process.stdout.write(`${markdownReport(earlier)}\n`);
  if (o.readme) writeReadme(earlier);
  process.exit(0);
}

const started = performance.now();
// A private scratch folder per run, so a test run and a full run at the same time do not share output files.
const tmpDir = mkdtempSync(join(tmpdir(), 'tf-bench-'));
process.on('exit', () => rmSync(tmpDir, { recursive: true, force: true }));
const results = { schema: 1, mode: quick ? 'quick' : 'full', machine: machineInfo(), build: 'development bundles (scripts/build.mjs)', toolVersions: {}, corpora: null, lsp: null, package: null, goals: [], profiles: {} };

/** Points the harness at a private copy of the tree's bundles (see bench/bundles.mjs). */
function useSnapshot(name) {
  const snapshot = snapshotBundles(join(tmpDir, name));
  setBundleRoot(snapshot.dir);
  return snapshot;
}

function devBuild() {
  try {
    ensureDevBuild();
  } catch (error) {
    fail(error.message);
  }
}

// The .vsix first: `npm run package` leaves production bundles in */out. They are copied aside and measured (what
// ships), and the tree goes straight back to development bundles for the engineers working in it.
let snapshot;
if (parts.includes('package') && !o['no-package']) {
  results.package = { vsix: measurePackage() };
  if (results.package.vsix.bytes != null) snapshot = useSnapshot('bundles-production');
}
devBuild();
snapshot ??= useSnapshot('bundles-development');
results.build = snapshot.production ? 'production bundles (npm run package: minified, no source maps)' : 'development bundles (scripts/build.mjs)';

const generatedDir = join(BENCH_DIR, '.corpus', corpusSize);
let manifest;
if (parts.includes('audit') || parts.includes('lsp')) {
  log(`corpus: ${corpusSize} in ${generatedDir}`);
  manifest = ensureCorpus(generatedDir, { size: corpusSize });
}

if (parts.includes('audit')) {
  const corpora = [{ name: `generated corpus (${corpusSize})`, dir: generatedDir, manifest, generated: true }, ...folders.map((f) => ({ name: basename(f) || f, dir: f }))];
  results.corpora = await runAudit({ corpora, rounds, warmup, tmpDir: join(tmpDir, 'audit'), only: tools, installRipgrep: install, installPeers: install });
  results.corpora.forEach((c, i) => (c.generated = corpora[i].generated ?? false));
}
results.toolVersions = peerVersions();

if (parts.includes('lsp')) {
  results.lsp = await runLsp({ tmpDir, quick, auditFolder: generatedDir, maxEdits: lspEdits, sizes: lspSizes });
}

if (parts.includes('package')) {
  results.package ??= { vsix: { bytes: null, error: 'skipped with --no-package' } };
  log('package: activation of client/out/extension.js');
  results.package.activation = measureActivation({ runs: quick ? 2 : 5, workspace: join(tmpDir, 'lsp-workspace') });
}

results.goals = evaluateGoals(results);

// Profiles where a goal is missed, on development bundles so positions map back to the sources.
if (!o['no-profile']) {
  const missed = new Set(results.goals.filter((g) => g.met === false).map((g) => g.id));
  const auditMissed = missed.has('audit-vs-eslint') || missed.has('audit-vs-rg-regex');
  const slowDocs = (results.lsp?.documents ?? []).filter((d) => missed.has(`edit-p95-${d.lines}-${d.language}`)).map((d) => d.name);
  if (auditMissed || slowDocs.length) {
    devBuild();
    useSnapshot('bundles-profile');
    if (auditMissed) results.profiles['CLI audit of the generated corpus'] = profileCli(generatedDir, tmpDir);
    if (slowDocs.length) {
      try {
        results.profiles['Server while typing (debounce 0)'] = await profileServer(slowDocs, tmpDir, quick ? 20 : 60);
      } catch (error) {
        results.profiles['Server while typing (debounce 0)'] = { error: error instanceof Error ? error.message : String(error) };
      }
    }
  }
}
results.durationMs = Math.round(performance.now() - started);
const markdown = markdownReport(results);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${markdown}\n`);
log(`results written to ${outFile} (${Math.round(results.durationMs / 1000)} s)`);

if (o.readme) writeReadme(results);
