/**
 * Mocha entry point loaded by VS Code's extension host (extensionTestsPath = out/test/e2e/suite/index): by
 * scripts/e2e.mjs in code-server, and by test/e2e/runTestElectron.mjs with @vscode/test-electron. esbuild bundles
 * this file and the suites it lists into one module (vscode and mocha stay external).
 *
 * When TWELVE_FACTOR_E2E_RESULTS names a file, the per-test outcome is written there as JSON for the runner's summary.
 */
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import activation from './activation.e2e';
import checklist from './checklist.e2e';
import codeActions from './codeActions.e2e';
import diagnostics from './diagnostics.e2e';
import languages from './languages.e2e';
import moreLanguages from './moreLanguages.e2e';

/** Each suite module registers its `describe` blocks when called (after mocha has set up its globals). */
const SUITES: Array<() => void> = [activation, diagnostics, codeActions, checklist, languages, moreLanguages];

interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 90_000 });
  mocha.suite.emit('pre-require', globalThis, 'e2e-bundle', mocha);
  for (const register of SUITES) register();

  const outcomes: TestOutcome[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env.TWELVE_FACTOR_E2E_RESULTS;
      if (file) writeFileSync(file, JSON.stringify({ tests: outcomes }, null, 2));
      if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
      else if (outcomes.length === 0) reject(new Error('no end-to-end tests ran'));
      else resolve();
    });
    runner.on('pass', (t) => outcomes.push({ title: t.fullTitle(), state: 'passed' }));
    runner.on('fail', (t, err: unknown) =>
      outcomes.push({ title: t.fullTitle(), state: 'failed', error: err instanceof Error ? err.message : String(err) }),
    );
  });
}
