/**
 * Workspace folders over the real protocol: `.env.example` goes to the root of the document's innermost folder,
 * folder-relative paths decide excludes, folders come and go with didChangeWorkspaceFolders, and an unsaved
 * (untitled) document is analysed without any file of its own.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest, DidChangeWorkspaceFoldersNotification, type CodeAction, type CreateFile, type PublishDiagnosticsParams, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { fileUri, TestServer } from '../support/lspClient';

const PORT_JS = "const app = require('express')();\napp.listen(3000);\n";

describe('workspace folders', () => {
  let root: string;
  let outer: string;
  let inner: string;
  let server: TestServer;
  let settings: (scope?: string) => unknown = () => ({});

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'tf-folders-'));
    outer = join(root, 'app');
    inner = join(outer, 'packages', 'api');
    mkdirSync(join(inner, 'src'), { recursive: true });
    server = await TestServer.start({ folders: [outer, inner], settings: (scope?: string) => settings(scope) });
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
    rmSync(root, { recursive: true, force: true });
  });

  async function preferredFix(uri: string, published: PublishDiagnosticsParams): Promise<CodeAction> {
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: published.diagnostics[0].range, context: { diagnostics: published.diagnostics } })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred, JSON.stringify(actions.map((a) => a.title)));
    return preferred;
  }
  const envTargets = (action: CodeAction) =>
    (action.edit?.documentChanges ?? []).map((c) => ('kind' in c ? (c as CreateFile).uri : (c as TextDocumentEdit).textDocument.uri)).filter((u) => u.endsWith('/.env.example'));

  it('.env.example goes to the root of the innermost folder holding the document', async () => {
    const api = fileUri(join(inner, 'src/server.js'));
    await server.open(api, 'javascript', PORT_JS);
    const fix = await preferredFix(api, await server.diagnostics(api, (p) => p.diagnostics.length > 0));
    assert.deepEqual([...new Set(envTargets(fix))], [fileUri(join(inner, '.env.example'))]);

    const web = fileUri(join(outer, 'server.js'));
    await server.open(web, 'javascript', PORT_JS);
    const webFix = await preferredFix(web, await server.diagnostics(web, (p) => p.diagnostics.length > 0));
    assert.deepEqual([...new Set(envTargets(webFix))], [fileUri(join(outer, '.env.example'))]);
  });

  it('settings are asked per document, and excludes match the path relative to its folder', async () => {
    const api = fileUri(join(inner, 'src/server.js'));
    settings = (scope) => (scope === api ? { exclude: ['src/**'] } : {});
    const excluded = server.nextDiagnostics(api, (p) => p.diagnostics.length === 0);
    await server.configurationChanged();
    await excluded;
    await server.log((l) => l.message.includes('src/server.js matches twelveFactor.exclude'));
    const web = fileUri(join(outer, 'server.js'));
    assert.ok(server.published.filter((p) => p.uri === web).at(-1)!.diagnostics.length > 0, 'the other folder keeps its findings');
    settings = () => ({});
    const back = server.nextDiagnostics(api, (p) => p.diagnostics.length > 0);
    await server.configurationChanged();
    await back;
  });

  it('a removed folder hands its documents to the enclosing folder', async () => {
    const api = fileUri(join(inner, 'src/server.js'));
    // Exclude by the path relative to the outer folder: it applies only once the inner folder is gone.
    settings = () => ({ exclude: ['packages/api/**'] });
    await server.configurationChanged();
    const reanalysed = server.nextDiagnostics(api, (p) => p.diagnostics.length === 0, 'the document re-analysed under the outer folder');
    await server.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [{ uri: fileUri(inner), name: 'folder1' }] } });
    await reanalysed;
    settings = () => ({});
    const back = server.nextDiagnostics(api, (p) => p.diagnostics.length > 0);
    await server.configurationChanged();
    const fix = await preferredFix(api, await back);
    assert.deepEqual([...new Set(envTargets(fix))], [fileUri(join(outer, '.env.example'))]);
  });

  it('an untitled document is analysed by its language id; its fix touches no file', async () => {
    const untitled = 'untitled:Untitled-1';
    await server.open(untitled, 'javascript', PORT_JS);
    const published = await server.diagnostics(untitled, (p) => p.diagnostics.length > 0);
    const fix = await preferredFix(untitled, published);
    assert.deepEqual(envTargets(fix), []);
    assert.equal(fix.edit?.documentChanges?.length, 1);
  });
});
