/**
 * Issue 13, item 1: deep nesting. `'(\n'.repeat(800)` in one .js file overflowed the TypeScript parser's stack and
 * aborted the whole CLI audit (exit 2, no report); a long `"ab" +` chain parsed fine but every recursive walk over
 * the 100,000-deep tree overflowed, so all JS rules failed and the report said "No problems found". The engine's
 * walks are now iterative, a file the parser cannot nest into is skipped with a reason, one failing file never takes
 * the run down, and a rule error is reported as such.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../server/src/engine/runner';
import { auditWorkspace } from '../../server/src/node/audit';
import { formatText, PLAIN } from '../../server/src/report/text';
import { defineRule } from '../../server/src/engine/defineRule';
import { ensureBuilt, makeProject, runCli } from '../cli/helpers';

const CREDENTIAL_JS = "mongoose.connect('mongodb://app:Hq7zPx2Lm9@db.acme.io:27017/app');\n";
const CREDENTIAL_PY = "DATABASE_URL = 'postgres://app:Hq7zPx2Lm9@db.acme.io:5432/app'\n";

/** Trees far deeper than any recursive walk survives (the parser itself builds these with loops). */
const DEEP_BUT_PARSEABLE: { name: string; path: string; text: string }[] = [
  { name: '"ab" + chain', path: 'src/a.js', text: `const x = ${'"ab" +\n'.repeat(60_000)}"c";\n${CREDENTIAL_JS}` },
  { name: 'member chain', path: 'src/a.js', text: `const x = a${'\n.b'.repeat(60_000)};\n${CREDENTIAL_JS}` },
  { name: 'call chain', path: 'src/a.ts', text: `const x = f${'()\n'.repeat(60_000)};\n${CREDENTIAL_JS}` },
  { name: '|| chain', path: 'src/a.js', text: `const x = process.env.A${' || "b"\n'.repeat(20_000)};\n${CREDENTIAL_JS}` },
  { name: 'Python list nesting', path: 'app/a.py', text: `x = ${'[\n'.repeat(5_000)}${']\n'.repeat(5_000)}\n${CREDENTIAL_PY}` },
  { name: 'Python parentheses', path: 'app/a.py', text: `x = ${'(\n'.repeat(5_000)}1${')\n'.repeat(5_000)}\n${CREDENTIAL_PY}` },
  { name: 'Python + chain', path: 'app/a.py', text: `x = ${'"ab" +\\\n'.repeat(20_000)}"c"\n${CREDENTIAL_PY}` },
];

describe('deep nesting', () => {
  for (const { name, path, text } of DEEP_BUT_PARSEABLE) {
    it(`${name}: every rule runs and the credential after it is found`, async () => {
      const result = await analyzeFile({ path, text }, { maxFileSize: 10_000_000, timeBudgetMs: 600_000 });
      assert.equal(result.skipped, undefined);
      assert.deepEqual(result.ruleErrors.map((e) => e.slice(0, 120)), []);
      assert.ok(result.findings.some((f) => f.ruleId === 'no-credentials-in-url'), 'the credential URL is reported');
    });
  }

  for (const [name, text] of [
    ['5,000 nested parentheses', '(\n'.repeat(5000)],
    ['3,000 nested arrays', '[\n'.repeat(3000)],
    ['10,000 else-ifs', `if (a) {}\n${'else if (a) {}\n'.repeat(10_000)}`],
  ]) {
    it(`${name}: the file is skipped as too deep, not thrown`, async () => {
      const result = await analyzeFile({ path: 'src/deep.js', text });
      assert.equal(result.skipped?.reason, 'too-deep');
    });
  }

  it('the audit reports the other files and lists the deep one as skipped, without a rule error', async () => {
    const root = makeProject({ 'package.json': '{"name":"x","dependencies":{"mongoose":"8.0.0"}}', 'package-lock.json': '{}', 'src/deep.js': '(\n'.repeat(5000), 'src/db.js': CREDENTIAL_JS });
    const result = await auditWorkspace(root);
    assert.deepEqual(result.skipped.map((s) => [s.path, s.reason]), [['src/deep.js', 'too-deep']]);
    assert.deepEqual(result.ruleErrors, []);
    assert.ok(result.findings.some((f) => f.path === 'src/db.js' && f.ruleId === 'no-credentials-in-url'));
  });

  it("the CLI exits 1 for the credential, not 2 for the deep file (the issue's 800 parentheses)", () => {
    ensureBuilt();
    const root = makeProject({ 'src/deep.js': '(\n'.repeat(800), 'src/deeper.js': '(\n'.repeat(5000), 'src/db.js': CREDENTIAL_JS });
    const run = runCli([root, '--no-color']);
    assert.equal(run.code, 1, run.stderr);
    assert.doesNotMatch(run.stderr, /internal error/);
    assert.match(run.stdout, /deeper\.js\s+too-deep/);
    assert.doesNotMatch(run.stdout + run.stderr, /Hq7zPx2Lm9/);
  });

  it('a rule that throws is reported in the text report, never as "No problems found"', async () => {
    const broken = defineRule({
      id: 'no-hardcoded-port',
      factor: 'VII',
      defaultSeverity: 'warning',
      description: 'a rule that throws',
      messages: { x: 'x' },
      uses: ['listenSites'],
      check: () => {
        throw new Error('boom');
      },
    });
    const result = await analyzeFile({ path: 'src/a.js', text: 'app.listen(3000);\n' }, { ruleSet: [broken] });
    assert.deepEqual(result.ruleErrors, ['no-hardcoded-port: boom']);
    const text = formatText(
      { toolVersion: '0', roots: [{ root: '/r', findings: [], analyzedFiles: ['src/a.js'], skipped: [], syntaxErrors: [], ruleErrors: ['src/a.js: no-hardcoded-port: boom'] }] },
      PLAIN,
      '/r',
    );
    assert.match(text, /src\/a\.js: no-hardcoded-port: boom/);
    assert.doesNotMatch(text, /✔ No problems found/);
    assert.match(text, /incomplete/);
  });
});
