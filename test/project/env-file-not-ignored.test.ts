import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule, { isDotenvFile, isGitIgnored } from '../../server/src/rules/env-file-not-ignored';
import { loadProject, memoryProject, runRule, where } from '../support/project';

describe('env-file-not-ignored', () => {
  it('reports .env files no .gitignore covers, on their first line, without echoing values', async () => {
    const { root, files } = loadProject('env-files');
    const findings = await runRule(rule, root, files);
    assert.deepEqual(findings.map(where), [
      '.env.local:1:1 env-file-not-ignored/notIgnored',
      'services/worker/.env.production:1:1 env-file-not-ignored/notIgnored',
    ]);
    assert.equal(findings[0].severity, 'error');
    assert.match(findings[0].message, /^\.env\.local is not covered by \.gitignore/);
    assert.ok(findings.every((f) => !f.message.includes('demo')), 'a finding echoes a value');
    // .env (root .gitignore), services/api/.env (nested .gitignore), .env.example (a template) and test/.env.test
    // (a test file) are not reported.
  });

  it('recognises .env files and templates by name', () => {
    assert.deepEqual(
      ['.env', '.env.local', '.env.production', '.env.example', '.env.sample', '.env.template', '.env.dist', '.env.production.example', 'env.js', '.envrc', '.environment'].map(isDotenvFile),
      [true, true, true, false, false, false, false, false, false, false, false],
    );
  });

  it('templates named per environment with a -sample/_example/.tpl part are not env files (flask-on-docker)', () => {
    assert.deepEqual(
      ['.env.dev-sample', '.env.prod-sample', '.env.prod.db-sample', '.env.local_example', '.env.staging.tpl', '.env.Sample', '.env.dev', '.env.prod.db', '.env.samplesize'].map(isDotenvFile),
      [false, false, false, false, false, false, true, true, true],
    );
  });

  const gitignoreCases: { name: string; files: Record<string, string>; path: string; ignored: boolean }[] = [
    { name: 'a glob', files: { '.gitignore': '.env*\n!.env.example\n' }, path: 'a/.env.local', ignored: true },
    { name: 'negated again in a deeper .gitignore', files: { '.gitignore': '.env\n', 'app/.gitignore': '!.env\n' }, path: 'app/.env', ignored: false },
    { name: 'anchored to the root only', files: { '.gitignore': '/.env\n' }, path: 'app/.env', ignored: false },
    { name: 'inside an ignored folder', files: { '.gitignore': 'secrets/\n' }, path: 'secrets/.env', ignored: true },
    { name: 'no .gitignore at all', files: {}, path: '.env', ignored: false },
  ];
  for (const c of gitignoreCases) {
    it(`gitignore: ${c.name}`, () => {
      assert.equal(isGitIgnored(memoryProject(c.files), c.path), c.ignored);
    });
  }

  it('a file-level suppression in the .env file itself', async () => {
    const files = memoryProject({ '.env': '# twelve-factor-disable env-file-not-ignored -- dummy values for the demo\nAPP_NAME=x\n' });
    assert.deepEqual((await runRule(rule, '/p', files)).map(where), []);
  });
});
