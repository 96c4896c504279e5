/**
 * engine/project.ts on probe rules: package grouping, severities and `off`, file roles, suppression comments,
 * masking, the shared code facts, and bad input (unreadable, binary, unparseable files, rules that throw).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineRule } from '../../server/src/engine/defineRule';
import { CODE_FACTS, type CodeFacts } from '../../server/src/engine/facts';
import { runProjectRules, runProjectRulesDetailed } from '../../server/src/engine/project';
import { packageDirs, packageOf, parseDotenvKeys, parseProcfile } from '../../server/src/engine/projectUtil';
import type { ProjectFile } from '../../server/src/engine/types';
import { memoryProject, where } from '../support/project';

/** Reports every package's first file, to show what each package holds. */
const packages = defineRule({
  id: 'probe-packages',
  factor: 'II',
  defaultSeverity: 'warning',
  description: 'Test only.',
  messages: { pkg: 'package {{dir}}: {{files}}' },
  project(context) {
    const first = context.files[0];
    if (first) context.report({ path: first.path, messageId: 'pkg', data: { dir: context.packageDir || '.', files: context.files.map((f) => f.path).join(',') } });
  },
});

/** Reports every env read the shared facts saw. */
const envReads = defineRule({
  id: 'probe-env',
  factor: 'III',
  defaultSeverity: 'info',
  description: 'Test only.',
  messages: { read: 'reads {{name}}' },
  project(context) {
    const facts = context.fileFacts<CodeFacts>(CODE_FACTS);
    for (const file of context.files) {
      for (const read of facts.get(file.path)?.envReads ?? []) context.report({ path: file.path, messageId: 'read', data: { name: read.name }, range: read });
    }
  },
});

describe('project: packages', () => {
  it('groups files by nearest manifest of any kind, deepest first', () => {
    const dirs = packageDirs(['package.json', 'api/package.json', 'web/requirements.txt', 'svc/go.mod', 'tools/py/pyproject.toml', 'docs/x.md']);
    assert.deepEqual(dirs, ['tools/py', 'api', 'svc', 'web', '']);
    assert.equal(packageOf('api/src/a.js', dirs), 'api');
    assert.equal(packageOf('apix/a.js', dirs), '');
    assert.equal(packageOf('tools/py/app/main.py', dirs), 'tools/py');
  });

  it('runs a project rule once per package with that package’s files', async () => {
    const files = memoryProject({ 'package.json': '{}', Makefile: '', 'api/package.json': '{}', 'api/src/a.js': '', 'web/requirements.txt': '', 'web/app.py': '' });
    const findings = await runProjectRules('/p', files, { ruleSet: [packages] });
    assert.deepEqual(findings.map((f) => `${f.path}: ${f.message}`), [
      'Makefile: package .: Makefile,package.json',
      'api/package.json: package api: api/package.json,api/src/a.js',
      'web/app.py: package web: web/app.py,web/requirements.txt',
    ]);
  });

  it('normalises paths and skips node_modules, .git and virtualenvs', async () => {
    const files = memoryProject({ '.\\src\\a.js': 'process.env.A;', 'node_modules/x/index.js': 'process.env.B;', '.venv/lib/y.py': 'import os\nos.environ["C"]\n', '.git/config': '' });
    const findings = await runProjectRules('/p', files, { ruleSet: [envReads] });
    assert.deepEqual(findings.map(where), ['src/a.js:1:1 probe-env/read']);
  });
});

describe('project: facts', () => {
  it('JS and Python env reads, destructuring and dynamic access', async () => {
    const files = memoryProject({
      'a.ts': "const { A, B: b } = process.env;\nconst c = process.env['C'] ?? import.meta.env.D;",
      'b.py': "import os\nfrom os import environ, getenv\nx = os.environ['E'] + environ.get('F') + getenv('G') + os.getenv('H', 'h')\n",
    });
    const findings = await runProjectRules('/p', files, { ruleSet: [envReads] });
    assert.deepEqual(findings.map((f) => f.message), ['reads A', 'reads B', 'reads C', 'reads D', 'reads E', 'reads F', 'reads G', 'reads H']);
  });

  it('knows when the environment is handed over whole', async () => {
    const dynamic = defineRule({
      id: 'probe-dynamic', factor: 'III', defaultSeverity: 'info', description: 'Test only.', messages: { d: 'dynamic' },
      project(context) {
        const facts = context.fileFacts<CodeFacts>(CODE_FACTS);
        for (const file of context.files) if (facts.get(file.path)?.envDynamic) context.report({ path: file.path, messageId: 'd' });
      },
    });
    const files = memoryProject({
      'named.py': "import os\na = os.environ['A']\nb = os.environ.get('B')\nc = 'C' in os.environ\nos.environ.setdefault('D', 'x')\n",
      'copy.py': 'import os\nenv = os.environ.copy()\n',
      'computed.py': 'import os\nv = os.environ[name]\n',
      'named.js': "const { A, B } = process.env;\nconst c = process.env.C;",
      'spread.js': 'const env = { ...process.env };',
      'computed.js': 'const v = process.env[name];',
      'main.go': 'package main\nfunc main() { _ = os.Environ() }\n',
    });
    const findings = await runProjectRules('/p', files, { ruleSet: [dynamic] });
    assert.deepEqual(findings.map((f) => f.path), ['computed.js', 'computed.py', 'copy.py', 'main.go', 'spread.js']);
  });

  it('unparseable code still yields the facts of its readable parts', async () => {
    const files = memoryProject({ 'a.js': 'const = = ;\nprocess.env.OK;', 'b.py': 'def f(:\n    pass\nimport os\nos.environ["PY_OK"]\n' });
    const findings = await runProjectRules('/p', files, { ruleSet: [envReads] });
    assert.deepEqual(findings.map((f) => f.message), ['reads OK', 'reads PY_OK']);
  });
});

