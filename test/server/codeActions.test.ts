/** The pure code action builders: suppression comment placement, .env.example edits, fix-all, kind filtering. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextDocumentEdit, CreateFile } from 'vscode-languageserver';
import { buildWorkspaceEdit, disableFileEdit, disableLineEdit, fixAll, FIX_ALL_KIND, quickFixes, wants, type ActionContext, type ActionDocument, type EnvExampleFile } from '../../server/src/codeActions';
import { jsLineStartContext } from '../../server/src/engine/lang/js/comments';
import { parseJs } from '../../server/src/engine/lang/js/parse';
import { analyzeFile } from '../../server/src/engine/runner';
import { applyEdits } from '../../server/src/engine/text';
import type { Finding } from '../../server/src/engine/types';
import { appendText, documentedNames, missingNames } from '../../server/src/envExample';

const doc = (text: string, path = '/w/src/app.js', languageId = 'javascript'): ActionDocument => ({ uri: `file://${path}`, languageId, version: 3, text, path });
const offsetOf = (text: string, p: { line: number; character: number }) => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
const apply = (d: ActionDocument, edit: { start: number; end: number; newText: string }) => applyEdits(d.text, [edit]);

describe('disable comments', () => {
  const cases: { name: string; document: ActionDocument; line: number; expected: string }[] = [
    { name: 'keeps the indentation', document: doc('function f() {\n    app.listen(3000);\n}\n'), line: 1, expected: 'function f() {\n    // twelve-factor-disable-next-line r -- reason\n    app.listen(3000);\n}\n' },
    { name: 'Python uses #', document: doc('if True:\n\tapp.run(port=5000)\n', '/w/app.py', 'python'), line: 1, expected: 'if True:\n\t# twelve-factor-disable-next-line r -- reason\n\tapp.run(port=5000)\n' },
    { name: 'CRLF files get CRLF', document: doc('a();\r\nb();\r\n'), line: 1, expected: 'a();\r\n// twelve-factor-disable-next-line r -- reason\r\nb();\r\n' },
    { name: 'first line', document: doc('app.listen(1)'), line: 0, expected: '// twelve-factor-disable-next-line r -- reason\napp.listen(1)' },
  ];
  for (const c of cases) it(`line: ${c.name}`, () => assert.equal(apply(c.document, disableLineEdit(c.document, 'r', c.line)!), c.expected));

  const tree = (d: ActionDocument) => parseJs(d.text, d.path, d.languageId);
  it('line: in JSX children the comment is {/* */}, and it really suppresses', async () => {
    const d = doc("export const App = () => (\n  <div>\n    {connect('postgres://app:s3cr3tPw@db.prod.acme.io/app')}\n  </div>\n);\n", '/w/src/App.tsx', 'typescriptreact');
    const before = await analyzeFile({ path: d.path, text: d.text, languageId: d.languageId, relativePath: 'src/App.tsx' });
    const finding = before.findings.find((f) => f.ruleId === 'no-credentials-in-url');
    assert.ok(finding, 'the rule flags the call in the JSX child');
    const edit = disableLineEdit(d, 'no-credentials-in-url', finding.start.line, (offset) => jsLineStartContext(tree(d), offset))!;
    const text = apply(d, edit);
    assert.ok(text.includes('    {/* twelve-factor-disable-next-line no-credentials-in-url -- reason */}\n    {connect('), text);
    const after = await analyzeFile({ path: d.path, text, languageId: d.languageId, relativePath: 'src/App.tsx' });
    assert.deepEqual(after.findings.map((f) => f.ruleId), []);
    assert.equal(after.syntaxErrors, false);
  });
  it('line: JSX attributes on their own lines take a // comment', () => {
    const d = doc('const a = (\n  <Server\n    port={3000}\n  />\n);\n', '/w/src/a.jsx', 'javascriptreact');
    assert.equal(jsLineStartContext(tree(d), d.text.indexOf('    port')), 'code');
  });
  it('line: no comment inside a multi-line template literal', () => {
    const d = doc('const q = `select 1\nfrom t`; app.listen(3000);\n');
    assert.equal(disableLineEdit(d, 'r', 1, (offset) => jsLineStartContext(tree(d), offset)), undefined);
    assert.equal(jsLineStartContext(tree(d), 0), 'code');
  });

  const fileCases: { name: string; document: ActionDocument; expected: string }[] = [
    { name: 'at the top', document: doc("'use strict';\nx();\n"), expected: "// twelve-factor-disable r\n'use strict';\nx();\n" },
    { name: 'after a shebang', document: doc('#!/usr/bin/env node\nx();\n'), expected: '#!/usr/bin/env node\n// twelve-factor-disable r\nx();\n' },
    { name: 'after a shebang without a line break', document: doc('#!/usr/bin/env node'), expected: '#!/usr/bin/env node\n// twelve-factor-disable r\n' },
    { name: 'Python: after shebang and encoding line', document: doc('#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nx = 1\n', '/w/a.py', 'python'), expected: '#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# twelve-factor-disable r\nx = 1\n' },
    { name: 'Python: a plain first comment stays below', document: doc('# app\nx = 1\n', '/w/a.py', 'python'), expected: '# twelve-factor-disable r\n# app\nx = 1\n' },
  ];
  for (const c of fileCases) it(`file: ${c.name}`, () => assert.equal(apply(c.document, disableFileEdit(c.document, 'r')), c.expected));
});

