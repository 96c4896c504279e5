/**
 * Config files (YAML, .properties, JSON) beyond their marker fixtures (test/lang/markers.test.ts checks those):
 * which files count as app config, the fixes each format offers, broken files, and the .properties tokenizer.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { isAppConfigFile } from '../../server/src/engine/lang/config/scope';
import { parseProperties } from '../../server/src/engine/lang/properties/parse';
import { analyzeFile } from '../../server/src/engine/runner';
import { applyEdits } from '../../server/src/engine/text';
import type { Finding } from '../../server/src/engine/types';

const FIXTURES = join(__dirname, '..', 'fixtures', 'lang');
const FIXTURES_JSON = join(FIXTURES, 'json');

async function analyze(format: string, path: string): Promise<{ findings: Finding[]; syntaxErrors: boolean }> {
  const rel = relative(join(FIXTURES, format), path).replace(/\\/g, '/');
  const result = await analyzeFile({ path: rel, text: readFileSync(path, 'utf8'), relativePath: rel });
  return { findings: result.findings, syntaxErrors: result.syntaxErrors };
}

describe('config files: which files are app config', () => {
  const cases: [string, boolean][] = [
    ['src/main/resources/application.yml', true],
    ['src/main/resources/application-prod.yaml', true],
    ['src/main/resources/bootstrap.properties', true],
    ['src/main/resources/generator.properties', true],
    ['config/database.yml', true],
    ['conf/app.yaml', true],
    ['docker-compose.override.yml', true],
    ['compose.yaml', true],
    ['deploy/config.yml', true],
    ['src/Web/appsettings.json', true],
    ['src/Web/appsettings.Production.json', true],
    ['config/production.json', true],
    ['config/locales/en.yml', false],
    ['.github/workflows/ci.yml', false],
    ['k8s/deployment.yaml', false],
    ['mkdocs.yml', false],
    ['config/database.example.yml', false],
    ['package.json', false],
    ['package-lock.json', false],
    ['tsconfig.json', false],
    ['config/tsconfig.json', false],
    ['src/Web/Properties/launchSettings.json', false],
    ['.vscode/settings.json', false],
    ['babel.config.json', false],
    ['gradle.properties', false],
    ['gradle/wrapper/gradle-wrapper.properties', false],
    ['src/main/resources/messages_fr.properties', false],
  ];
  for (const [path, expected] of cases) it(`${path}: ${expected ? 'analysed' : 'not analysed'}`, () => assert.equal(isAppConfigFile(path), expected));
});

describe('config files: fixes', () => {
  const fixed = async (path: string, text: string) => {
    const { findings } = await analyzeFile({ path, text, relativePath: path });
    return findings.map((f) => (f.fix ? applyEdits(text, f.fix.edits) : null));
  };
  it('Spring YAML and .properties: ${NAME}', async () => {
    assert.deepEqual(await fixed('src/main/resources/application.yml', 'spring:\n  datasource:\n    password: "Xk9mQ2vLp7Rw"\n'), ['spring:\n  datasource:\n    password: ${DB_PASSWORD}\n']);
    assert.deepEqual(await fixed('src/main/resources/application.properties', 'app.jwtSecret = 7f3c9a1e5b2d8f04c6a9\n'), ['app.jwtSecret = ${JWT_SECRET}\n']);
  });
  it('Rails YAML: <%= ENV.fetch("NAME") %>', async () => {
    assert.deepEqual(await fixed('config/database.yml', 'production:\n  password: Pr0dXk9mQ2vL\n'), ['production:\n  password: <%= ENV.fetch("PASSWORD") %>\n']);
  });
  it('docker-compose: ${NAME}', async () => {
    assert.deepEqual(await fixed('docker-compose.yml', 'services:\n  app:\n    environment:\n      STRIPE_KEY: sk_live_4eC39HqLyjWDarjtT1zdp7dc\n'), ['services:\n  app:\n    environment:\n      STRIPE_KEY: ${STRIPE_SECRET_KEY}\n']);
  });
  it('JSON, and YAML without an environment idiom: reported without a fix', async () => {
    assert.deepEqual(await fixed('appsettings.json', '{ "Jwt": { "Secret": "7f3c9a1e5b2d8f04c6a9" } }'), [null]);
    assert.deepEqual(await fixed('config/prod.yml', 'jwt_secret: 7f3c9a1e5b2d8f04c6a9\n'), [null]);
  });
});

describe('config files: robustness', () => {
  it('a broken file gives the facts before the break and flags syntax errors', async () => {
    const yaml = await analyzeFile({ path: 'config/app.yml', text: 'db:\n  password: Xk9mQ2vLp7Rw\n  - [oops\n: : {' });
    assert.equal(yaml.syntaxErrors, true);
    const json = await analyze('json', join(FIXTURES_JSON, 'src/Web/appsettings.json'));
    assert.equal(json.syntaxErrors, true);
    assert.equal(json.findings.length, 1);
  });
  it('binary-looking and empty files do not throw', async () => {
    for (const path of ['config/a.yml', 'application.properties', 'appsettings.json']) {
      for (const text of ['', '\n', '{', '---\n---\n', '\\', 'key\\', 'a=\\u12']) await analyzeFile({ path, text });
    }
  });
});

describe('config files: the .properties tokenizer', () => {
  it('reads separators, continuations, escapes and comments with offsets', () => {
    const text = '# c\n! d\n  a.b = 1 # not a comment\nc:2\nd 3\ne\\ f=g\\\n   h\ni=\\u0041\\tB\nj\n';
    const { entries, comments } = parseProperties(text);
    assert.deepEqual(entries.map((e) => [e.key, e.value]), [['a.b', '1 # not a comment'], ['c', '2'], ['d', '3'], ['e f', 'gh'], ['i', 'A\tB'], ['j', '']]);
    assert.deepEqual(comments.map((c) => text.slice(c.start, c.end)), ['# c', '! d']);
    assert.deepEqual(entries.map((e) => text.slice(e.valueRange.start, e.valueRange.end)), ['1 # not a comment', '2', '3', 'g\\\n   h', '\\u0041\\tB', '']);
  });
});
