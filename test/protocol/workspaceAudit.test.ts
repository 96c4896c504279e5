/**
 * The workspace audit over the real protocol: the bundled server (server/out/server.js) spawned over stdio, a
 * fixture workspace of real files that are never opened, progress notifications, cancellation, diagnostics kept
 * after a document closes, re-audits after a file-system change, SARIF and workspace fixes.
 * Waits are for events (a response, a notification), never for a fixed time.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  AUDIT_UPDATED_NOTIFICATION,
  AUDIT_WORKSPACE_REQUEST,
  WORKSPACE_FIXES_REQUEST,
  WORKSPACE_SARIF_REQUEST,
  type AuditWorkspaceResult,
  type FolderAudit,
  type WorkspaceFixesResult,
  type WorkspaceSarifResult,
} from '../../server/src/workspaceAudit/protocol';
import { isRelevantChange } from '../../server/src/workspaceAudit';

const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'server', 'out', 'server.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'checklist-workspace');
const uri = (p: string) => pathToFileURL(p).href;

interface Diagnostics {
  uri: string;
  diagnostics: { code?: string | number; message: string }[];
}

/** A minimal LSP client: spawns the server, answers its requests, records notifications, waits for conditions. */
class Session {
  readonly child: ChildProcess;
  readonly connection: MessageConnection;
  readonly diagnostics: Diagnostics[] = [];
  readonly progress: { token: string | number; value: { kind: string; percentage?: number; message?: string } }[] = [];
  readonly updates: FolderAudit[] = [];
  readonly registrations: string[] = [];
  private waiters: (() => void)[] = [];

