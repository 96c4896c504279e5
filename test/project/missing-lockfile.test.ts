import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../server/src/rules/missing-lockfile';
import { loadProject, memoryProject, runRule, where } from '../support/project';

describe('missing-lockfile', () => {
  it('judges every package of the fixture monorepo on its own', async () => {
    const { root, files } = loadProject('lockfiles');
    const findings = await runRule(rule, root, files);
    assert.deepEqual(findings.map(where), [
      'go-no-sum/go.mod:1:1 missing-lockfile/go',
      'node-no-lock/package.json:1:1 missing-lockfile/node',
      // -r base.txt brings in an unpinned fastapi~=0.115
      'py-included/requirements.txt:1:1 missing-lockfile/requirements',
      'py-unpinned/requirements.txt:1:1 missing-lockfile/requirements',
      'pyproject-no-lock/pyproject.toml:1:1 missing-lockfile/pyproject',
    ]);
    const unpinned = findings.find((f) => f.path === 'py-unpinned/requirements.txt')!;
    assert.match(unpinned.message, /2 unpinned requirement\(s\) \(flask, gunicorn\)/);
    assert.equal(unpinned.severity, 'warning');
    assert.equal(unpinned.factor, 'II');
  });

  const cases: { name: string; files: Record<string, string>; expected: string[] }[] = [
    { name: 'bun.lockb counts', files: { 'package.json': '{"dependencies":{"hono":"4"}}', 'bun.lockb': 'binary' }, expected: [] },
    { name: 'npm-shrinkwrap counts', files: { 'package.json': '{"dependencies":{"hono":"4"}}', 'npm-shrinkwrap.json': '{}' }, expected: [] },
    { name: 'a lock in a parent that is not a workspace root does not cover a nested app', files: { 'package.json': '{"dependencies":{"a":"1"}}', 'package-lock.json': '{}', 'client/package.json': '{"dependencies":{"react":"18"}}' }, expected: ['client/package.json:1:1 missing-lockfile/node'] },
    { name: 'unparseable package.json is left alone', files: { 'package.json': '{ "dependencies": ' }, expected: [] },
    { name: 'requirements pinned through a constraints file', files: { 'requirements.txt': '-c constraints.txt\nflask\n' }, expected: [] },
    { name: 'requirements next to a poetry.lock', files: { 'requirements.txt': 'flask\n', 'poetry.lock': '' }, expected: [] },
    { name: 'pyproject with a pinned requirements.txt export', files: { 'pyproject.toml': '[project]\ndependencies = ["flask"]\n', 'requirements.txt': 'flask==3.1.0\n' }, expected: [] },
    { name: 'poetry dependencies beyond python', files: { 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.12"\ndjango = "^5.1"\n' }, expected: ['pyproject.toml:1:1 missing-lockfile/pyproject'] },
    { name: 'poetry with python only', files: { 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.12"\n' }, expected: [] },
    { name: 'Pipfile without Pipfile.lock', files: { Pipfile: '[packages]\nflask = "*"\n' }, expected: ['Pipfile:1:1 missing-lockfile/pipfile'] },
    { name: 'a manifest under test/ is a fixture, not the app', files: { 'test/app/package.json': '{"dependencies":{"x":"1"}}' }, expected: [] },
    { name: 'suppressed in requirements.txt', files: { 'requirements.txt': '# twelve-factor-disable missing-lockfile -- pinned by the image\nflask\n' }, expected: [] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const findings = await runRule(rule, '/project', memoryProject(c.files));
      assert.deepEqual(findings.map(where), c.expected);
    });
  }
});
