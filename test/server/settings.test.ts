/** Settings validation: every invalid value gets one problem sentence and its default; valid values pass through. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, resolveSettings, SettingsStore } from '../../server/src/settings';

const known = new Set(['no-hardcoded-port', 'no-credentials-in-url']);

describe('resolveSettings', () => {
  it('no settings at all means the defaults, without problems', () => {
    for (const raw of [undefined, null, {}]) {
      const { settings, problems } = resolveSettings(raw, known);
      assert.deepEqual(problems, []);
      assert.equal(settings.enable, DEFAULT_SETTINGS.enable);
      assert.deepEqual(settings.rules, {});
      assert.equal(settings.testFiles, 'ignore');
      assert.equal(settings.maxFileSize, DEFAULT_SETTINGS.maxFileSize);
    }
  });

  it('valid values pass through', () => {
    const { settings, problems } = resolveSettings(
      { enable: false, rules: { 'no-hardcoded-port': 'error', 'no-credentials-in-url': 'off' }, exclude: ['legacy/**'], testFiles: 'hint', maxFileSize: 5000, trace: { server: 'verbose' } },
      known,
    );
    assert.deepEqual(problems, []);
    assert.equal(settings.enable, false);
    assert.deepEqual(settings.rules, { 'no-hardcoded-port': 'error', 'no-credentials-in-url': 'off' });
    assert.equal(settings.testFiles, 'hint');
    assert.equal(settings.maxFileSize, 5000);
  });

  const invalid: { name: string; raw: unknown; problem: RegExp; check: (s: ReturnType<typeof resolveSettings>['settings']) => void }[] = [
    { name: 'section is not an object', raw: 'yes', problem: /twelveFactor should be an object/, check: (s) => assert.equal(s.enable, true) },
    { name: 'enable is a string', raw: { enable: 'no' }, problem: /enable should be true or false, got "no"/, check: (s) => assert.equal(s.enable, true) },
    { name: 'unknown severity', raw: { rules: { 'no-hardcoded-port': 'loud' } }, problem: /rules\.no-hardcoded-port should be one of off, hint, info, warning, error, got "loud"/, check: (s) => assert.deepEqual(s.rules, {}) },
    { name: 'unknown rule id', raw: { rules: { 'no-such-rule': 'error', 'no-hardcoded-port': 'hint' } }, problem: /unknown rule 'no-such-rule'/, check: (s) => assert.deepEqual(s.rules, { 'no-hardcoded-port': 'hint' }) },
    { name: 'rules is a list', raw: { rules: ['no-hardcoded-port'] }, problem: /rules should map rule ids/, check: (s) => assert.deepEqual(s.rules, {}) },
    { name: 'exclude is a string', raw: { exclude: 'dist/**' }, problem: /exclude should be a list of glob patterns/, check: (s) => assert.deepEqual(s.exclude, []) },
    { name: 'exclude holds a number', raw: { exclude: ['dist/**', 42] }, problem: /exclude entries should be non-empty glob strings, got 42/, check: (s) => assert.deepEqual(s.exclude, ['dist/**']) },
    { name: 'testFiles unknown', raw: { testFiles: 'warn' }, problem: /testFiles should be one of ignore, hint/, check: (s) => assert.equal(s.testFiles, 'ignore') },
    { name: 'maxFileSize negative', raw: { maxFileSize: -5 }, problem: /maxFileSize should be a positive whole number/, check: (s) => assert.equal(s.maxFileSize, DEFAULT_SETTINGS.maxFileSize) },
    { name: 'maxFileSize a string', raw: { maxFileSize: '1MB' }, problem: /maxFileSize .* got "1MB"/, check: (s) => assert.equal(s.maxFileSize, DEFAULT_SETTINGS.maxFileSize) },
    { name: 'trace level unknown', raw: { trace: { server: 'loud' } }, problem: /trace\.server should be one of off, messages, verbose/, check: () => undefined },
  ];
  for (const c of invalid) {
    it(`invalid: ${c.name}`, () => {
      const { settings, problems } = resolveSettings(c.raw, known);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0], c.problem);
      c.check(settings);
    });
  }

  it('exclude globs match workspace-relative paths; a pattern without a slash matches the file name', () => {
    const { settings } = resolveSettings({ exclude: ['legacy/**', '*.generated.ts'] }, known);
    assert.equal(settings.isExcluded('legacy/db.js'), true);
    assert.equal(settings.isExcluded('src/api/client.generated.ts'), true);
    assert.equal(settings.isExcluded('src/legacy.js'), false);
    assert.equal(settings.isExcluded('src/app.ts'), false);
  });
});

describe('SettingsStore', () => {
  it('asks the client once per resource, reports a problem once, and forgets everything on clear()', async () => {
    const asked: string[] = [];
    const reports: string[] = [];
    const store = new SettingsStore(async (uri) => {
      asked.push(uri);
      return { maxFileSize: 0 };
    }, known, (m) => reports.push(m));
    await store.get('file:///a.js');
    await store.get('file:///a.js');
    await store.get('file:///b.js');
    assert.deepEqual(asked, ['file:///a.js', 'file:///b.js']);
    assert.equal(reports.length, 1, 'the same problem in two resources is reported once');
    assert.match(reports[0], /maxFileSize/);
    store.clear();
    await store.get('file:///a.js');
    assert.equal(asked.length, 3);
    assert.equal(reports.length, 2, 'after a configuration change the problem is explained again');
  });

  it('a client that fails to answer gives the defaults and one message', async () => {
    const reports: string[] = [];
    const store = new SettingsStore(async () => {
      throw new Error('no configuration support');
    }, known, (m) => reports.push(m));
    const settings = await store.get('file:///a.js');
    assert.equal(settings.enable, true);
    assert.match(reports[0], /Could not read the twelveFactor settings/);
  });
});
