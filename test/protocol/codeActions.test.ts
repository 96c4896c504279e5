/**
 * Code actions over the real protocol: the preferred fix applied to the text, `.env.example` created or extended in a
 * temporary workspace folder, suppression comments, the docs command, fix-all twice, stale versions, and a client
 * without versioned edits. Edits are applied as an editor would (test/support/workspaceEdit.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest, type CodeAction, type Diagnostic, type PublishDiagnosticsParams, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { docsUrlFor } from '../../server/src/shared/docs';
import { DEFAULT_CAPABILITIES, fileUri, TestServer } from '../support/lspClient';
import { applyWorkspaceEdit, StaleEditError, type EditorFile } from '../support/workspaceEdit';

const PORT_JS = "const express = require('express');\nconst app = express();\napp.listen(3000);\n";
const FIXED_PORT_JS = "const express = require('express');\nconst app = express();\napp.listen(process.env.PORT ?? 3000);\n";
const TWO_FIXES_JS = "const databaseUrl = 'postgres://app:s3cr3tPw@db.prod.acme.io:5432/app';\nconst app = express();\napp.listen(3000);\n";

describe('code actions over stdio', () => {
  let workspace: string;
  let server: TestServer;
  const uri = (relative: string) => fileUri(join(workspace, relative));
  const envUri = () => uri('.env.example');
  const envPath = () => join(workspace, '.env.example');
  /** The editor's view of the files: open documents with their versions, plus .env.example read from disk. */
  const versions = new Map<string, number>();

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'tf-actions-'));
    mkdirSync(join(workspace, 'src'));
    server = await TestServer.start({ workspace, settings: {} });
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
    rmSync(workspace, { recursive: true, force: true });
  });

  async function open(relative: string, text: string, languageId = 'javascript'): Promise<PublishDiagnosticsParams> {
    versions.set(uri(relative), 1);
    await server.open(uri(relative), languageId, text);
    return server.diagnostics(uri(relative), (p) => p.version === 1 && p.diagnostics.length > 0);
  }

  async function replaceText(relative: string, text: string): Promise<PublishDiagnosticsParams> {
    const version = (versions.get(uri(relative)) ?? 1) + 1;
    versions.set(uri(relative), version);
    await server.change(uri(relative), version, [{ text }]);
    return server.diagnostics(uri(relative), (p) => p.version === version);
  }

  function actions(target: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return server.guard(server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: target }, range, context: { diagnostics, only } }) as Promise<CodeAction[]>, 'code actions');
  }

  function editorFiles(target: string, text: string): Map<string, EditorFile> {
    const files = new Map<string, EditorFile>([[target, { text, version: versions.get(target) }]]);
    if (existsSync(envPath())) files.set(envUri(), { text: readFileSync(envPath(), 'utf8') });
    return files;
  }

  /** Applies the edit, writes a created or changed .env.example to disk (as saving it would), returns the document text. */
  function apply(target: string, text: string, action: CodeAction): string {
    assert.ok(action.edit, `${action.title} has an edit`);
    const result = applyWorkspaceEdit(editorFiles(target, text), action.edit);
    const env = result.get(envUri());
    if (env) writeFileSync(envPath(), env.text);
    return result.get(target)!.text;
  }

  it('the preferred fix rewrites the code and creates .env.example with the name only', async () => {
    const target = uri('src/server.js');
    const published = await open('src/server.js', PORT_JS);
    const list = await actions(target, published.diagnostics);
    const preferred = list.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    assert.equal(preferred[0].title, 'Fix: Read the port from PORT (default 3000)');
    assert.equal(preferred[0].kind, 'quickfix');
    const changes = preferred[0].edit!.documentChanges!;
    assert.equal((changes[0] as TextDocumentEdit).textDocument.version, 1, 'a versioned edit for the requested version');
    assert.ok(changes.some((c) => 'kind' in c && c.kind === 'create' && c.uri === envUri()), 'creates .env.example');
    assert.ok(!existsSync(envPath()));
    assert.equal(apply(target, PORT_JS, preferred[0]), FIXED_PORT_JS);
    const env = readFileSync(envPath(), 'utf8');
    assert.match(env, /^PORT=$/m);
    assert.ok(!env.includes('3000'), 'never a value');
  });

  it('a name already in .env.example is not added again; other names are appended', async () => {
    const target = uri('src/server.js');
    const published = await server.diagnostics(target, (p) => p.version === 1);
    const again = (await actions(target, published.diagnostics)).find((a) => a.isPreferred)!;
    assert.equal(again.edit!.documentChanges!.length, 1, 'only the document edit: PORT is documented');
    writeFileSync(envPath(), 'NODE_ENV=production');
    const appended = (await actions(target, published.diagnostics)).find((a) => a.isPreferred)!;
    apply(target, PORT_JS, appended);
    assert.equal(readFileSync(envPath(), 'utf8'), 'NODE_ENV=production\nPORT=\n');
  });

  it('suppression actions: disable for this line (indented) and for this file (after the shebang)', async () => {
    const text = "#!/usr/bin/env node\nfunction start(app) {\n  app.listen(3000);\n}\n";
    const target = uri('src/cli.js');
    const published = await open('src/cli.js', text);
    const list = await actions(target, published.diagnostics);
    const line = list.find((a) => a.title === 'Disable no-hardcoded-port for this line')!;
    const lineFixed = apply(target, text, line);
    assert.equal(lineFixed, '#!/usr/bin/env node\nfunction start(app) {\n  // twelve-factor-disable-next-line no-hardcoded-port -- reason\n  app.listen(3000);\n}\n');
    const file = list.find((a) => a.title === 'Disable no-hardcoded-port for this file')!;
    assert.equal(apply(target, text, file), '#!/usr/bin/env node\n// twelve-factor-disable no-hardcoded-port\nfunction start(app) {\n  app.listen(3000);\n}\n');
    const docs = list.find((a) => a.title === 'Show documentation for no-hardcoded-port')!;
    assert.equal(docs.command?.command, 'twelveFactor.showDocumentation');
    assert.deepEqual(docs.command?.arguments, [{ ruleId: 'no-hardcoded-port', url: docsUrlFor('no-hardcoded-port') }]);
    // The inserted comment really suppresses: the next analysis has neither the finding nor an invalid-suppression.
    const after = await replaceText('src/cli.js', lineFixed);
    assert.deepEqual(after.diagnostics, []);
  });

  it('Python suppression comments use #', async () => {
    const text = 'import uvicorn\nif True:\n    uvicorn.run("main:app", port=8000)\n';
    const target = uri('src/main.py');
    const published = await open('src/main.py', text, 'python');
    const line = (await actions(target, published.diagnostics)).find((a) => a.title === 'Disable no-hardcoded-port for this line')!;
    assert.equal(apply(target, text, line), 'import uvicorn\nif True:\n    # twelve-factor-disable-next-line no-hardcoded-port -- reason\n    uvicorn.run("main:app", port=8000)\n');
  });

  it('fix-all applies every preferred fix once; the second run changes nothing', async () => {
    rmSync(envPath(), { force: true });
    const target = uri('src/app.js');
    const published = await open('src/app.js', TWO_FIXES_JS);
    assert.equal(published.diagnostics.length, 2);
    const first = await actions(target, published.diagnostics, ['source.fixAll']);
    assert.equal(first.length, 1);
    assert.equal(first[0].kind, 'source.fixAll.twelveFactor');
    const fixed = apply(target, TWO_FIXES_JS, first[0]);
    assert.equal(fixed, 'const databaseUrl = process.env.DATABASE_URL;\nconst app = express();\napp.listen(process.env.PORT ?? 3000);\n');
    assert.match(readFileSync(envPath(), 'utf8'), /^DATABASE_URL=\nPORT=\n$/m);
    const envAfterFirst = readFileSync(envPath(), 'utf8');
    const republished = await replaceText('src/app.js', fixed);
    assert.deepEqual(republished.diagnostics, []);
    const second = await actions(target, republished.diagnostics, ['source.fixAll.twelveFactor']);
    const textAfterSecond = second.reduce((text, action) => apply(target, text, action), fixed);
    assert.equal(textAfterSecond, fixed);
    assert.equal(readFileSync(envPath(), 'utf8'), envAfterFirst);
    // Plain quick-fix requests do not carry fix-all; `source` does.
    assert.ok(!(await actions(target, published.diagnostics)).some((a) => a.kind === 'source.fixAll.twelveFactor'));
  });

  it('diagnostics of an older version get no edits, and an old versioned edit is refused', async () => {
    const target = uri('src/stale.js');
    const v1 = await open('src/stale.js', PORT_JS);
    const oldFix = (await actions(target, v1.diagnostics)).find((a) => a.isPreferred)!;
    const v2 = await replaceText('src/stale.js', `\n${PORT_JS}`);
    assert.equal(v2.diagnostics[0].range.start.line, 3);
    const stale = await actions(target, v1.diagnostics);
    assert.deepEqual(stale.filter((a) => a.edit), [], 'no edit computed from version 1 data');
    assert.throws(() => applyWorkspaceEdit(editorFiles(target, `\n${PORT_JS}`), oldFix.edit!), StaleEditError);
    const fresh = (await actions(target, v2.diagnostics)).find((a) => a.isPreferred)!;
    assert.equal(apply(target, `\n${PORT_JS}`, fresh), `\n${FIXED_PORT_JS}`);
  });

  it('a client without data support still gets the fix from the current analysis', async () => {
    const target = uri('src/server.js');
    const published = await server.diagnostics(target, (p) => p.version === 1);
    const stripped = published.diagnostics.map(({ data: _data, ...rest }) => rest);
    const preferred = (await actions(target, stripped)).find((a) => a.isPreferred);
    assert.equal(preferred?.title, 'Fix: Read the port from PORT (default 3000)');
  });
});