  constructor(folders: string[]) {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    const changed = () => this.waiters.splice(0).forEach((w) => w());
    this.connection.onNotification('textDocument/publishDiagnostics', (p: Diagnostics) => (this.diagnostics.push(p), changed()));
    this.connection.onNotification('$/progress', (p: Session['progress'][number]) => (this.progress.push(p), changed()));
    this.connection.onNotification(AUDIT_UPDATED_NOTIFICATION, (p: FolderAudit) => (this.updates.push(p), changed()));
    this.connection.onNotification(() => undefined);
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.connection.onRequest('client/registerCapability', (p: { registrations: { method: string }[] }) => {
      this.registrations.push(...p.registrations.map((r) => r.method));
      changed();
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
    this.folders = folders;
  }

  private readonly folders: string[];

  async initialize(): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri(this.folders[0]),
      workspaceFolders: this.folders.map((f) => ({ uri: uri(f), name: f.split(/[\\/]/).pop() })),
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
        textDocument: { publishDiagnostics: {} },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves when `check` holds, re-checked on every notification; fails the test after 60 s of nothing. */
  until<T>(what: string, check: () => T | undefined | false): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 60_000);
      const test = () => {
        const value = check();
        if (value) {
          clearTimeout(timer);
          resolve(value);
        } else this.waiters.push(test);
      };
      test();
    });
  }

  async close(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
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
  let session: Session;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'tf-audit-'));
    cpSync(FIXTURE, work, { recursive: true });
    session = new Session([work]);
    await session.initialize();
  });
  after(async () => {
    await session?.close();
    rmSync(work, { recursive: true, force: true });
  });

  let result: AuditWorkspaceResult;
  it('audits files that were never opened and reports work-done progress', async () => {
    result = await session.connection.sendRequest(AUDIT_WORKSPACE_REQUEST, { workDoneToken: 'audit-1' });
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

    const kinds = session.progress.filter((p) => p.token === 'audit-1').map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    assert.ok(kinds.includes('report'), `progress: ${kinds.join(',')}`);
    const last = session.progress.filter((p) => p.token === 'audit-1' && p.value.kind === 'report').at(-1)!;
    assert.equal(last.value.percentage, 100);
    assert.match(last.value.message ?? '', /3\/3 files/);
  });

  it('publishes the findings of closed files as diagnostics', async () => {
    const serverUri = uri(join(work, 'src', 'server.js'));
    const published = await session.until('diagnostics for server.js', () => session.diagnostics.filter((d) => d.uri === serverUri).at(-1));
    const expected = result.folders[0].files.find((f) => f.path === 'src/server.js')!.findings.map((f) => f.ruleId);
    assert.deepEqual(published.diagnostics.map((d) => d.code), expected);
    assert.ok(expected.includes('no-hardcoded-port'));
    assert.ok(session.registrations.includes('workspace/didChangeWatchedFiles'), 'the server asked the client to watch files');
  });

  it('keeps the audit diagnostics after a document is opened and closed', async () => {
    const file = join(work, 'src', 'server.js');
    const fileUri = uri(file);
    const before = session.diagnostics.length;
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: fileUri, languageId: 'javascript', version: 1, text: readFileSync(file, 'utf8') } });
    await session.until('live diagnostics of the open document', () => session.diagnostics.slice(before).some((d) => d.uri === fileUri && d.diagnostics.length > 0));
    const opened = session.diagnostics.length;
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: fileUri } });
    // The linter clears the closed document; the audit's diagnostics for the file on disk come back after that.
    const after = await session.until('diagnostics republished after close', () => {
      const mine = session.diagnostics.slice(opened).filter((d) => d.uri === fileUri);
      return mine.length >= 2 && mine.at(-1)!.diagnostics.length > 0 ? mine : undefined;
    });
    assert.equal(after[0].diagnostics.length, 0, 'first the linter cleared the closed document');
    assert.ok(after.at(-1)!.diagnostics.some((d) => d.code === 'no-hardcoded-port'));
  });

  it('re-audits after a file-system change and notifies the client', async () => {
    const added = join(work, 'src', 'worker.js');
    writeFileSync(added, "const http = require('http');\nhttp.createServer(() => {}).listen(8081);\n");
    const seen = session.updates.length;
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(added), type: 1 }] });
    const update = await session.until('twelveFactor/auditUpdated', () => session.updates.slice(seen).at(-1));
    assert.equal(update.filesScanned, 4);
    assert.ok(update.files.some((f) => f.path === 'src/worker.js' && f.findings.some((x) => x.ruleId === 'no-hardcoded-port')), JSON.stringify(update.files.map((f) => f.path)));
    const addedUri = uri(added);
    await session.until('diagnostics for the new file', () => session.diagnostics.some((d) => d.uri === addedUri && d.diagnostics.length > 0));

    // Removing it clears its diagnostics.
    rmSync(added);
    const count = session.diagnostics.length;
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: addedUri, type: 3 }] });
    await session.until('the deleted file cleared', () => session.diagnostics.slice(count).some((d) => d.uri === addedUri && d.diagnostics.length === 0));
  });

  it('exports the workspace as the CLI\'s SARIF', async () => {
    const sarif: WorkspaceSarifResult = await session.connection.sendRequest(WORKSPACE_SARIF_REQUEST, {});
    const log = JSON.parse(sarif.sarif) as { version: string; runs: { tool: { driver: { name: string } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].tool.driver.name, 'twelve-factor');
    const results = log.runs.flatMap((r) => r.results);
    assert.equal(results.length, sarif.resultCount);
    assert.ok(results.some((r) => r.ruleId === 'no-hardcoded-port' && r.locations[0].physicalLocation.artifactLocation.uri.endsWith('src/server.js')));
    assert.ok(!sarif.sarif.includes('Xk29fLq7vBw'), 'no secret in the SARIF');
  });

  it('collects every safe fix in the workspace, with the .env.example names', async () => {
    const fixes: WorkspaceFixesResult = await session.connection.sendRequest(WORKSPACE_FIXES_REQUEST, {});
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
  let session: Session;

  before(async () => {
    // Enough files that the audit is still running when the cancellation arrives after its first progress report.
    work = mkdtempSync(join(tmpdir(), 'tf-cancel-'));
    cpSync(FIXTURE, work, { recursive: true });
    const body = readFileSync(join(FIXTURE, 'src', 'server.js'), 'utf8');
    for (let i = 0; i < 400; i++) writeFileSync(join(work, 'src', `copy${i}.js`), body);
    session = new Session([work]);
    await session.initialize();
  });
  after(async () => {
    await session?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('answers RequestCancelled, ends the progress, publishes nothing, and the next audit still works', async () => {
    const { CancellationTokenSource } = await import('vscode-jsonrpc');
    const source = new CancellationTokenSource();
    const pending = session.connection.sendRequest(AUDIT_WORKSPACE_REQUEST, { workDoneToken: 'cancel-me' }, source.token);
    await session.until('the first progress report', () => session.progress.some((p) => p.token === 'cancel-me' && p.value.kind === 'report'));
    source.cancel();
    await assert.rejects(pending, (error: { code?: number }) => error.code === -32800);
    await session.until('the progress end', () => session.progress.some((p) => p.token === 'cancel-me' && p.value.kind === 'end'));
    const reports = session.progress.filter((p) => p.token === 'cancel-me' && p.value.kind === 'report');
    assert.ok(reports.at(-1)!.value.percentage! < 100, 'the audit stopped before the last file');
    assert.equal(session.diagnostics.filter((d) => d.uri.startsWith(uri(work))).length, 0, 'a cancelled audit publishes nothing');

    const result: AuditWorkspaceResult = await session.connection.sendRequest(AUDIT_WORKSPACE_REQUEST, {});
    assert.equal(result.folders[0].filesScanned, 403);
  });
});
