/**
 * Engine tests that need no real rule: a probe rule reports every config literal (here: each string passed to a call), so suppressions, file roles,
 * parse errors, skips and masking are checked on the runner itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineRule } from '../../server/src/engine/defineRule';
import { analyzeFile, type AnalyzeInput, type AnalyzeOptions } from '../../server/src/engine/runner';
import { RULES } from '../../server/src/rules';

const probe = defineRule({
  id: 'probe-strings',
  factor: 'III',
  defaultSeverity: 'warning',
  description: 'Reports every string literal (test only).',
  messages: { found: 'String {{value}}.' },
  // Every config literal (an argument, a value with a name…) of any language, through the facts like a real rule.
  uses: ['configLiterals'],
  check({ facts, report }) {
    for (const literal of facts('configLiterals')) {
      report({ messageId: 'found', data: { value: literal.value }, range: literal.range, secrets: [literal.value] });
    }
  },
});

const invalidSuppression = RULES.find((r) => r.id === 'invalid-suppression')!;

async function lint(input: Partial<AnalyzeInput> & { text: string }, options: AnalyzeOptions = {}) {
  return analyzeFile({ path: 'src/app.js', ...input }, { ruleSet: [probe, invalidSuppression], ...options });
}
const where = (r: { findings: { ruleId: string; start: { line: number; character: number } }[] }) =>
  r.findings.map((f) => `${f.ruleId}@${f.start.line + 1}:${f.start.character + 1}`);

describe('runner: suppression comments', () => {
  const cases: { name: string; path?: string; text: string; expected: string[] }[] = [
    { name: 'next-line, JS', text: "// twelve-factor-disable-next-line probe-strings -- test\nf('a');\nf('b');", expected: ['probe-strings@3:3'] },
    { name: 'same line, JS', text: "f('a'); // twelve-factor-disable-line probe-strings\nf('b');", expected: ['probe-strings@2:3'] },
    { name: 'block comment, whole file', text: "/* twelve-factor-disable probe-strings */\nf('a');\nf('b');", expected: [] },
    { name: 'no id means every rule', text: "// twelve-factor-disable-next-line\nf('a');", expected: [] },
    { name: 'list of ids with reason', text: "// twelve-factor-disable-next-line other-rule, probe-strings -- why\nf('a');", expected: ['invalid-suppression@1:36'] },
    { name: 'a directive inside a string is not a comment', text: "f('// twelve-factor-disable-line probe-strings');", expected: ['probe-strings@1:3'] },
    { name: 'unknown rule id is reported', text: "// twelve-factor-disable-next-line no-such-rule\nf('a');", expected: ['invalid-suppression@1:36', 'probe-strings@2:3'] },
    { name: 'Python comment', path: 'app/main.py', text: "# twelve-factor-disable-next-line probe-strings -- fixture\nf('a')\nf('b')\n", expected: ['probe-strings@3:3'] },
    { name: 'Python same line', path: 'app/main.py', text: "f('a')  # twelve-factor-disable-line probe-strings\n", expected: [] },
    { name: 'Python directive in a string', path: 'app/main.py', text: "f('# twelve-factor-disable-line probe-strings')\n", expected: ['probe-strings@1:3'] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const result = await lint({ text: c.text, path: c.path ?? 'src/app.js' });
      assert.deepEqual(where(result), c.expected);
    });
  }
});

