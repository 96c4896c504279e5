import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../server/src/rules/env-example-drift';
import { loadProject, memoryProject, runRule, where } from '../support/project';

describe('env-example-drift', () => {
  it('reports reads missing from the nearest .env.example and keys nothing reads', async () => {
    const { root, files } = loadProject('env-example');
    const findings = await runRule(rule, root, files);
    assert.deepEqual(findings.map(where), [
      // STALE_KEY: listed, never read (REDIS_HOST is named in docker-compose.yml, DATABASE_URL is read implicitly)
      '.env.example:3:1 env-example-drift/unused',
      // its own example serves py/: SECRET_KEY is there, MISSING_PY is not, UNUSED_PY is never read
      'py/.env.example:2:1 env-example-drift/unused',
      'py/main.py:4:11 env-example-drift/missing',
      // one finding per variable per file, on the first read; PORT and NODE_ENV come from the platform
      'src/app.js:2:15 env-example-drift/missing',
      'src/other.js:1:9 env-example-drift/missing',
    ]);
    assert.ok(findings.every((f) => f.severity === 'info' && f.factor === 'III'));
    const missing = findings.find((f) => f.path === 'src/app.js')!;
    assert.equal(missing.message, 'MISSING_ONE is read here but not listed in .env.example; add the name so every deploy knows to set it.');
    assert.deepEqual(missing.fix, { title: 'Add MISSING_ONE to .env.example', edits: [], envExample: ['MISSING_ONE'] });
    // dynamic/ hands process.env to envalid: its WHATEVER key is not judged unused.
    assert.ok(!findings.some((f) => f.path.startsWith('dynamic/')));
  });

  const cases: { name: string; files: Record<string, string>; expected: string[] }[] = [
    { name: 'no .env.example, no finding', files: { 'app.js': 'process.env.API_KEY;' }, expected: [] },
    { name: '.env.sample works too', files: { '.env.sample': 'A=\n', 'app.js': 'process.env.A; process.env.B;' }, expected: ['app.js:1:16 env-example-drift/missing'] },
    { name: 'a folder of Ruby code hides its reads', files: { '.env.example': 'RUBY_ONLY=\n', 'app.rb': 'ENV.fetch("RUBY_ONLY")', 'tool.js': '' }, expected: [] },
    { name: 'Go reads are seen', files: { '.env.example': 'API_KEY=\nOLD=\n', 'main.go': 'package main\n\nfunc main() {\n\tkey := os.Getenv("API_KEY")\n\t_, ok := os.LookupEnv("NEW_ONE")\n}\n' }, expected: ['.env.example:2:1 env-example-drift/unused', 'main.go:5:11 env-example-drift/missing'] },
    { name: 'a key named as a string literal counts as used', files: { '.env.example': 'API_TOKEN=\n', 'config.js': "module.exports = read('API_TOKEN');" }, expected: [] },
    { name: 'pydantic settings read fields from the environment', files: { '.env.example': 'DATABASE_HOST=\n', 'settings.py': 'from pydantic_settings import BaseSettings\nclass Settings(BaseSettings):\n    database_host: str\n' }, expected: [] },
    // w3tecch/express-typescript-boilerplate reads through getOsEnv/getOsEnvOptional defined in another file.
    { name: 'a read through an env wrapper from another file', files: { '.env.example': 'LOG_LEVEL=\n', 'src/lib/env.ts': 'export function getOsEnvOptional(key: string) { return process.env[key]; }\nexport const need = (name: string) => process.env[name]!;\n', 'src/env.ts': "import { getOsEnvOptional, need } from './lib/env';\nexport const log = { level: need('LOG_LEVEL'), json: getOsEnvOptional('LOG_JSON') };\n" }, expected: ['src/env.ts:2:71 env-example-drift/missing'] },
    { name: 'a call with an upper-case name to a function that is no env wrapper is not a read', files: { '.env.example': 'A=\n', 'a.js': "process.env.A; t('WELCOME_TITLE'); function t(key) { return messages[key]; }\n" }, expected: [] },
    { name: 'an example with no code beside it is not judged', files: { '.env.example': 'X=\n' }, expected: [] },
    { name: "another package's example does not describe this one", files: { 'requirements.txt': 'django==5.1.4\n', '.env.example': 'SECRET_KEY=\n', 'settings.py': "import os\nos.environ['SECRET_KEY']\n", 'web/package.json': '{}', 'web/src/main.ts': 'import.meta.env.VITE_API_URL;' }, expected: [] },
    { name: "a monorepo root's example serves packages without their own", files: { '.env.example': 'API_KEY=\n', 'docker-compose.yml': 'services: {}\n', 'api/package.json': '{}', 'api/index.js': 'process.env.API_KEY; process.env.NEW_KEY;' }, expected: ['api/index.js:1:22 env-example-drift/missing'] },
    { name: 'suppressed in the example file', files: { '.env.example': '# twelve-factor-disable-next-line env-example-drift -- read by the CDN\nCDN_TOKEN=\n', 'a.js': '' }, expected: [] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const findings = await runRule(rule, '/project', memoryProject(c.files));
      assert.deepEqual(findings.map(where), c.expected);
    });
  }
});
