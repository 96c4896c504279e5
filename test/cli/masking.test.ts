/**
 * No raw secret leaves the CLI: every output format (text, JSON, SARIF, and what goes to stderr or an --output file)
 * is searched for each raw secret planted in examples/express-app and in a fixture with more credential shapes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { EXPRESS_APP, makeProject, runCli, tempDir, type CliRun } from './helpers';

/** The secret parts of the example's credentials (a prefix such as `sk_live_` may stay visible; the rest may not). */
const EXAMPLE_SECRETS: Record<string, string[]> = {
  'src/db.js': ['Pr0dPassw0rd-000'],
  'src/payments.js': ['51H000aZq8Xv2Lm7Rt3Kp9Wn'],
  'src/auth.js': ['b7Hq2000Zr9LmXv4TpK8sWd3Nc6Fy1Ge'],
  'src/server.js': ['kX9q000vL2qRz8mZ4wT6yB1n'],
  'worker/app.py': ['f3a9000c7b21e4d8a6b5c0e9d2f17a43'],
  '.env': ['Pr0dPassw0rd-000', '51H000aZq8Xv2Lm7Rt3Kp9Wn'],
};

/** More shapes, one file each, so a finding on any of them has to mask its own secret. */
const FIXTURE: Record<string, string> = {
  'src/mongo.js': "const mongoose = require('mongoose');\nmongoose.connect('mongodb://admin:Mq7000zXv93LkPw@mongo.internal:27017/app');\n",
  'src/mysql.ts': "import mysql from 'mysql2';\nexport const db = mysql.createPool({ uri: 'mysql://root:Ty000pQz81mWvB@mysql.internal:3306/shop' });\n",
  'src/aws.js': "const AWS_SECRET_ACCESS_KEY = 'wJalr000UtnFEMIK7MDENGbPxRfiCY9q8Hd4s2Xa';\nmodule.exports = { AWS_SECRET_ACCESS_KEY };\n",
  'src/github.js': "const token = 'ghp_000aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3';\nmodule.exports = { token };\n",
  'app/settings.py': "import os\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'PASSWORD': 'Dj000ng0Pw4sZq7'}}\nAPI_TOKEN = 'tok_000Hf83kZq9LmVx2Rw7Ty5'\n",
  'package.json': '{ "name": "fixture", "version": "1.0.0", "dependencies": { "mongoose": "8.0.0", "mysql2": "3.9.7" } }\n',
  'package-lock.json': '{ "name": "fixture", "lockfileVersion": 3, "packages": {} }\n',
};
const FIXTURE_SECRETS = ['Mq7000zXv93LkPw', 'Ty000pQz81mWvB', 'wJalr000UtnFEMIK7MDENGbPxRfiCY9q8Hd4s2Xa', '000aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3', 'Dj000ng0Pw4sZq7', 'tok_000Hf83kZq9LmVx2Rw7Ty5'];

function leaks(run: CliRun, secrets: readonly string[]): string[] {
  return secrets.filter((s) => run.stdout.includes(s) || run.stderr.includes(s));
}

describe('masking in every output format', () => {
  it('the example really holds the secrets this test looks for', () => {
    for (const [file, secrets] of Object.entries(EXAMPLE_SECRETS)) {
      const text = readFileSync(join(EXPRESS_APP, file), 'utf8');
      for (const secret of secrets) assert.ok(text.includes(secret), `${secret} is not in ${file}`);
    }
  });

  const allExampleSecrets = [...new Set(Object.values(EXAMPLE_SECRETS).flat())];
  for (const format of ['text', 'json', 'sarif'] as const) {
    it(`${format}: no raw secret of examples/express-app appears, while its findings do`, () => {
      const run = runCli(['examples/express-app', '--format', format, '--include-tests', '--no-color']);
      assert.deepEqual(leaks(run, allExampleSecrets), []);
      // The findings on the secret-holding files are in the output (so the check above looked at real messages).
      for (const file of ['src/db.js', 'src/payments.js']) assert.ok(run.stdout.includes(file), `${file} not reported in ${format}`);
      assert.ok(run.stdout.includes('postgres://shop:****@db.shop.internal'), 'the masked URL is shown');
    });
  }

  describe('a fixture with more credential shapes', () => {
    let project: string;
    before(() => {
      project = makeProject(FIXTURE);
    });

    for (const format of ['text', 'json', 'sarif'] as const) {
      it(`${format}: no raw secret appears`, () => {
        const run = runCli([project, '--format', format]);
        assert.equal(run.code, 1, `the fixture's credentials are errors:\n${run.stdout}${run.stderr}`);
        assert.deepEqual(leaks(run, FIXTURE_SECRETS), []);
        if (format === 'json') {
          // Every file holding a secret has a finding, so each shape's message went through the check above.
          const paths = new Set((JSON.parse(run.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path));
          for (const file of Object.keys(FIXTURE).filter((f) => f.startsWith('src/') || f.startsWith('app/'))) assert.ok(paths.has(file), `no finding in ${file}`);
        }
      });
    }

    it('--output files are masked too', () => {
      const dir = tempDir();
      for (const format of ['text', 'json', 'sarif']) {
        const out = join(dir, `report.${format}`);
        runCli([project, '--format', format, '--output', out]);
        const written = readFileSync(out, 'utf8');
        assert.ok(written.length > 0);
        assert.deepEqual(FIXTURE_SECRETS.filter((s) => written.includes(s)), [], `${format} file leaks`);
      }
    });
  });
});
