/**
 * The workspace audit in the language server: the `twelveFactor/*` requests of the checklist view and the palette
 * commands, diagnostics for files that are not open, and debounced re-audits when files change on disk.
 *
 * Open source files belong to the per-document linter (live text, versioned diagnostics): for them this module only
 * supplies the project-level findings the linter cannot see (`projectDiagnostics`). Closed files, and open files the
 * linter does not parse (Procfile, .env), show the audit's findings, which come back when a document closes.
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import {
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type DidChangeWatchedFilesParams,
  type Disposable,
  type WorkDoneProgressReporter,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { toolVersion } from '../report/model';
import { formatSarif } from '../report/sarif';
import type { AuditResult } from '../engine/workspace';
import { SKIPPED_DIRECTORIES } from '../engine/projectUtil';
import { auditWorkspace, AuditInputError } from '../node/audit';
import { languageOf } from '../engine/languages';
import type { Rule } from '../engine/types';
import { RULES } from '../rules';
import type { ServerContext } from '../serverContext';
import type { ResolvedSettings } from '../settings';
import { uriToPath, type Folder } from '../workspace';
import { auditOptions, convertAudit, ruleInfos } from './convert';
import { collectFixes } from './fixes';
import {
  AuditUpdatedNotification,
  AuditWorkspaceRequest,
  ListRulesRequest,
  WorkspaceFixesRequest,
  WorkspaceSarifRequest,
  type AuditWorkspaceParams,
  type AuditWorkspaceResult,
  type FolderAudit,
  type ListRulesResult,
  type WorkspaceFixesParams,
  type WorkspaceFixesResult,
  type WorkspaceSarifParams,
  type WorkspaceSarifResult,
} from '../shared/protocol';

export interface WorkspaceAuditOptions {
  /** The rule registry (tests may pass their own). */
  rules?: readonly Rule[];
  /** Quiet time after the last file change before a folder is audited again; default 800 ms. */
  debounceMs?: number;
}

/** A folder's last audit: the engine result, its settings, and the diagnostics per file URI it produced. */
interface FolderState {
  folder: Folder;
  wire: FolderAudit;
  diagnostics: Map<string, Diagnostic[]>;
  projectDiagnostics: Map<string, Diagnostic[]>;
}

interface FolderRun {
  folder: Folder;
  settings: ResolvedSettings;
  result?: AuditResult;
  error?: string;
}

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'The workspace audit was cancelled.');

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Events in dependency, VCS and build folders never change the audit (the walk skips them). */
export function isRelevantChange(relativePath: string): boolean {
  return !relativePath.split('/').slice(0, -1).some((part) => SKIPPED_DIRECTORIES.has(part));
}

export class WorkspaceAudit implements Disposable {
  private readonly states = new Map<string, FolderState>();
  /** Folders with a request audit in progress: a background re-audit waits for it. */
  private readonly requestRunning = new Set<string>();
  private readonly background = new Map<string, AbortController>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: Disposable[] = [];
  private watcherRegistered = false;
  private readonly rules: readonly Rule[];
  private readonly debounceMs: number;

  constructor(
    private readonly host: ServerContext,
    options: WorkspaceAuditOptions = {},
  ) {
    this.rules = options.rules ?? RULES;
    this.debounceMs = options.debounceMs ?? 800;
    const { connection, documents } = host;
    this.disposables.push(
      connection.onRequest(AuditWorkspaceRequest.type, (params: AuditWorkspaceParams, token: CancellationToken) => this.auditRequest(params, token)),
      connection.onRequest(WorkspaceSarifRequest.type, (params: WorkspaceSarifParams, token: CancellationToken) => this.sarifRequest(params, token)),
      connection.onRequest(WorkspaceFixesRequest.type, (params: WorkspaceFixesParams, token: CancellationToken) => this.fixesRequest(params, token)),
      connection.onRequest(ListRulesRequest.type, (): ListRulesResult => ruleInfos(this.rules, undefined).map(({ applied: _applied, ...rest }) => rest)),
      connection.onDidChangeWatchedFiles((params) => this.filesChanged(params)),
      // The linter clears a closed document's diagnostics; the audit's view of the file on disk comes back after it.
      documents.onDidClose((e) => setImmediate(() => this.republish(e.document.uri))),
    );
  }

