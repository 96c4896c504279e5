/** The client's pure pieces: docs links from command arguments, rules from the manifest, the status text, the selector. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DOCUMENT_SELECTOR, LANGUAGE_IDS } from '../../client/src/config';
import { documentationUrl, rulesFromManifest } from '../../client/src/ruleDocs';
import { countFindings, statusText } from '../../client/src/statusText';
import { docsUrlFor } from '../../server/src/shared/docs';
import { RULES } from '../../server/src/rules';

describe('client: rule documentation', () => {
  const url = docsUrlFor('no-hardcoded-port');
  const cases: { argument: unknown; expected: string | undefined }[] = [
    { argument: { ruleId: 'no-hardcoded-port', url }, expected: url },
    { argument: url, expected: url },
    { argument: 'no-hardcoded-port', expected: url },
    { argument: { ruleId: 'no-hardcoded-port' }, expected: url },
    // Never another scheme, never a malformed id.
    { argument: 'command:workbench.action.terminal.new', expected: undefined },
    { argument: { url: 'file:///etc/passwd' }, expected: undefined },
    { argument: { ruleId: '../../etc' }, expected: undefined },
    { argument: 42, expected: undefined },
    { argument: null, expected: undefined },
    { argument: undefined, expected: undefined },
  ];
  for (const c of cases) it(`argument ${JSON.stringify(c.argument)}`, () => assert.equal(documentationUrl(c.argument), c.expected));

  it('the quick pick offers every registered rule, read from package.json', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    assert.deepEqual(rulesFromManifest(pkg).map((r) => r.id), RULES.map((r) => r.id));
    assert.deepEqual(rulesFromManifest({}), []);
    assert.deepEqual(rulesFromManifest(undefined), []);
  });
});

describe('client: status text', () => {
  it('shows the state and the active file finding count', () => {
    assert.equal(statusText('running', 0), '$(check) Twelve-Factor');
    assert.equal(statusText('running', 1), '$(warning) Twelve-Factor: 1 finding');
    assert.equal(statusText('running', 3), '$(warning) Twelve-Factor: 3 findings');
    assert.match(statusText('failed', 2), /failed/);
    assert.match(statusText('stopped', undefined), /stopped/);
    assert.equal(countFindings([{ source: 'twelve-factor' }, { source: 'eslint' }, {}]), 1);
  });
});

describe('client: document selector', () => {
  it('covers files and unsaved editors of every analysed language and the project file languages', () => {
    for (const language of ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'python', 'procfile', 'dotenv']) {
      assert.ok(LANGUAGE_IDS.includes(language), language);
      assert.ok(DOCUMENT_SELECTOR.some((f) => f.language === language && f.scheme === 'file'));
      assert.ok(DOCUMENT_SELECTOR.some((f) => f.language === language && f.scheme === 'untitled'));
    }
    assert.ok(DOCUMENT_SELECTOR.every((f) => f.scheme === 'file' || f.scheme === 'untitled'), 'no virtual file systems');
  });
});
