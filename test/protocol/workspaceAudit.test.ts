/**
 * The workspace audit over the real protocol: the bundled server (server/out/server.js) spawned over stdio, a
 * fixture workspace of real files that are never opened, progress notifications, cancellation, diagnostics kept
 * after a document closes, re-audits after a file-system change, SARIF and workspace fixes.
 * Waits are for events (a response, a notification), never for a fixed time.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, RegistrationRequest, type CancellationToken } from 'vscode-languageserver-protocol/node';
import {
  AuditUpdatedNotification,
  AuditWorkspaceRequest,
  WorkspaceFixesRequest,
  WorkspaceSarifRequest,
  type AuditWorkspaceResult,
  type FolderAudit,
  type WorkspaceFixesResult,
  type WorkspaceSarifResult,
} from '../../server/src/shared/protocol';
import { isRelevantChange } from '../../server/src/workspaceAudit';
import { TestServer } from '../support/lspClient';

const FIXTURE = join(__dirname, '..', 'fixtures', 'checklist-workspace');
const uri = (p: string) => pathToFileURL(p).href;

type Progress = { token: string | number; value: { kind: string; percentage?: number; message?: string } };

/** The shared test client plus what the audit adds: work-done progress, audit updates and registrations. */
class AuditSession {
  readonly progress: Progress[] = [];
  readonly updates: FolderAudit[] = [];
  readonly registrations: string[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly server: TestServer) {
    const changed = () => this.waiters.splice(0).forEach((w) => w());
    const { connection } = server;
    connection.onNotification('$/progress', (p: Progress) => (this.progress.push(p), changed()));
    connection.onNotification(AuditUpdatedNotification.type, (p: FolderAudit) => (this.updates.push(p), changed()));
    connection.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations.map((r) => r.method));
      return null;
    });
  }

  static async start(workspace: string): Promise<AuditSession> {
    return new AuditSession(await TestServer.start({ workspace }));
  }

  request<R>(method: string, params: object = {}, token?: CancellationToken): Promise<R> {
    return token ? this.server.connection.sendRequest<R>(method, params, token) : this.server.connection.sendRequest<R>(method, params);
  }

  notify(method: string, params: object): Promise<void> {
    return this.server.connection.sendNotification(method, params);
  }

  /** Resolves when `check` holds, re-checked on each progress or audit notification (with the client's hang guard). */
  until<T>(what: string, check: () => T | undefined | false): Promise<T> {
    return this.server.guard(
      new Promise<T>((resolve) => {
        const test = () => {
          const value = check();
          if (value) resolve(value);
          else this.waiters.push(test);
        };
        test();
      }),
      what,
    );
  }
}

describe('workspace audit: which file changes trigger a re-audit', () => {
  const cases: [string, boolean][] = [
    ['src/server.js', true],
    ['Procfile', true],
    ['node_modules/express/index.js', false],
    ['.git/HEAD', false],
    ['packages/api/dist/main.js', false],
    ['src/build.js', true],
    ['scripts/build', true],
  ];
  for (const [path, expected] of cases) it(`${path} → ${expected}`, () => assert.equal(isRelevantChange(path), expected));
});

