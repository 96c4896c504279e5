/**
 * A small LSP test client for the REAL bundled server (node server/out/server.js --stdio): it answers
 * `workspace/configuration` from a settings table the test changes, records logs and diagnostics, and lets a test
 * await the notification it expects instead of sleeping. Every wait has a guard so a broken server fails the test
 * with what it did receive, rather than hanging the run.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type InitializeResult,
  type LogMessageParams,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const ROOT = join(__dirname, '..', '..');
export const SERVER_BUNDLE = join(ROOT, 'server/out/server.js');
const GUARD_MS = 30_000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const stat = statSync(full);
    newest = Math.max(newest, stat.isDirectory() ? newestMtime(full) : stat.mtimeMs);
  }
  return newest;
}

export const CLIENT_BUNDLE = join(ROOT, 'client/out/extension.js');

/**
 * Builds the bundles when one is missing (npm test builds before the tests; this is for running one file by hand).
 * A bundle older than its sources is only reported: rebuilding here would rewrite server.js while another test file
 * is spawning it. Two test files that both find it missing build one after the other (a lock directory).
 */
export function ensureServerBuilt(): void {
  const missing = () => !existsSync(SERVER_BUNDLE) || !existsSync(CLIENT_BUNDLE);
  if (missing()) {
    const lock = join(ROOT, 'server/out/.build-lock');
    mkdirSync(join(ROOT, 'server/out'), { recursive: true });
    let owner = false;
    try {
      mkdirSync(lock);
      owner = true;
    } catch {
      // Another test file is building: wait for its lock to go.
      const deadline = Date.now() + 120_000;
      while (existsSync(lock) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
    if (owner) {
      try {
        if (missing()) {
          const result = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
          if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
        }
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
  } else if (statSync(SERVER_BUNDLE).mtimeMs < newestMtime(join(ROOT, 'server/src'))) {
    process.stderr.write('note: server/out/server.js is older than server/src; run `npm run build` to test the current code\n');
  }
}

export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: false },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true, relatedInformation: false },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
      dataSupport: true,
    },
  },
  window: { workDoneProgress: true },
};

type Waiter<T> = { match: (value: T) => boolean; resolve: (value: T) => void };

export interface StartOptions {
  /** Workspace folder (absolute path). */
  workspace?: string;
  /** Several workspace folders (absolute paths); the first is the root. */
  folders?: string[];
  /** The `twelveFactor` section answered to workspace/configuration, per scopeUri or for all. */
  settings?: unknown;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
}

export class TestServer {
  readonly logs: LogMessageParams[] = [];
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** What workspace/configuration answers; a function receives the scopeUri. */
  settings: unknown;
  configurationRequests = 0;
  private readonly diagnosticWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private readonly logWaiters: Waiter<LogMessageParams>[] = [];
  private stderr = '';
  private exited = false;
  readonly exit: Promise<number | null>;

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
  ) {
    this.exit = new Promise((resolve) => process.on('exit', (code) => {
      this.exited = true;
      resolve(code);
    }));
    process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.settle(this.diagnosticWaiters, params);
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
      this.settle(this.logWaiters, params);
    });
    connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests++;
      return params.items.map((item) => {
        if (item.section !== 'twelveFactor') return null;
        return typeof this.settings === 'function' ? (this.settings as (scope?: string) => unknown)(item.scopeUri) : (this.settings ?? null);
      });
    });
    connection.onRequest(RegistrationRequest.type, () => null);
    connection.onRequest(UnregistrationRequest.type, () => null);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<TestServer> {
    ensureServerBuilt();
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { cwd: ROOT, stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const server = new TestServer(child, connection);
    server.settings = options.settings;
    const folders = options.folders ?? (options.workspace ? [options.workspace] : []);
    server.initializeResult = await server.guard(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: folders.length > 0 ? fileUri(folders[0]) : null,
        workspaceFolders: folders.length > 0 ? folders.map((f, i) => ({ uri: fileUri(f), name: `folder${i}` })) : null,
        capabilities: options.capabilities ?? DEFAULT_CAPABILITIES,
        initializationOptions: options.initializationOptions,
      }),
      'initialize',
    );
    await connection.sendNotification(InitializedNotification.type, {});
    return server;
  }

  initializeResult!: InitializeResult;

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async configurationChanged(): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  /** Resolves with the first publishDiagnostics for `uri` (already received or to come) that satisfies `match`. */
  diagnostics(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true, what = 'diagnostics'): Promise<PublishDiagnosticsParams> {
    const matcher = (p: PublishDiagnosticsParams) => p.uri === uri && match(p);
    const seen = this.published.find(matcher);
    if (seen) return Promise.resolve(seen);
    return this.waitFor(this.diagnosticWaiters, matcher, `${what} for ${uri}`);
  }

  /** Like `diagnostics`, but only notifications arriving after this call count. */
  nextDiagnostics(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true, what = 'diagnostics'): Promise<PublishDiagnosticsParams> {
    return this.waitFor(this.diagnosticWaiters, (p) => p.uri === uri && match(p), `${what} for ${uri}`);
  }

  /** The first log message (already received or to come) that satisfies `match`. */
  log(match: (p: LogMessageParams) => boolean, what = 'log message'): Promise<LogMessageParams> {
    const seen = this.logs.find(match);
    if (seen) return Promise.resolve(seen);
    return this.waitFor(this.logWaiters, match, what);
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Shutdown + exit; resolves with the exit code (0 for a clean stop). */
  async stop(): Promise<number | null> {
    if (!this.exited) {
      try {
        await this.guard(this.connection.sendRequest(ShutdownRequest.type), 'shutdown');
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        this.process.kill();
      }
    }
    const code = await this.guard(this.exit, 'exit');
    this.connection.dispose();
    return code;
  }

  private settle<T>(waiters: Waiter<T>[], value: T): void {
    for (const waiter of [...waiters]) {
      if (waiter.match(value)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(value);
      }
    }
  }

  private waitFor<T>(waiters: Waiter<T>[], match: (value: T) => boolean, what: string): Promise<T> {
    return this.guard(new Promise<T>((resolve) => waiters.push({ match, resolve })), what);
  }

  /** A hang guard, not a timing assertion: after 30 s the test fails with what the server did send. */
  guard<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const last = this.published.slice(-3).map((p) => `${p.uri}@${p.version}: ${p.diagnostics.map((d) => d.code).join(',')}`);
        reject(new Error(`no ${what} within ${GUARD_MS / 1000} s; server alive: ${this.alive}; last diagnostics: ${last.join(' | ') || 'none'}; logs: ${this.logs.map((l) => l.message).join(' | ').slice(-2000)}; stderr: ${this.stderr.slice(-2000)}`));
      }, GUARD_MS);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}

export function fileUri(path: string): string {
  return new URL(`file://${path.split('/').map(encodeURIComponent).join('/')}`).href;
}