describe('project: settings, roles, suppressions', () => {
  const files = memoryProject({ 'src/a.js': 'process.env.A;\n// twelve-factor-disable-next-line probe-env\nprocess.env.B;', 'test/a.test.js': 'process.env.T;' });

  it('severity overrides and off', async () => {
    assert.deepEqual((await runProjectRules('/p', files, { ruleSet: [envReads], rules: { 'probe-env': 'error' } })).map((f) => f.severity), ['error']);
    assert.deepEqual(await runProjectRules('/p', files, { ruleSet: [envReads], rules: { 'probe-env': 'off' } }), []);
  });

  it('findings in tests are dropped, or kept as hints', async () => {
    assert.deepEqual((await runProjectRules('/p', files, { ruleSet: [envReads] })).map(where), ['src/a.js:1:1 probe-env/read']);
    const hinted = await runProjectRules('/p', files, { ruleSet: [envReads], nonProductionFiles: 'hint' });
    assert.deepEqual(hinted.map((f) => `${where(f)} ${f.severity}`), ['src/a.js:1:1 probe-env/read info', 'test/a.test.js:1:1 probe-env/read hint']);
  });

  it('a requirements.txt is a manifest, not documentation', async () => {
    const rule = defineRule({ id: 'probe-req', factor: 'II', defaultSeverity: 'warning', description: 'Test only.', messages: { m: 'm' }, project: (c) => c.files.forEach((f) => c.report({ path: f.path, messageId: 'm' })) });
    const findings = await runProjectRules('/p', memoryProject({ 'requirements.txt': 'flask\n', 'docs/requirements.txt': 'sphinx\n' }), { ruleSet: [rule] });
    assert.deepEqual(findings.map((f) => `${f.path} ${f.role}`), ['requirements.txt production']);
  });
});

describe('project: bad input never throws', () => {
  it('unreadable, binary and huge files read as undefined', async () => {
    const seen: string[] = [];
    const rule = defineRule({
      id: 'probe-read', factor: 'III', defaultSeverity: 'warning', description: 'Test only.', messages: { m: '{{p}}' },
      project: (c) => c.files.forEach((f) => seen.push(`${f.path}=${f.read() === undefined ? 'undefined' : 'text'}`)),
    });
    const files: ProjectFile[] = [
      { path: 'broken.js', read: () => { throw new Error('EACCES'); } },
      { path: 'image.py', read: () => 'PNG\u0000\u0000' },
      { path: 'huge.js', read: () => 'x'.repeat(2000) },
      { path: 'ok.js', read: () => 'process.env.A;' },
    ];
    const result = await runProjectRulesDetailed('/p', files, { ruleSet: [rule], maxFileSize: 1000 });
    assert.deepEqual(result.ruleErrors, []);
    assert.deepEqual(seen.sort(), ['broken.js=undefined', 'huge.js=undefined', 'image.py=undefined', 'ok.js=text']);
  });

  it('a rule that throws is reported in ruleErrors and the others still run', async () => {
    const broken = defineRule({ id: 'probe-broken', factor: 'II', defaultSeverity: 'error', description: 'Test only.', messages: {}, project: () => { throw new Error('boom'); } });
    const unknownMessage = defineRule({ id: 'probe-unknown', factor: 'II', defaultSeverity: 'error', description: 'Test only.', messages: {}, project: (c) => c.report({ path: 'a.js', messageId: 'nope' }) });
    const result = await runProjectRulesDetailed('/p', memoryProject({ 'a.js': 'process.env.A;' }), { ruleSet: [broken, unknownMessage, envReads] });
    assert.deepEqual(result.ruleErrors, ['probe-broken (.): boom', "probe-unknown (.): rule probe-unknown reported unknown messageId 'nope'"]);
    assert.deepEqual(result.findings.map(where), ['a.js:1:1 probe-env/read']);
  });

  it('messages are masked', async () => {
    const leaky = defineRule({ id: 'probe-leak', factor: 'III', defaultSeverity: 'error', description: 'Test only.', messages: { m: 'found {{url}}' }, project: (c) => c.report({ path: 'a.env', messageId: 'm', data: { url: 'postgres://app:hunter22@db/app' } }) });
    const [finding] = await runProjectRules('/p', memoryProject({ 'a.env': 'X=1' }), { ruleSet: [leaky] });
    assert.equal(finding.message, 'found postgres://app:****@db/app');
  });

  it('with every rule off, nothing is read at all', async () => {
    let reads = 0;
    const files: ProjectFile[] = [{ path: 'a.js', read: () => { reads++; return ''; } }];
    assert.deepEqual(await runProjectRules('/p', files, { ruleSet: [envReads], rules: { 'probe-env': 'off' } }), []);
    assert.equal(reads, 0);
  });
});

describe('project: line formats', () => {
  it('Procfile entries and malformed lines', () => {
    const parsed = parseProcfile('web: node a.js\r\n# c\n\nbad line\nworker:python w.py\n');
    assert.deepEqual(parsed.entries.map((e) => [e.name, e.command, e.line]), [['web', 'node a.js', 0], ['worker', 'python w.py', 4]]);
    assert.deepEqual(parsed.malformed.map((m) => m.line), [3]);
  });
  it('.env keys, never values', () => {
    const keys = parseDotenvKeys('A=1\nexport B="x y"\n# C=\n# see docs: d=e\n  D =\nnot a key\n');
    assert.deepEqual(keys.map((k) => `${k.name}${k.commented ? '#' : ''}`), ['A', 'B', 'C#', 'D']);
  });
});
