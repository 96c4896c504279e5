#!/usr/bin/env node
// The same end-to-end suites in a desktop VS Code downloaded by @vscode/test-electron, for machines that can reach
// the VS Code download site (`npm run test:e2e:electron`). Where it cannot, scripts/e2e.mjs runs them in code-server.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const runDir = mkdtempSync(join(tmpdir(), 'twelve-factor-e2e-'));
const workspace = join(runDir, 'workspace'); // a copy: the suites edit and save files
cpSync(join(root, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });

try {
  await runTests({
    version: process.env.VSCODE_VERSION || '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/test/e2e/suite/index'),
    extensionTestsEnv: { TWELVE_FACTOR_E2E_RESULTS: join(runDir, 'results.json') },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', join(runDir, 'user-data')],
  });
} catch (e) {
  console.error(`e2e (electron): ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
} finally {
  rmSync(runDir, { recursive: true, force: true });
}