  private log(message: string): void {
    this.host.connection.console.log(message);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const controller of this.background.values()) controller.abort();
  }

  /** The audit's diagnostics for a file, if an audit found anything there. */
  private diagnosticsFor(uri: string): Diagnostic[] | undefined {
    for (const state of this.states.values()) {
      const diagnostics = state.diagnostics.get(uri);
      if (diagnostics) return diagnostics;
    }
    return undefined;
  }

  /** What only the audit finds in a file (project-level rules); the linter adds it to an open document's diagnostics. */
  projectDiagnostics(uri: string): Diagnostic[] {
    for (const state of this.states.values()) {
      const diagnostics = state.projectDiagnostics.get(uri);
      if (diagnostics) return diagnostics;
    }
    return [];
  }

  /** Publishes the audit's diagnostics for a file that is no longer open. */
  republish(uri: string): void {
    if (this.host.documents.get(uri)) return;
    const diagnostics = this.diagnosticsFor(uri);
    if (diagnostics) void this.host.connection.sendDiagnostics({ uri, diagnostics });
  }

  /**
   * Publishes a file's diagnostics after an audit. A closed file, or an open one in a language the linter does not
   * parse (Procfile, .env, package.json), shows the audit's findings; an open source file shows the linter's latest
   * findings for its live text plus the audit's project-level ones (until the linter has run, it publishes itself).
   */
  private publish(uri: string, diagnostics: Diagnostic[]): void {
    const document = this.host.documents.get(uri);
    if (!document || !languageOf(uriToPath(uri) ?? uri, document.languageId)) {
      void this.host.connection.sendDiagnostics({ uri, diagnostics });
      return;
    }
    const latest = this.host.scheduler.latest(uri);
    if (latest) void this.host.connection.sendDiagnostics({ uri, version: latest.snapshot.version, diagnostics: [...latest.result.diagnostics, ...this.projectDiagnostics(uri)] });
  }

  // ---- requests ------------------------------------------------------------------------------------------------

  private async auditRequest(params: AuditWorkspaceParams, token: CancellationToken): Promise<AuditWorkspaceResult> {
    const folders = this.resolveFolders(params?.folders);
    const progress = this.host.connection.window.attachWorkDoneProgress(params?.workDoneToken);
    const runs = await this.runAudits(folders, progress, token, 'Auditing workspace');
    return { folders: runs.map((run) => this.store(run)) };
  }

  private async sarifRequest(params: WorkspaceSarifParams, token: CancellationToken): Promise<WorkspaceSarifResult> {
    const folders = this.resolveFolders(params?.folders);
    const progress = this.host.connection.window.attachWorkDoneProgress(params?.workDoneToken);
    const runs = await this.runAudits(folders, progress, token, 'Auditing for SARIF');
    for (const run of runs) this.store(run);
    const failed = runs.filter((r) => r.error);
    if (failed.length === runs.length && runs.length > 0) {
      throw new ResponseError(ErrorCodes.InternalError, failed.map((r) => `${r.folder.name}: ${r.error}`).join('; '));
    }
    const roots = runs
      .filter((r) => r.result)
      .map((r) => ({ ...r.result!, findings: r.result!.findings.filter((f) => !r.settings.isExcluded(f.path)) }));
    const log = formatSarif({ toolVersion: toolVersion(), roots });
    return { sarif: `${JSON.stringify(log, null, 2)}\n`, resultCount: roots.reduce((n, r) => n + r.findings.length, 0) };
  }

  private async fixesRequest(params: WorkspaceFixesParams, token: CancellationToken): Promise<WorkspaceFixesResult> {
    const folders = this.resolveFolders(params?.folders);
    const progress = this.host.connection.window.attachWorkDoneProgress(params?.workDoneToken);
    const runs = await this.runAudits(folders, progress, token, 'Collecting fixes');
    for (const run of runs) this.store(run);
    if (token.isCancellationRequested) throw cancelled();
    return collectFixes(
      runs.filter((r) => r.result).map((r) => ({ folder: r.folder, result: r.result!, settings: r.settings })),
      { open: (uri) => this.host.documents.get(uri), readFile: (p) => fsp.readFile(p, 'utf8') },
    );
  }

  // ---- running audits ------------------------------------------------------------------------------------------

  /**
   * Folder URIs from the request, or every workspace folder. Only open workspace folders are audited: any other URI
   * comes back with an error and is never read (a client cannot point the server at an arbitrary folder on disk).
   */
  private resolveFolders(uris: readonly string[] | undefined): Folder[] {
    const known = this.host.folders.all();
    if (!uris || uris.length === 0) return [...known];
    return uris.map((uri) => known.find((f) => f.uri === uri) ?? { uri, name: path.basename(uriToPath(uri) ?? uri), path: undefined, notOpen: true });
  }

  /** One audit per folder, in turn, with one progress bar over all of them; cancellation aborts the one running. */
  private async runAudits(folders: readonly Folder[], progress: WorkDoneProgressReporter, token: CancellationToken, title: string): Promise<FolderRun[]> {
    this.registerWatcher();
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    for (const folder of folders) {
      this.requestRunning.add(folder.uri);
      this.background.get(folder.uri)?.abort();
    }
    progress.begin(title, 0, undefined, true);
    const runs: FolderRun[] = [];
    try {
      for (const [index, folder] of folders.entries()) {
        if (token.isCancellationRequested) throw cancelled();
        let lastPercent = -1;
        runs.push(
          await this.auditFolder(folder, controller.signal, ({ done, total }) => {
            const percent = Math.floor(((index + (total ? done / total : 1)) / folders.length) * 100);
            if (percent === lastPercent) return;
            lastPercent = percent;
            progress.report(percent, `${folder.name}: ${done}/${total} files`);
          }),
        );
      }
    } catch (error) {
      if (isAbort(error) || token.isCancellationRequested) throw cancelled();
      throw error;
    } finally {
      subscription.dispose();
      progress.done();
      for (const folder of folders) this.requestRunning.delete(folder.uri);
    }
    return runs;
  }

  private async auditFolder(folder: Folder, signal: AbortSignal, onProgress: (p: { done: number; total: number }) => void): Promise<FolderRun> {
    const settings = await this.host.settings.get(folder.uri);
    if ('notOpen' in folder) return { folder, settings, error: 'not an open workspace folder: only the workspace folders are audited' };
    if (!folder.path) return { folder, settings, error: 'only folders on disk can be audited' };
    if (!settings.enable) return { folder, settings, error: 'twelveFactor.enable is false for this folder' };
    try {
      const result = await auditWorkspace(folder.path, { ...auditOptions(settings), ruleSet: this.rules }, { signal, onProgress });
      for (const line of result.ruleErrors) this.log(`Rule error in ${folder.name}/${line}`);
      return { folder, settings, result };
    } catch (error) {
      if (error instanceof AuditInputError) return { folder, settings, error: error.message };
      throw error;
    }
  }

  /** Keeps a folder's result and publishes its diagnostics for closed files; clears files that are clean now. */
  private store(run: FolderRun): FolderAudit {
    const previous = this.states.get(run.folder.uri);
    let state: FolderState;
    if (run.result) {
      const { wire, diagnostics, projectDiagnostics } = convertAudit(run.folder, run.result, run.settings, this.rules);
      state = { folder: run.folder, wire, diagnostics, projectDiagnostics };
    } else {
      state = {
        folder: run.folder,
        diagnostics: new Map(),
        projectDiagnostics: new Map(),
        wire: { folder: run.folder.uri, name: run.folder.name, files: [], skipped: [], rules: ruleInfos(this.rules, run.settings), filesScanned: 0, error: run.error, finishedAt: new Date().toISOString() },
      };
    }
    this.states.set(run.folder.uri, state);
    for (const uri of previous?.diagnostics.keys() ?? []) {
      if (!state.diagnostics.has(uri)) this.publish(uri, []);
    }
    for (const [uri, diagnostics] of state.diagnostics) this.publish(uri, diagnostics);
    return state.wire;
  }

  // ---- re-audits on change -------------------------------------------------------------------------------------

  /** Watches every file once an audit has run (the client must support dynamic registration; VS Code does). */
  private registerWatcher(): void {
    if (this.watcherRegistered) return;
    this.watcherRegistered = true;
    this.host.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] }).catch((error: unknown) => {
      this.log(`Could not watch files for re-audits (${error instanceof Error ? error.message : String(error)}); files changed on disk are re-audited only by a new audit.`);
    });
  }

  private filesChanged(params: DidChangeWatchedFilesParams): void {
    for (const change of params.changes) {
      if (change.type === FileChangeType.Deleted) {
        // A deleted file keeps no diagnostics, even before the re-audit.
        for (const state of this.states.values()) {
          state.projectDiagnostics.delete(change.uri);
          if (state.diagnostics.delete(change.uri)) this.publish(change.uri, []);
        }
      }
      this.changed(change.uri);
    }
  }

  /** The audited folder holding a file (the innermost, for nested folders). */
  private auditedFolderOf(uri: string): Folder | undefined {
    const filePath = uriToPath(uri);
    let best: Folder | undefined;
    for (const { folder } of this.states.values()) {
      if (!filePath || !folder.path) continue;
      const rel = path.relative(folder.path, filePath);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel) && (!best || folder.path.length > best.path!.length)) best = folder;
    }
    return best;
  }

  /** A file changed on disk: re-audit its folder after a quiet period, if that folder has been audited. */
  private changed(uri: string): void {
    const folder = this.auditedFolderOf(uri);
    if (!folder?.path) return;
    if (!isRelevantChange(path.relative(folder.path, uriToPath(uri)!).split(path.sep).join('/'))) return;
    this.schedule(folder);
  }

  private schedule(folder: Folder): void {
    const timer = this.timers.get(folder.uri);
    if (timer) clearTimeout(timer);
    this.timers.set(
      folder.uri,
      setTimeout(() => {
        this.timers.delete(folder.uri);
        void this.reaudit(folder);
      }, this.debounceMs),
    );
  }

  private async reaudit(folder: Folder): Promise<void> {
    if (this.requestRunning.has(folder.uri)) return this.schedule(folder);
    this.background.get(folder.uri)?.abort();
    const controller = new AbortController();
    this.background.set(folder.uri, controller);
    let progress: WorkDoneProgressServerReporter | undefined;
    let subscription: Disposable | undefined;
    try {
      progress = await this.host.connection.window.createWorkDoneProgress();
      subscription = progress.token.onCancellationRequested(() => controller.abort());
      progress.begin(`Re-auditing ${folder.name}`, 0, undefined, true);
      let lastPercent = -1;
      const run = await this.auditFolder(folder, controller.signal, ({ done, total }) => {
        const percent = total ? Math.floor((done / total) * 100) : 100;
        if (percent !== lastPercent) progress?.report((lastPercent = percent), `${done}/${total} files`);
      });
      if (controller.signal.aborted) return;
      const wire = this.store(run);
      void this.host.connection.sendNotification(AuditUpdatedNotification.type, wire);
    } catch (error) {
      if (!isAbort(error)) this.log(`Re-audit of ${folder.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      subscription?.dispose();
      progress?.done();
      if (this.background.get(folder.uri) === controller) this.background.delete(folder.uri);
    }
  }
}

/** One line in server.ts; the linter's publish asks the result for `projectDiagnostics`. */
export function registerWorkspaceAudit(context: ServerContext, options?: WorkspaceAuditOptions): WorkspaceAudit {
  return new WorkspaceAudit(context, options);
}