describe('code actions for a client without versioned edits or file creation', () => {
  let workspace: string;
  let server: TestServer;

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'tf-actions-plain-'));
    const capabilities = structuredClone(DEFAULT_CAPABILITIES);
    capabilities.workspace!.workspaceEdit = { documentChanges: false };
    server = await TestServer.start({ workspace, settings: {}, capabilities });
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
    rmSync(workspace, { recursive: true, force: true });
  });

  it('uses `changes`, edits an existing .env.example and never pretends to create one', async () => {
    const target = fileUri(join(workspace, 'server.js'));
    await server.open(target, 'javascript', PORT_JS);
    const published = await server.diagnostics(target, (p) => p.diagnostics.length > 0);
    const request = () => server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: target }, range: published.diagnostics[0].range, context: { diagnostics: published.diagnostics } }) as Promise<CodeAction[]>;
    const withoutFile = (await request()).find((a) => a.isPreferred)!;
    assert.equal(withoutFile.edit?.documentChanges, undefined);
    assert.deepEqual(Object.keys(withoutFile.edit!.changes!), [target]);
    writeFileSync(join(workspace, '.env.example'), '# names\n');
    const withFile = (await request()).find((a) => a.isPreferred)!;
    const files = applyWorkspaceEdit(new Map([[target, { text: PORT_JS }], [fileUri(join(workspace, '.env.example')), { text: '# names\n' }]]), withFile.edit!);
    assert.equal(files.get(target)!.text, FIXED_PORT_JS);
    assert.equal(files.get(fileUri(join(workspace, '.env.example')))!.text, '# names\nPORT=\n');
  });
});
