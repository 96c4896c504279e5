/**
 * A fix never writes outside the workspace folder: when `.env.example` is a symbolic link to a file elsewhere on disk,
 * the quick fix still rewrites the code but proposes no edit to the link or its target, and Fix All in Workspace
 * leaves it out too. Over the real protocol, with a real symlink.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import { WorkspaceFixesRequest, type WorkspaceFixesResult } from '../../server/src/shared/protocol';
import { fileUri, TestServer } from '../support/lspClient';

const CODE = "const express = require('express');\nconst app = express();\napp.listen(3000);\n";
const OUTSIDE_TEXT = 'SOMETHING_ELSE=\n';

describe('fix edits stay inside the workspace folder', () => {
  let base: string;
  let workspace: string;
  let outside: string;
  let server: TestServer;

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'tf-outside-'));
    workspace = join(base, 'app');
    mkdirSync(join(workspace, 'src'), { recursive: true });
    outside = join(base, 'elsewhere.env');
    writeFileSync(outside, OUTSIDE_TEXT);
    symlinkSync(outside, join(workspace, '.env.example'));
    writeFileSync(join(workspace, 'src/server.js'), CODE);
    server = await TestServer.start({ workspace, settings: {} });
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
    rmSync(base, { recursive: true, force: true });
  });

  it('the quick fix edits the code but not a .env.example that links outside the folder', async () => {
    const target = fileUri(join(workspace, 'src/server.js'));
    await server.open(target, 'javascript', CODE);
    const published = await server.diagnostics(target, (p) => p.version === 1 && p.diagnostics.length > 0);
    const actions = (await server.guard(
      server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: target }, range: published.diagnostics[0].range, context: { diagnostics: published.diagnostics } }) as Promise<CodeAction[]>,
      'code actions',
    )) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred?.edit, 'a preferred fix with an edit');
    const touched = [
      ...(preferred.edit.documentChanges ?? []).map((c) => ('textDocument' in c ? c.textDocument.uri : 'uri' in c ? c.uri : '')),
      ...Object.keys(preferred.edit.changes ?? {}),
    ];
    assert.ok(touched.includes(target), 'the code is fixed');
    assert.deepEqual(touched.filter((u) => u !== target), [], 'no edit outside the document');
    assert.equal(readFileSync(outside, 'utf8'), OUTSIDE_TEXT);
  });

  it('Fix All in Workspace fixes the code and proposes no .env.example change through the link', async () => {
    const result = (await server.guard(server.connection.sendRequest(WorkspaceFixesRequest.method, {}) as Promise<WorkspaceFixesResult>, 'workspace fixes')) as WorkspaceFixesResult;
    assert.ok(result.fixCount > 0, 'the port fix is there');
    assert.deepEqual(result.envExamples, []);
    assert.equal(readFileSync(outside, 'utf8'), OUTSIDE_TEXT);
  });
});
