/**
 * Table-driven rule tests in the manner of ESLint's RuleTester, on node:test.
 *
 *   runRuleTests(rule, {
 *     valid: ['const url = process.env.DATABASE_URL;', { code: "x = os.environ['X']", language: 'python' }],
 *     invalid: [{ code: "connect('postgres://u:p@db.prod/app')", errors: [{ messageId: 'x', line: 1, column: 9 }],
 *                 output: 'connect(process.env.DATABASE_URL)' }],
 *   });
 *
 * `line` and `column` are 1-based, as editors show them. `output` is the text after applying every finding's
 * preferred fix (omit it, or set it to null, to assert that no fix is offered).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile, type AnalyzeOptions } from '../../server/src/engine/runner';
import { applyEdits, uniqueEdits } from '../../server/src/engine/text';
import type { Finding, Rule } from '../../server/src/engine/types';

export type TestLanguage = 'js' | 'jsx' | 'ts' | 'tsx' | 'python' | 'go' | 'java' | 'csharp' | 'ruby';

const DEFAULT_PATHS: Record<TestLanguage, string> = {
  js: 'src/app.js',
  jsx: 'src/app.jsx',
  ts: 'src/app.ts',
  tsx: 'src/app.tsx',
  python: 'app/main.py',
  go: 'cmd/main.go',
  java: 'src/main/java/App.java',
  csharp: 'src/App.cs',
  ruby: 'app/main.rb',
};

export interface CaseBase {
  code: string;
  language?: TestLanguage;
  /** Overrides the default path (to test file roles, say). */
  path?: string;
  options?: AnalyzeOptions;
  /** Shown in the test name. */
  name?: string;
}

export interface ExpectedError {
  messageId: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Substring the formatted (masked) message must contain. */
  message?: string;
  /** Substrings the message must NOT contain (raw secrets). */
  notInMessage?: string[];
  /** Expected `.env.example` additions of the fix. */
  envExample?: string[];
}

export interface InvalidCase extends CaseBase {
  errors: ExpectedError[];
  output?: string | null;
  /** Texts after applying each suggestion of the first finding, in order. */
  suggestions?: string[];
}

export type ValidCase = string | CaseBase;

async function run(rule: Rule, testCase: CaseBase): Promise<Finding[]> {
  const path = testCase.path ?? DEFAULT_PATHS[testCase.language ?? 'js'];
  const result = await analyzeFile({ path, text: testCase.code }, { ...testCase.options, ruleSet: [rule] });
  assert.deepEqual(result.ruleErrors, [], 'the rule threw');
  return result.findings.filter((f) => f.ruleId === rule.id);
}

function title(testCase: CaseBase): string {
  const code = testCase.code.length > 70 ? `${testCase.code.slice(0, 67)}...` : testCase.code;
  return `${testCase.name ? `${testCase.name}: ` : ''}${testCase.language ?? 'js'}: ${code.replace(/\s+/g, ' ')}`;
}

export function runRuleTests(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    describe('valid', () => {
      for (const raw of cases.valid) {
        const testCase = typeof raw === 'string' ? { code: raw } : raw;
        it(title(testCase), async () => {
          const findings = await run(rule, testCase);
          assert.deepEqual(
            findings.map((f) => `${f.start.line + 1}:${f.start.character + 1} ${f.messageId}: ${f.message}`),
            [],
            'expected no findings',
          );
        });
      }
    });
    describe('invalid', () => {
      for (const testCase of cases.invalid) {
        it(title(testCase), async () => {
          const findings = await run(rule, testCase);
          assert.equal(
            findings.length,
            testCase.errors.length,
            `expected ${testCase.errors.length} finding(s), got: ${JSON.stringify(findings.map((f) => [f.messageId, f.message]))}`,
          );
          testCase.errors.forEach((expected, i) => {
            const f = findings[i];
            assert.equal(f.messageId, expected.messageId);
            if (expected.line !== undefined) assert.equal(f.start.line + 1, expected.line, 'line');
            if (expected.column !== undefined) assert.equal(f.start.character + 1, expected.column, 'column');
            if (expected.endLine !== undefined) assert.equal(f.end.line + 1, expected.endLine, 'endLine');
            if (expected.endColumn !== undefined) assert.equal(f.end.character + 1, expected.endColumn, 'endColumn');
            if (expected.message !== undefined) assert.ok(f.message.includes(expected.message), `message '${f.message}' lacks '${expected.message}'`);
            for (const raw of expected.notInMessage ?? []) assert.ok(!f.message.includes(raw), `message '${f.message}' leaks '${raw}'`);
            if (expected.envExample !== undefined) assert.deepEqual(f.fix?.envExample ?? [], expected.envExample);
            assert.ok(!/\{\{/.test(f.message), `message has an unfilled placeholder: ${f.message}`);
          });
          // Identical edits from several fixes (a shared `import os`) are made once, as fix-all does.
          const fixes = uniqueEdits(findings.flatMap((f) => (f.fix ? f.fix.edits : [])));
          if (testCase.output === undefined || testCase.output === null) {
            assert.deepEqual(fixes, [], 'expected no fix');
          } else {
            assert.equal(applyEdits(testCase.code, fixes), testCase.output);
          }
          if (testCase.suggestions) {
            const suggestions = findings[0]?.suggestions ?? [];
            assert.deepEqual(
              suggestions.map((s) => applyEdits(testCase.code, s.edits)),
              testCase.suggestions,
            );
          }
        });
      }
    });
  });
}