describe('.env.example', () => {
  it('knows names in every dotenv form, including commented-out ones', () => {
    assert.deepEqual([...documentedNames('A=1\nexport B=2\n# C=\n  D = x\n# just a comment\nnot a line\n')].sort(), ['A', 'B', 'C', 'D']);
  });
  it('adds only missing, valid, distinct names', () => {
    assert.deepEqual(missingNames('PORT=\n', ['PORT', 'DATABASE_URL', 'DATABASE_URL', 'bad-name']), ['DATABASE_URL']);
    assert.deepEqual(missingNames(undefined, ['PORT']), ['PORT']);
  });
  it('appends after a missing final line break and keeps CRLF', () => {
    assert.equal(appendText('A=', ['B']), '\nB=\n');
    assert.equal(appendText('A=\r\n', ['B']), 'B=\r\n');
    assert.equal(appendText('', ['B']), 'B=\n');
    assert.match(appendText(undefined, ['B']), /^# .*\nB=\n$/);
  });
});

function context(document: ActionDocument, env: EnvExampleFile | undefined, capabilities = { documentChanges: true, createFile: true }): ActionContext {
  return { document, capabilities, envExample: () => env };
}

describe('buildWorkspaceEdit', () => {
  const d = doc('app.listen(3000);\n');
  const edit = { start: 11, end: 15, newText: 'process.env.PORT' };

  it('versioned edit plus CreateFile and the names when .env.example is missing', () => {
    const result = buildWorkspaceEdit(context(d, { uri: 'file:///w/.env.example', text: undefined, version: null }), [edit], ['PORT']);
    const [main, create, env] = result.documentChanges as [TextDocumentEdit, CreateFile, TextDocumentEdit];
    assert.equal(main.textDocument.version, 3);
    assert.equal(create.kind, 'create');
    assert.equal(create.options?.ignoreIfExists, true);
    assert.match(env.edits[0].newText, /PORT=\n$/);
  });

  it('no .env.example edit when every name is already there', () => {
    const result = buildWorkspaceEdit(context(d, { uri: 'file:///w/.env.example', text: 'PORT=\n', version: null }), [edit], ['PORT']);
    assert.equal(result.documentChanges?.length, 1);
  });

  it('a client without documentChanges gets `changes`; a file it cannot create is left out', () => {
    const missing = buildWorkspaceEdit(context(d, { uri: 'file:///w/.env.example', text: undefined, version: null }, { documentChanges: false, createFile: false }), [edit], ['PORT']);
    assert.deepEqual(Object.keys(missing.changes ?? {}), [d.uri]);
    const existing = buildWorkspaceEdit(context(d, { uri: 'file:///w/.env.example', text: 'A=\n', version: null }, { documentChanges: false, createFile: false }), [edit], ['PORT']);
    assert.deepEqual(existing.changes?.['file:///w/.env.example']?.[0].newText, 'PORT=\n');
  });

  it('documentChanges without resource operations: existing file edited, missing file skipped', () => {
    const result = buildWorkspaceEdit(context(d, { uri: 'file:///w/.env.example', text: undefined, version: null }, { documentChanges: true, createFile: false }), [edit], ['PORT']);
    assert.equal(result.documentChanges?.length, 1);
  });
});

const finding = (start: number, end: number, newText: string, env?: string[]): Finding => ({
  ruleId: 'r', factor: 'VII', messageId: 'm', message: 'm', severity: 'warning', range: { start, end },
  start: { line: 0, character: start }, end: { line: 0, character: end }, role: 'production', docsUrl: 'https://x/r.md',
  fix: { title: 't', edits: [{ start, end, newText }], envExample: env },
});

describe('fixAll', () => {
  it('applies non-overlapping fixes once, in document order, skipping overlaps', () => {
    const d = doc('aaaa bbbb cccc');
    const action = fixAll(context(d, undefined), [finding(10, 14, 'C'), finding(0, 4, 'A'), finding(2, 6, 'X')]);
    assert.equal(action?.kind, FIX_ALL_KIND);
    const edits = (action!.edit!.documentChanges![0] as TextDocumentEdit).edits;
    assert.equal(edits.length, 2, 'the overlapping fix waits for a second round');
    assert.match(action!.title, /2 fixes/);
  });
  it('Python env fixes sharing one `import os` all apply in one run, with the import made once', async () => {
    const text = "DB = 'postgres://app:s3cr3tPw@db.prod.acme.io/app'\nCACHE = 'redis://cache.prod.acme.io:6379/0'\n";
    const d = doc(text, '/w/app/settings.py', 'python');
    const { findings } = await analyzeFile({ path: d.path, text, languageId: 'python', relativePath: 'app/settings.py' });
    assert.equal(findings.filter((f) => f.fix).length, 2, 'both literals are flagged with a fix');
    const action = fixAll(context(d, undefined), findings);
    const edits = (action!.edit!.documentChanges![0] as TextDocumentEdit).edits;
    const fixed = applyEdits(text, edits.map((e) => ({ start: offsetOf(text, e.range.start), end: offsetOf(text, e.range.end), newText: e.newText })));
    assert.equal(fixed.match(/import os/g)?.length, 1, fixed);
    assert.ok(!fixed.includes("'postgres://") && !fixed.includes("'redis://"), fixed);
    const again = await analyzeFile({ path: d.path, text: fixed, languageId: 'python', relativePath: 'app/settings.py' });
    assert.equal(fixAll(context(doc(fixed, d.path, 'python'), undefined), again.findings), undefined, 'a second run has nothing to do');
  });
  it('nothing to fix gives no action', () => {
    assert.equal(fixAll(context(doc('x'), undefined), []), undefined);
  });
  it('collects .env.example names of all fixes', () => {
    const d = doc('aaaa bbbb');
    const action = fixAll(context(d, { uri: 'file:///w/.env.example', text: '', version: null }), [finding(0, 4, 'A', ['PORT']), finding(5, 9, 'B', ['DATABASE_URL', 'PORT'])]);
    const env = action!.edit!.documentChanges![1] as TextDocumentEdit;
    assert.equal(env.edits[0].newText, 'PORT=\nDATABASE_URL=\n');
  });
});

describe('wants', () => {
  it('follows LSP kind hierarchy', () => {
    assert.equal(wants(undefined, 'quickfix'), true);
    assert.equal(wants(undefined, FIX_ALL_KIND), false, 'fix-all only when asked for');
    assert.equal(wants(['source.fixAll'], FIX_ALL_KIND), true);
    assert.equal(wants(['source'], FIX_ALL_KIND), true);
    assert.equal(wants(['source.fixAll.eslint'], FIX_ALL_KIND), false);
    assert.equal(wants(['quickfix'], FIX_ALL_KIND), false);
    assert.equal(wants(['source.fixAll'], 'quickfix'), false);
  });
});

describe('quick fix titles', () => {
  it('are masked like messages, as a safety net', () => {
    const d = doc("connect('postgres://app:pw1234@db/app');\n");
    const data = { ruleId: 'r', factor: 'III' as const, docsUrl: 'https://x/r.md', version: 3, fix: { title: "Replace 'postgres://app:pw1234@db/app'", edits: [] } };
    const diagnostic = { range: { start: { line: 0, character: 8 }, end: { line: 0, character: 38 } }, message: 'm', source: 'twelve-factor', code: 'r', data };
    const titles = quickFixes(context(d, undefined), [{ diagnostic, data }]).map((a) => a.title);
    assert.ok(titles.includes("Fix: Replace 'postgres://app:****@db/app'"), titles.join(' | '));
    assert.ok(!titles.join(' ').includes('pw1234'));
  });
});
