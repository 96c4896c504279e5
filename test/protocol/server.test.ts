/**
 * The language server over the real protocol: the bundled server/out/server.js spawned with --stdio, a test client
 * answering workspace/configuration. Diagnostics, settings changes, a burst of edits, skipped files, cancellation
 * and bad input. Every wait is for a notification or a response, never a fixed time.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { CodeActionRequest, DiagnosticSeverity, LSPErrorCodes, TextDocumentSyncKind, type CodeAction, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { docsUrlFor } from '../../server/src/shared/docs';
import { fileUri, TestServer } from '../support/lspClient';

const PORT_JS = "const express = require('express');\nconst app = express();\napp.listen(3000);\n";
const SECRET = 's3cr3tPw';
const CREDENTIALS_JS = `const databaseUrl = 'postgres://app:${SECRET}@db.prod.acme.io:5432/app';\n`;
const PORT_PY = 'import os\nimport uvicorn\nuvicorn.run("main:app", host="0.0.0.0", port=8000)\n';
const CREDENTIALS_PY = `"""Settings."""\nCELERY_BROKER_URL = "amqp://celery:${SECRET}@rabbit.acme.io:5672//"\n`;

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code).sort();
const only = (p: PublishDiagnosticsParams, code: string): Diagnostic => {
  const found = p.diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code} in ${JSON.stringify(codes(p))}`);
  return found[0];
};

describe('language server over stdio', () => {
  let workspace: string;
  let server: TestServer;
  let settings: Record<string, unknown> = {};
  const uri = (relative: string) => fileUri(join(workspace, relative));

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'tf-protocol-'));
    mkdirSync(join(workspace, 'src'));
    server = await TestServer.start({ workspace, settings: () => settings });
  });
  after(async () => {
    const code = await server.stop();
    rmSync(workspace, { recursive: true, force: true });
    assert.equal(code, 0, 'the server exits cleanly after shutdown + exit');
  });

  /** Changes the settings the client answers and waits for the document's re-analysis that reflects them. */
  async function reconfigure(next: Record<string, unknown>, target: string, match: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    settings = next;
    const published = server.nextDiagnostics(target, match, 'diagnostics after a settings change');
    await server.configurationChanged();
    return published;
  }

  it('advertises incremental sync and the code action kinds', () => {
    const caps = server.initializeResult.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental });
    assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.twelveFactor']);
  });

  it('publishes diagnostics for a JavaScript document: source, code, docs link, severity, factor data, version', async () => {
    await server.open(uri('src/server.js'), 'javascript', PORT_JS);
    const published = await server.diagnostics(uri('src/server.js'), (p) => p.diagnostics.length > 0);
    assert.equal(published.version, 1);
    const port = only(published, 'no-hardcoded-port');
    assert.equal(port.source, 'twelve-factor');
    assert.equal(port.codeDescription?.href, docsUrlFor('no-hardcoded-port'));
    assert.equal(port.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(port.range, { start: { line: 2, character: 11 }, end: { line: 2, character: 15 } });
    const data = port.data as { factor: string; ruleId: string; version: number; fix?: { title: string; envExample?: string[] } };
    assert.equal(data.factor, 'VII');
    assert.equal(data.ruleId, 'no-hardcoded-port');
    assert.equal(data.version, 1);
    assert.deepEqual(data.fix?.envExample, ['PORT']);
  });

  it('masks credentials: the password appears nowhere in the diagnostic, data included', async () => {
    await server.open(uri('src/db.js'), 'javascript', CREDENTIALS_JS);
    const published = await server.diagnostics(uri('src/db.js'), (p) => p.diagnostics.length > 0);
    const diagnostic = only(published, 'no-credentials-in-url');
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
    assert.equal((diagnostic.data as { factor: string }).factor, 'III');
    assert.ok(!JSON.stringify(published).includes(SECRET), JSON.stringify(published));
  });

  it('publishes diagnostics for Python documents (tree-sitter from server/out/wasm)', async () => {
    await server.open(uri('src/main.py'), 'python', PORT_PY);
    const port = only(await server.diagnostics(uri('src/main.py'), (p) => p.diagnostics.length > 0), 'no-hardcoded-port');
    assert.equal(port.range.start.line, 2);
    await server.open(uri('src/settings.py'), 'python', CREDENTIALS_PY);
    const published = await server.diagnostics(uri('src/settings.py'), (p) => p.diagnostics.length > 0);
    assert.equal(only(published, 'no-credentials-in-url').severity, DiagnosticSeverity.Error);
    assert.ok(!JSON.stringify(published).includes(SECRET));
  });

  it('settings: a rule turned off disappears, turned to error comes back as an error', async () => {
    const target = uri('src/server.js');
    const off = await reconfigure({ rules: { 'no-hardcoded-port': 'off' } }, target, (p) => !codes(p).includes('no-hardcoded-port'));
    assert.deepEqual(codes(off), []);
    const error = await reconfigure({ rules: { 'no-hardcoded-port': 'error' } }, target, (p) => codes(p).includes('no-hardcoded-port'));
    assert.equal(only(error, 'no-hardcoded-port').severity, DiagnosticSeverity.Error);
    const back = await reconfigure({}, target, (p) => p.diagnostics.some((d) => d.severity === DiagnosticSeverity.Warning));
    assert.equal(only(back, 'no-hardcoded-port').severity, DiagnosticSeverity.Warning);
  });

  it('settings: twelveFactor.enable false clears the diagnostics', async () => {
    const target = uri('src/server.js');
    const disabled = await reconfigure({ enable: false }, target, (p) => p.diagnostics.length === 0);
    assert.deepEqual(disabled.diagnostics, []);
    await reconfigure({}, target, (p) => p.diagnostics.length > 0);
  });

  it('settings: test files are ignored by default and shown as hints with testFiles: hint', async () => {
    const target = uri('test/server.test.js');
    await server.open(target, 'javascript', PORT_JS);
    const ignored = await server.diagnostics(target);
    assert.deepEqual(ignored.diagnostics, []);
    const hinted = await reconfigure({ testFiles: 'hint' }, target, (p) => p.diagnostics.length > 0);
    assert.equal(only(hinted, 'no-hardcoded-port').severity, DiagnosticSeverity.Hint);
    await reconfigure({}, target, (p) => p.diagnostics.length === 0);
  });

  it('settings: files matching twelveFactor.exclude are skipped with one log line', async () => {
    settings = { exclude: ['legacy/**'] };
    await server.configurationChanged();
    const target = uri('legacy/server.js');
    await server.open(target, 'javascript', PORT_JS);
    assert.deepEqual((await server.diagnostics(target)).diagnostics, []);
    await server.log((l) => l.message.includes('legacy/server.js matches twelveFactor.exclude'), 'the exclude log line');
    const reincluded = await reconfigure({}, target, (p) => p.diagnostics.length > 0);
    only(reincluded, 'no-hardcoded-port');
  });

  it('invalid settings: one clear warning in the output, defaults apply to the bad values', async () => {
    const target = uri('src/server.js');
    const published = await reconfigure(
      { rules: { 'no-hardcoded-port': 'loud', 'no-such-rule': 'error' }, maxFileSize: -5, exclude: 'src' },
      target,
      (p) => p.diagnostics.length > 0,
    );
    assert.equal(only(published, 'no-hardcoded-port').severity, DiagnosticSeverity.Warning, 'the default severity applies');
    const warning = await server.log((l) => l.message.startsWith('Invalid Twelve-Factor settings'), 'the invalid-settings warning');
    assert.equal(warning.type, 2, 'a warning (MessageType.Warning)');
    for (const part of ['twelveFactor.rules.no-hardcoded-port', "'no-such-rule'", 'twelveFactor.maxFileSize', 'twelveFactor.exclude']) assert.ok(warning.message.includes(part), `${part} in: ${warning.message}`);
    const repeats = server.logs.filter((l) => l.message === warning.message).length;
    assert.equal(repeats, 1, 'explained once, not once per document');
    await reconfigure({}, target, (p) => p.diagnostics.length > 0);
  });

  it('a burst of edits publishes only the final version', async () => {
    const target = uri('src/burst.js');
    await server.open(target, 'javascript', PORT_JS);
    await server.diagnostics(target, (p) => p.version === 1);
    const from = server.published.length;
    // 20 keystrokes typing a comment, then the port changes: written in one go, as a fast typist's editor would.
    const typed = '// listening';
    const messages: unknown[] = [];
    let version = 1;
    for (let i = 0; i < typed.length; i++) {
      version++;
      messages.push({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: target, version }, contentChanges: [{ range: { start: { line: 3, character: i }, end: { line: 3, character: i } }, text: typed[i] }] } });
    }
    version++;
    messages.push({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: target, version }, contentChanges: [{ range: { start: { line: 2, character: 11 }, end: { line: 2, character: 15 } }, text: '4000' }] } });
    const frames = messages.map((m) => {
      const body = Buffer.from(JSON.stringify(m), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    server.process.stdin.write(Buffer.concat(frames));
    const final = await server.diagnostics(target, (p) => p.version === version, 'the final version');
    assert.match(only(final, 'no-hardcoded-port').message, /4000/);
    const during = server.published.slice(from).filter((p) => p.uri === target);
    assert.deepEqual(during.map((p) => p.version), [version], 'no diagnostics for an intermediate version');
  });

  it('files over the size limit, binary and minified files are skipped with one log line, without a hang', async () => {
    const huge = `app.listen(3000);\n${'// padding line for a huge file\n'.repeat(70_000)}`;
    assert.ok(huge.length > 2_000_000);
    const cases = [
      { name: 'src/huge.js', text: huge, log: /Skipped src\/huge\.js: too-large/ },
      { name: 'src/blob.js', text: `app.listen(3000);\u0000\u0001\u0002binary`, log: /Skipped src\/blob\.js: binary/ },
      { name: 'src/bundle.js', text: `app.listen(3000);${'var a=1;'.repeat(2000)}`, log: /Skipped src\/bundle\.js: minified/ },
    ];
    for (const c of cases) {
      await server.open(uri(c.name), 'javascript', c.text);
      assert.deepEqual((await server.diagnostics(uri(c.name))).diagnostics, [], c.name);
      await server.log((l) => c.log.test(l.message), `the skip line for ${c.name}`);
    }
    // An edit that keeps the file skipped does not repeat the line.
    await server.change(uri('src/blob.js'), 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    await server.diagnostics(uri('src/blob.js'), (p) => p.version === 2);
    assert.equal(server.logs.filter((l) => /Skipped src\/blob\.js/.test(l.message)).length, 1);
    // The size limit is a setting.
    const small = await reconfigure({ maxFileSize: 20 }, uri('src/server.js'), (p) => p.diagnostics.length === 0);
    assert.deepEqual(small.diagnostics, []);
    await server.log((l) => /Skipped src\/server\.js: too-large/.test(l.message), 'the maxFileSize skip line');
    await reconfigure({}, uri('src/server.js'), (p) => p.diagnostics.length > 0);
  });

  it('a cancelled code action request answers RequestCancelled or a result, and the server carries on', async () => {
    const target = uri('src/server.js');
    const published = await server.diagnostics(target, (p) => p.diagnostics.length > 0);
    const source = new CancellationTokenSource();
    const request = server.connection.sendRequest(
      CodeActionRequest.type,
      { textDocument: { uri: target }, range: published.diagnostics[0].range, context: { diagnostics: published.diagnostics, only: ['quickfix', 'source.fixAll'] } },
      source.token,
    );
    source.cancel();
    try {
      const result = await server.guard(request, 'the cancelled request to settle');
      assert.ok(Array.isArray(result), 'a result, if the server finished first');
    } catch (error) {
      assert.ok(error instanceof ResponseError, String(error));
      assert.equal(error.code, LSPErrorCodes.RequestCancelled);
    }
    const again = await server.guard(
      server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: target }, range: published.diagnostics[0].range, context: { diagnostics: published.diagnostics } }),
      'a code action after the cancellation',
    );
    assert.ok((again as CodeAction[]).some((a) => a.isPreferred));
  });

  it('bad input never crashes the server', async () => {
    // An edit for a document that was never opened, an unknown language, unparseable code.
    await server.change(uri('src/never-opened.js'), 7, [{ text: 'app.listen(1)' }]);
    // A language without a parser (COBOL here; Procfile and dotenv in practice) gets no diagnostics from the
    // document analysis, so it never wipes what the workspace audit found in the file. A fix-all request waits for
    // the document's analysis, and a publish would reach us before the response.
    await server.open(uri('src/app.cob'), 'cobol', 'IDENTIFICATION DIVISION.');
    const cobolActions = await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri('src/app.cob') }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.deepEqual(cobolActions, []);
    assert.equal(server.published.filter((p) => p.uri === uri('src/app.cob')).length, 0);
    await server.open(uri('src/broken.js'), 'javascript', 'app.listen(3000);\nfunction ( {{{ ]] "unterminated');
    only(await server.diagnostics(uri('src/broken.js'), (p) => p.diagnostics.length > 0), 'no-hardcoded-port');
    await server.open(uri('src/broken.py'), 'python', 'def (:\n  uvicorn.run(app, port=8000)\n\x7f"""');
    await server.diagnostics(uri('src/broken.py'));
    // Code actions for an unknown document and with malformed diagnostic data.
    const none = await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri('src/nothing.js') }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
    assert.deepEqual(none, []);
    const malformed = await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri('src/server.js') },
      range: { start: { line: 2, character: 11 }, end: { line: 2, character: 15 } },
      context: { diagnostics: [{ range: { start: { line: 2, character: 11 }, end: { line: 2, character: 15 } }, message: 'x', source: 'twelve-factor', code: 'no-hardcoded-port', data: { ruleId: 'no-hardcoded-port', version: 'one', fix: { edits: 'nope' } } }] },
    });
    assert.ok(Array.isArray(malformed), 'malformed data falls back to the current analysis');
    // An unknown request is an error response, not a crash.
    await assert.rejects(server.connection.sendRequest('twelveFactor/noSuchMethod', {}), (e: unknown) => e instanceof ResponseError && e.code === -32601);
    // Closing clears the document's diagnostics.
    const cleared = server.nextDiagnostics(uri('src/broken.js'), (p) => p.diagnostics.length === 0);
    await server.close(uri('src/broken.js'));
    await cleared;
    assert.ok(server.alive);
    assert.ok(!server.logs.some((l) => l.message.startsWith('Unexpected error')), server.logs.map((l) => l.message).join('\n'));
  });
});
