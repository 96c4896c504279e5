/**
 * The CLI as users run it: formats, --output, exit codes, bad flags and bad paths, and the file walk (gitignore,
 * vendored and virtualenv folders, binary, huge and minified files). What each example yields: examples.test.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { JsonReport } from '../../server/src/report/json';
import { CLEAN_APP, EXPRESS_APP, makeProject, REPO, runCli, tempDir, type CliRun } from './helpers';

const json = (run: CliRun): JsonReport => JSON.parse(run.stdout) as JsonReport;

/** A stylish row: `line:col  severity  message  rule-id  [factor]`. */
const ROW = /^ {2}(\d+):(\d+) +(error|warning|info|hint) +(.+?) +([a-z][a-z0-9-]+) +\[([IVX]+)\]$/;

function assertNoStackTrace(run: CliRun): void {
  assert.doesNotMatch(run.stderr, /^\s+at .+\(.*:\d+:\d+\)$/m, `stack trace on stderr:\n${run.stderr}`);
}

describe('twelve-factor CLI', () => {
  let text: CliRun;
  let jsonRun: CliRun;
  before(() => {
    text = runCli(['examples/express-app', '--no-color']);
    jsonRun = runCli(['examples/express-app', '--format', 'json']);
  });

  describe('text format (stylish)', () => {
    it('groups findings under each file with line:col, severity, message, rule id and factor', () => {
      const lines = text.stdout.split('\n');
      const header = lines.indexOf('examples/express-app/src/server.js');
      assert.ok(header >= 0, `no header for src/server.js in:\n${text.stdout}`);
      const row = ROW.exec(lines[header + 1]);
      assert.ok(row, `not a finding row: ${lines[header + 1]}`);
      const rows = lines.filter((l) => ROW.test(l));
      assert.equal(rows.length, json(jsonRun).findings.length, 'one row per finding');
    });

    it('ends with a per-factor summary and the totals', () => {
      const report = json(jsonRun);
      assert.match(text.stdout, /^Findings by factor$/m);
      for (const [factor, count] of Object.entries(report.summary.byFactor)) {
        assert.match(text.stdout, new RegExp(`^  ${factor} +.+ ${count}  \\(`, 'm'), `factor ${factor} line`);
      }
      const total = report.summary.total;
      assert.match(text.stdout, new RegExp(`✖ ${total} problems \\(.*\\) in ${report.summary.files} files · ${report.roots[0].analyzedFiles} source files analysed`));
    });

    it('prints no colour codes when output is not a terminal, and with --no-color even when forced', () => {
      assert.doesNotMatch(text.stdout, /\u001b\[/);
      const forced = runCli(['examples/express-app'], { env: { FORCE_COLOR: '1' } });
      assert.doesNotMatch(forced.stdout, /\u001b\[/);
    });

    it('says so when there is nothing to report', () => {
      const clean = runCli(['examples/clean-app']);
      assert.equal(clean.code, 0, clean.stderr);
      assert.match(clean.stdout, /✔ No problems found \(\d+ source files analysed\)/);
    });
  });

  describe('JSON format', () => {
    it('has the documented shape, 1-based positions and root-relative paths', () => {
      const report = json(jsonRun);
      assert.equal(report.formatVersion, 1);
      assert.equal(report.tool.name, 'twelve-factor');
      assert.equal(report.roots.length, 1);
      assert.equal(report.roots[0].path, EXPRESS_APP);
      assert.ok(report.findings.length > 0);
      for (const f of report.findings) {
        assert.ok(!f.path.startsWith('/') && !f.path.includes('\\'), f.path);
        assert.ok(existsSync(join(EXPRESS_APP, f.path)), f.path);
        assert.ok(f.line >= 1 && f.column >= 1 && f.endLine >= f.line, JSON.stringify(f));
        assert.equal(f.root, 0);
        assert.match(f.fingerprint, /^[0-9a-f]{32}:\d+$/);
      }
      const bySeverity = Object.values(report.summary.bySeverity).reduce((a, b) => a + b, 0);
      assert.equal(bySeverity, report.findings.length);
      assert.equal(report.summary.total, report.findings.length);
    });

    it('points at the flagged code: line and column match the source text', () => {
      const report = json(jsonRun);
      const port = report.findings.find((f) => f.ruleId === 'no-hardcoded-port' && f.path === 'src/server.js');
      assert.ok(port, 'no-hardcoded-port finding in src/server.js');
      const line = readFileSync(join(EXPRESS_APP, 'src/server.js'), 'utf8').split('\n')[port.line - 1];
      assert.equal(line.slice(port.column - 1, port.endColumn - 1), '3000');
    });

    it('audits several paths, each as its own root', () => {
      const run = runCli(['examples/express-app', 'examples/clean-app', '--format', 'json']);
      const report = json(run);
      assert.deepEqual(report.roots.map((r) => r.path), [EXPRESS_APP, CLEAN_APP]);
      assert.ok(report.findings.every((f) => f.root === 0));
      assert.equal(report.findings.length, json(jsonRun).findings.length);
    });
  });

  describe('--output', () => {
    it('writes the report to the file and nothing to stdout', () => {
      const out = join(tempDir(), 'report.json');
      const run = runCli(['examples/express-app', '--format', 'json', '--output', out]);
      assert.equal(run.stdout, '');
      assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), json(jsonRun));
    });

    it('exits 2 with one line when the file cannot be written', () => {
      const run = runCli(['examples/clean-app', '--output', join(tempDir(), 'missing-dir', 'r.txt')]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^twelve-factor: cannot write '.*r\.txt': no such file or directory\n$/);
    });
  });

  describe('exit codes', () => {
    it('0 when nothing reaches --fail-on (default error), 1 when something does', () => {
      const report = json(jsonRun);
      const hasError = report.summary.bySeverity.error > 0;
      assert.equal(text.code, hasError ? 1 : 0);
      assert.equal(runCli(['examples/express-app', '--fail-on', 'warning', '--format', 'json']).code, 1);
      assert.equal(runCli(['examples/express-app', '--fail-on', 'never', '--format', 'json']).code, 0);
    });

    it('--rule raises a rule to error, which fails the default threshold, and off silences it', () => {
      const raised = runCli(['examples/express-app', '--rule', 'no-hardcoded-port=error', '--rule', 'no-env-grouped-config=off', '--format', 'json']);
      assert.equal(raised.code, 1);
      const report = json(raised);
      const ports = report.findings.filter((f) => f.ruleId === 'no-hardcoded-port');
      assert.ok(ports.length > 0 && ports.every((f) => f.severity === 'error'));
      assert.equal(report.findings.filter((f) => f.ruleId === 'no-env-grouped-config').length, 0);
    });

    for (const [name, args, message] of [
      ['an unknown flag', ['--frobnicate', 'examples'], /unknown option '--frobnicate'/],
      ['an unknown format', ['--format', 'xml', 'examples'], /invalid value 'xml' for --format/],
      ['a missing option value', ['examples', '--format'], /option '--format' needs a value/],
      ['an unknown --fail-on', ['--fail-on', 'sometimes', 'examples'], /invalid value 'sometimes' for --fail-on/],
      ['an unknown rule', ['--rule', 'no-such-rule=error', 'examples'], /unknown rule 'no-such-rule'/],
      ['a bad severity', ['--rule', 'no-hardcoded-port=loud', 'examples'], /invalid value 'loud' for --rule/],
      ['a malformed --rule', ['--rule', 'no-hardcoded-port', 'examples'], /--rule expects id=severity/],
      ['a bad --max-file-size', ['--max-file-size', '1MB', 'examples'], /--max-file-size expects a positive number of bytes/],
    ] as const) {
      it(`2 with a one-line message and a usage hint for ${name}`, () => {
        const run = runCli([...args]);
        assert.equal(run.code, 2);
        assert.equal(run.stdout, '');
        const lines = run.stderr.trimEnd().split('\n');
        assert.equal(lines.length, 2, run.stderr);
        assert.match(lines[0], message);
        assert.match(lines[0], /^twelve-factor: /);
        assert.equal(lines[1], "Run 'twelve-factor --help' for usage.");
      });
    }

    it('2 with a one-line message for a path that does not exist', () => {
      const run = runCli(['examples/no-such-app']);
      assert.equal(run.code, 2);
      assert.equal(run.stderr, "twelve-factor: cannot read 'examples/no-such-app': no such file or directory\n");
      assertNoStackTrace(run);
    });

    it('--help and --version exit 0', () => {
      const help = runCli(['--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^Usage: twelve-factor \[options\] <path…>/);
      for (const flag of ['--format', '--output', '--fail-on', '--rule', '--include-tests', '--max-file-size', '--no-color']) {
        assert.ok(help.stdout.includes(flag), flag);
      }
      const version = runCli(['--version']);
      assert.equal(version.code, 0);
      assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version);
    });
  });

  describe('what the audit reads', () => {
    const server = "const express = require('express');\nconst app = express();\napp.listen(3000);\n";
    let project: string;
    let report: JsonReport;
    before(() => {
      project = makeProject({
        '.gitignore': 'generated/\n*.local.js\n!keep.local.js\n',
        'src/server.js': server,
        'src/dev.local.js': server,
        'src/keep.local.js': server,
        'generated/server.js': server,
        'sub/.gitignore': 'scratch.js\n',
        'sub/scratch.js': server,
        'sub/kept.js': server,
        'node_modules/pkg/index.js': server,
        'vendor/lib/server.js': server,
        'dist/server.js': server,
        'build/server.js': server,
        'coverage/lcov-report/x.js': server,
        'env/pyvenv.cfg': 'home = /usr/bin\n',
        'env/lib/site.py': 'app.run(port=5000)\n',
        'oldenv/bin/activate': '# virtualenv\n',
        'oldenv/lib/app.js': server,
        'src/bundle.min.js': server,
        'src/blob.js': Buffer.from([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x61]),
        'src/huge.js': server + `// ${'x'.repeat(3000)}\n`,
      });
      const run = runCli([project, '--format', 'json', '--max-file-size', '2048']);
      assert.equal(run.code, 0, run.stderr);
      report = json(run);
    });

    it('honours .gitignore files, nested ones and negations', () => {
      const paths = new Set(report.findings.map((f) => f.path));
      assert.ok(paths.has('src/server.js'));
      assert.ok(paths.has('src/keep.local.js'), 'negated pattern re-includes the file');
      assert.ok(paths.has('sub/kept.js'));
      for (const ignored of ['src/dev.local.js', 'generated/server.js', 'sub/scratch.js']) assert.ok(!paths.has(ignored), ignored);
    });

    it('skips dependencies, vendored code, build output and virtualenvs', () => {
      const analysed = report.findings.map((f) => f.path.split('/')[0]);
      for (const dir of ['node_modules', 'vendor', 'dist', 'build', 'coverage', 'env', 'oldenv']) assert.ok(!analysed.includes(dir), dir);
      assert.equal(report.roots[0].analyzedFiles, 3, 'src/server.js, src/keep.local.js and sub/kept.js');
    });

    it('reports binary, minified and too-large files as skipped, without crashing', () => {
      const skipped = Object.fromEntries(report.roots[0].skipped.map((s) => [s.path, s.reason]));
      assert.deepEqual(skipped, { 'src/blob.js': 'binary', 'src/bundle.min.js': 'minified', 'src/huge.js': 'too-large' });
      assert.ok(!report.findings.some((f) => ['src/blob.js', 'src/bundle.min.js', 'src/huge.js'].includes(f.path)));
    });

    it('lists the skipped files in the text report', () => {
      const run = runCli([project, '--max-file-size', '2048', '--no-color']);
      assert.match(run.stdout, /^Skipped$/m);
      assert.match(run.stdout, /src\/huge\.js {2}too-large: \d+ bytes is over the 2048-byte limit/);
      assert.match(run.stdout, /src\/blob\.js {2}binary: /);
    });

    it('audits a single file given on the command line', () => {
      const run = runCli([join(project, 'src', 'server.js'), '--format', 'json']);
      const single = json(run);
      assert.deepEqual(single.findings.map((f) => f.path), ['server.js']);
      assert.equal(single.roots[0].path, join(project, 'src'));
    });

    it('--include-tests reports findings in test files as hints', () => {
      const withTests = makeProject({ 'test/server.test.js': server, 'src/app.js': 'module.exports = {};\n' });
      const quiet = json(runCli([withTests, '--format', 'json']));
      assert.equal(quiet.findings.length, 0);
      const loud = json(runCli([withTests, '--format', 'json', '--include-tests']));
      assert.ok(loud.findings.length > 0);
      assert.ok(loud.findings.every((f) => f.severity === 'hint' && f.role === 'test'));
    });
  });
});
