/**
 * The reference twelve-factor app (an Express API and a Flask app side by side) must draw no finding at all from
 * any rule, per-file or project-level: precision is the product.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../server/src/engine/runner';
import { auditWorkspace } from '../../server/src/node/audit';
import { RULES } from '../../server/src/rules';
import { loadProject, runRule, where } from '../support/project';

describe('clean twelve-factor fixture', () => {
  const { root, files } = loadProject('clean');

  it('has both apps on disk', () => {
    const paths = files.map((f) => f.path);
    for (const expected of ['api/package.json', 'api/package-lock.json', 'api/src/server.js', 'web/app.py', 'web/requirements.txt', 'web/Procfile', '.gitignore']) {
      assert.ok(paths.includes(expected), `fixture lacks ${expected}`);
    }
  });

  it('no project rule reports anything', async () => {
    const findings = await runRule(undefined, root, files);
    assert.deepEqual(findings.map((f) => `${where(f)}: ${f.message}`), []);
  });

  it('no per-file rule reports anything in its code', async () => {
    const out: string[] = [];
    for (const file of files) {
      if (!/\.(js|ts|py)$/.test(file.path)) continue;
      const result = await analyzeFile({ path: file.path, text: file.read()!, relativePath: file.path }, { ruleSet: RULES });
      assert.deepEqual(result.ruleErrors, [], `rule errors in ${file.path}`);
      out.push(...result.findings.map((f) => `${file.path}:${f.start.line + 1} ${f.ruleId}: ${f.message}`));
    }
    assert.deepEqual(out, []);
  });

  it('the workspace audit (walker, per-file and project rules together) finds nothing either', async () => {
    const result = await auditWorkspace(root);
    assert.deepEqual(result.ruleErrors, []);
    assert.ok(result.analyzedFiles.length >= 4, `only ${result.analyzedFiles.length} files analysed`);
    assert.deepEqual(result.findings.map((f) => `${f.path}:${f.start.line + 1} ${f.ruleId}: ${f.message}`), []);
  });

  it('the project rules are actually registered (the empty result is not vacuous)', () => {
    const ids = RULES.filter((r) => r.project).map((r) => r.id);
    for (const id of ['env-example-drift', 'env-file-not-ignored', 'malformed-procfile', 'missing-lockfile', 'missing-shutdown-handler', 'procfile-web-port', 'undeclared-dependency']) {
      assert.ok(ids.includes(id), `${id} is not registered with a project check`);
    }
  });
});