describe('protocol: twelveFactor/auditWorkspace', () => {
  let work: string;
  let session: AuditSession;
  const published = () => session.server.published;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'tf-audit-'));
    cpSync(FIXTURE, work, { recursive: true });
    session = await AuditSession.start(work);
  });
  after(async () => {
    await session?.server.stop();
    rmSync(work, { recursive: true, force: true });
  });

  let result: AuditWorkspaceResult;
  it('audits files that were never opened and reports work-done progress', async () => {
    result = await session.request(AuditWorkspaceRequest.method, { workDoneToken: 'audit-1' });
    assert.equal(result.folders.length, 1);
    const folder = result.folders[0];
    assert.equal(folder.error, undefined);
    assert.equal(folder.filesScanned, 3);
    const found = folder.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.range.start.line + 1}:${x.ruleId}:${x.factor}`));
    assert.ok(found.includes('src/server.js:16:no-hardcoded-port:VII'), found.join('\n'));
    assert.ok(found.includes('src/legacy.js:1:invalid-suppression:null'), found.join('\n'));
    assert.ok(!found.some((f) => f.startsWith('src/prices.js')), 'a clean file has no findings');
    const port = folder.files.find((f) => f.path === 'src/server.js')!.findings.find((f) => f.ruleId === 'no-hardcoded-port')!;
    assert.equal(port.severity, 'warning');
    assert.deepEqual(port.range.start, { line: 15, character: 11 });
    assert.ok(port.fix, 'the port finding carries its fix title');
    const portRule = folder.rules.find((r) => r.id === 'no-hardcoded-port')!;
    assert.equal(portRule.applied, true);
    assert.equal(portRule.factor, 'VII');

    const mine = session.progress.filter((p) => p.token === 'audit-1');
    const kinds = mine.map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    const last = mine.filter((p) => p.value.kind === 'report').at(-1);
    assert.ok(last, `progress: ${kinds.join(',')}`);
    assert.equal(last.value.percentage, 100);
    assert.match(last.value.message ?? '', /3\/3 files/);
  });

  it('publishes the findings of closed files as diagnostics', async () => {
    const serverUri = uri(join(work, 'src', 'server.js'));
    const diagnostics = await session.server.diagnostics(serverUri);
    const expected = result.folders[0].files.find((f) => f.path === 'src/server.js')!.findings.map((f) => f.ruleId);
    assert.deepEqual(diagnostics.diagnostics.map((d) => d.code), expected);
    assert.ok(expected.includes('no-hardcoded-port'));
    assert.ok(session.registrations.includes('workspace/didChangeWatchedFiles'), 'the server asked the client to watch files');
  });

  it('keeps the audit diagnostics after a document is opened and closed', async () => {
    const file = join(work, 'src', 'server.js');
    const fileUri = uri(file);
    const live = session.server.nextDiagnostics(fileUri, (p) => p.version === 1, 'live diagnostics of the open document');
    await session.server.open(fileUri, 'javascript', readFileSync(file, 'utf8'));
    // While open, the linter's findings for the live text come with what only the audit finds (a project rule).
    const codes = (await live).diagnostics.map((d) => d.code);
    assert.ok(codes.includes('no-hardcoded-port') && codes.includes('missing-shutdown-handler'), codes.join(','));
    const cleared = session.server.nextDiagnostics(fileUri, (p) => p.diagnostics.length === 0, 'the closed document cleared');
    const restored = session.server.nextDiagnostics(fileUri, (p) => p.diagnostics.length > 0, 'diagnostics republished after close');
    await session.server.close(fileUri);
    const [clear, back] = await Promise.all([cleared, restored]);
    // The linter clears the closed document; the audit's diagnostics for the file on disk come back after that.
    assert.ok(published().indexOf(clear) < published().indexOf(back));
    assert.ok(back.diagnostics.some((d) => d.code === 'no-hardcoded-port'));
  });

  it('an open file without a parser (package.json) keeps showing the audit\'s findings', async () => {
    const manifest = uri(join(work, 'package.json'));
    await session.server.open(manifest, 'json', readFileSync(join(work, 'package.json'), 'utf8'));
    const republished = session.server.nextDiagnostics(manifest, (p) => p.diagnostics.some((d) => d.code === 'missing-lockfile'), 'the audit\'s package.json findings');
    await session.request(AuditWorkspaceRequest.method);
    await republished;
    await session.server.close(manifest);
  });

  it('re-audits after a file-system change and notifies the client', async () => {
    const added = join(work, 'src', 'worker.js');
    const addedUri = uri(added);
    writeFileSync(added, "const http = require('http');\nhttp.createServer(() => {}).listen(8081);\n");
    const seen = session.updates.length;
    const diagnostics = session.server.nextDiagnostics(addedUri, (p) => p.diagnostics.length > 0, 'diagnostics for the new file');
    await session.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: addedUri, type: 1 }] });
    const update = await session.until('twelveFactor/auditUpdated', () => session.updates.slice(seen).at(-1));
    assert.equal(update.filesScanned, 4);
    assert.ok(update.files.some((f) => f.path === 'src/worker.js' && f.findings.some((x) => x.ruleId === 'no-hardcoded-port')), JSON.stringify(update.files.map((f) => f.path)));
    await diagnostics;

    // Removing it clears its diagnostics.
    rmSync(added);
    const cleared = session.server.nextDiagnostics(addedUri, (p) => p.diagnostics.length === 0, 'the deleted file cleared');
    await session.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: addedUri, type: 3 }] });
    await cleared;
  });

  it('audits each folder on its own, and explains a folder it cannot read', async () => {
    const second = mkdtempSync(join(tmpdir(), 'tf-second-'));
    try {
      writeFileSync(join(second, 'main.py'), 'from flask import Flask\napp = Flask(__name__)\napp.run(port=5000)\n');
      const missing = join(second, 'no-such-folder');
      const stranger = mkdtempSync(join(tmpdir(), 'tf-stranger-'));
      writeFileSync(join(stranger, 'main.py'), 'app.run(port=5000)\n');
      // The second folder and the missing one are opened as workspace folders; the stranger never is.
      await session.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uri(second), name: basename(second) }, { uri: uri(missing), name: 'no-such-folder' }], removed: [] } });
      const both: AuditWorkspaceResult = await session.request(AuditWorkspaceRequest.method, { folders: [uri(work), uri(second), uri(missing), uri(stranger)], workDoneToken: 'multi' });
      rmSync(stranger, { recursive: true, force: true });
      assert.deepEqual(both.folders.map((f) => f.folder), [uri(work), uri(second), uri(missing), uri(stranger)]);
      const [first, other, gone, notOpen] = both.folders;
      assert.equal(notOpen.files.length, 0, 'a folder that is not open is never read');
      assert.match(notOpen.error ?? '', /not an open workspace folder/);
      assert.ok(first.files.some((f) => f.path === 'src/server.js'));
      assert.deepEqual(other.files.map((f) => f.path), ['main.py'], 'the second folder holds only its own files');
      assert.ok(other.files[0].findings.some((x) => x.ruleId === 'no-hardcoded-port'));
      assert.equal(other.rules.find((r) => r.id === 'no-hardcoded-port')?.applied, true);
      assert.equal(gone.files.length, 0);
      assert.match(gone.error ?? '', /no such file or directory/);
      const messages = session.progress.filter((p) => p.token === 'multi' && p.value.kind === 'report').map((p) => p.value.message ?? '');
      assert.ok(messages.some((m) => m.startsWith(`${basename(second)}: `)), messages.join(' | '));
      await session.server.diagnostics(uri(join(second, 'main.py')), (p) => p.diagnostics.some((d) => d.code === 'no-hardcoded-port'));
    } finally {
      await session.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uri(second), name: basename(second) }, { uri: uri(join(second, 'no-such-folder')), name: 'no-such-folder' }] } });
      rmSync(second, { recursive: true, force: true });
    }
  });

  it('exports the workspace as the CLI\'s SARIF', async () => {
    const sarif: WorkspaceSarifResult = await session.request(WorkspaceSarifRequest.method);
    const log = JSON.parse(sarif.sarif) as { version: string; runs: { tool: { driver: { name: string } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].tool.driver.name, 'twelve-factor');
    const results = log.runs.flatMap((r) => r.results);
    assert.equal(results.length, sarif.resultCount);
    assert.ok(results.some((r) => r.ruleId === 'no-hardcoded-port' && r.locations[0].physicalLocation.artifactLocation.uri.endsWith('src/server.js')));
    assert.ok(!sarif.sarif.includes('Xk29fLq7vBw'), 'no secret in the SARIF');
  });

  it('collects every safe fix in the workspace, with the .env.example names', async () => {
    const fixes: WorkspaceFixesResult = await session.request(WorkspaceFixesRequest.method);
    const server = fixes.files.find((f) => f.uri.endsWith('/src/server.js'));
    assert.ok(server, JSON.stringify(fixes));
    assert.equal(server.version, null, 'a closed file is fixed from disk');
    const edits = server.fixes.flatMap((f) => f.edits);
    const portEdit = edits.find((e) => e.range.start.line === 15);
    assert.ok(portEdit && /process\.env\.PORT/.test(portEdit.newText), JSON.stringify(server.fixes));
    assert.ok(server.fixes.every((f) => f.title.length > 0 && f.edits.length > 0));
    assert.equal(fixes.fixCount, fixes.files.reduce((n, f) => n + f.fixes.length, 0));
    const env = fixes.envExamples.find((e) => e.uri === uri(join(work, '.env.example')));
    assert.ok(env && !env.exists && env.names.includes('PORT') && /^PORT=$/m.test(env.append), JSON.stringify(fixes.envExamples));
  });
});

describe('protocol: cancelling a workspace audit', () => {
  let work: string;
  let session: AuditSession;

  before(async () => {
    // Enough files that the audit is still running when the cancellation arrives after its first progress report.
    work = mkdtempSync(join(tmpdir(), 'tf-cancel-'));
    cpSync(FIXTURE, work, { recursive: true });
    const body = readFileSync(join(FIXTURE, 'src', 'server.js'), 'utf8');
    for (let i = 0; i < 400; i++) writeFileSync(join(work, 'src', `copy${i}.js`), body);
    session = await AuditSession.start(work);
  });
  after(async () => {
    await session?.server.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('answers RequestCancelled, ends the progress, publishes nothing, and the next audit still works', async () => {
    const source = new CancellationTokenSource();
    const pending = session.request(AuditWorkspaceRequest.method, { workDoneToken: 'cancel-me' }, source.token);
    await session.until('the first progress report', () => session.progress.some((p) => p.token === 'cancel-me' && p.value.kind === 'report'));
    source.cancel();
    await assert.rejects(pending, (error: { code?: number }) => error.code === -32800);
    await session.until('the progress end', () => session.progress.some((p) => p.token === 'cancel-me' && p.value.kind === 'end'));
    const reports = session.progress.filter((p) => p.token === 'cancel-me' && p.value.kind === 'report');
    assert.ok(reports.at(-1)!.value.percentage! < 100, 'the audit stopped before the last file');
    assert.equal(session.server.published.filter((d) => d.uri.startsWith(uri(work))).length, 0, 'a cancelled audit publishes nothing');

    const result: AuditWorkspaceResult = await session.request(AuditWorkspaceRequest.method);
    assert.equal(result.folders[0].filesScanned, 403);
  });
});