describe('runner: file roles', () => {
  const table: { path: string; kept: boolean }[] = [
    { path: 'src/app.js', kept: true },
    { path: 'test/app.js', kept: false },
    { path: 'src/__tests__/app.js', kept: false },
    { path: 'src/app.test.ts', kept: false },
    { path: 'src/app.spec.js', kept: false },
    { path: 'tests/test_app.py', kept: false },
    { path: 'app/conftest.py', kept: false },
    { path: 'fixtures/db.js', kept: false },
    { path: 'examples/demo.js', kept: false },
    { path: 'docs/snippet.js', kept: false },
    { path: 'lib/contest.js', kept: true },
    // C# and Ruby: *Tests.cs / *Test.cs, .NET test projects, tests/ and spec/ folders, *_spec.rb.
    { path: 'src/Web/Program.cs', kept: true },
    { path: 'src/Web/OrderServiceTests.cs', kept: false },
    { path: 'src/Web/OrderServiceTest.cs', kept: false },
    { path: 'src/Web.UnitTests/Builders/OrderBuilder.cs', kept: false },
    { path: 'tests/FunctionalTests/Web/Setup.cs', kept: false },
    { path: 'src/Web/Latest.cs', kept: true },
    { path: 'app/models/user.rb', kept: true },
    { path: 'spec/models/user_spec.rb', kept: false },
    { path: 'spec/support/helpers.rb', kept: false },
    { path: 'test/models/user_test.rb', kept: false },
    { path: 'lib/user_spec_helper.rb', kept: true },
    // seeds and factories are fake data for tests and local setups (w3tecch's src/database/factories/UserFactory.ts)
    { path: 'src/database/factories/UserFactory.ts', kept: false },
    { path: 'src/database/seeds/CreateBruce.ts', kept: false },
    { path: 'db/seeds.rb', kept: false },
    { path: 'prisma/seed.ts', kept: false },
    { path: 'seeders/20240101-demo-user.js', kept: false },
    { path: 'app/db/fixtures/users.py', kept: false },
    { path: 'src/factories/userFactory.ts', kept: true }, // a factory outside the data layer is app code
    { path: 'src/db/connection.ts', kept: true },
    { path: 'src/seed/random.ts', kept: true },
    // A JVM package is not a role: Spring Initializr's default package is com.example.
    { path: 'src/main/java/com/example/orders/OrdersApplication.java', kept: true },
    { path: 'orders/src/main/java/com/example/docs/DocsController.java', kept: true },
    { path: 'examples/orders/src/main/java/com/acme/OrdersApplication.java', kept: false },
    { path: 'src/test/java/com/example/orders/OrdersApplication.java', kept: false },
  ];
  for (const row of table) {
    it(`${row.path} → ${row.kept ? 'reported' : 'dropped'}`, async () => {
      const text = row.path.endsWith('.py') || row.path.endsWith('.rb') ? "f('a')\n" : row.path.endsWith('.cs') ? 'class A { void M() { F("a"); } }' : row.path.endsWith('.java') ? 'class A { void m() { f("a"); } }' : "f('a');";
      const result = await lint({ text, path: row.path });
      assert.equal(result.findings.length, row.kept ? 1 : 0);
    });
  }
  it('non-production findings are kept as hints when asked', async () => {
    const result = await lint({ text: "f('a');", path: 'test/app.js' }, { nonProductionFiles: 'hint' });
    assert.deepEqual(result.findings.map((f) => f.severity), ['hint']);
  });
});

describe('runner: bad input never throws', () => {
  it('unparseable JS still yields findings from the partial tree', async () => {
    const result = await lint({ text: "f('a'\nconst = = ;\nf('b');" });
    assert.equal(result.syntaxErrors, true);
    assert.ok(result.findings.length >= 1);
  });
  it('unparseable Python still yields findings', async () => {
    const result = await lint({ path: 'x.py', text: "def f(:\n  pass\ng('a')\n" });
    assert.equal(result.syntaxErrors, true);
    assert.ok(where(result).includes('probe-strings@3:3'));
  });
  const skips: { name: string; path: string; text: string; reason: string }[] = [
    { name: 'binary', path: 'a.js', text: 'abc\u0000def', reason: 'binary' },
    { name: 'huge', path: 'a.js', text: 'x'.repeat(200_000), reason: 'too-large' },
    { name: 'minified by name', path: 'a.min.js', text: "f('a')", reason: 'minified' },
    { name: 'minified by shape', path: 'a.js', text: "f('a');".repeat(2000), reason: 'minified' },
    { name: 'unsupported language', path: 'a.txt', text: 'hello', reason: 'unsupported-language' },
  ];
  for (const s of skips) {
    it(`skips a ${s.name} file`, async () => {
      const result = await lint({ path: s.path, text: s.text }, { maxFileSize: 100_000 });
      assert.equal(result.skipped?.reason, s.reason);
      assert.deepEqual(result.findings, []);
    });
  }
  it('a rule that throws is reported in ruleErrors and does not sink the file', async () => {
    const broken = defineRule({ id: 'broken', factor: 'III', defaultSeverity: 'error', description: 'x', messages: {}, uses: ['configLiterals'], check() { throw new Error('boom'); } });
    const result = await analyzeFile({ path: 'a.js', text: "f('a')" }, { ruleSet: [broken, probe] });
    assert.deepEqual(result.ruleErrors, ['broken: boom']);
    assert.equal(result.findings.length, 1);
  });
  it('offsets are UTF-16 code units in Python too (non-ASCII before the finding)', async () => {
    const text = "# café ünïcødé 😀\nf('a')\n";
    const result = await lint({ path: 'x.py', text });
    assert.equal(text.slice(result.findings[0].range.start, result.findings[0].range.end), "'a'");
  });
});

describe('runner: masking', () => {
  it('masks a raw secret the rule hands over, and URL passwords in any message', async () => {
    const result = await lint({ text: "f('postgres://app:hunter22@db.prod/app'); f('sk_live_abcdefghijklmnop');" });
    const messages = result.findings.map((f) => f.message);
    assert.deepEqual(messages, ['String postgres://app:****@db.prod/app.', 'String sk_live_****.']);
  });
});
