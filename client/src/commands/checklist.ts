/**
 * The checklist's palette commands (category "Twelve-Factor"): Audit Workspace, Show Report, Export SARIF…,
 * Fix All in Workspace, Show Factor Documentation, and the view's Refresh. Each talks to the server's
 * `twelveFactor/*` requests and renders from the ChecklistStore.
 */
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient, type RequestType, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import {
  AuditWorkspaceRequest,
  WorkspaceFixesRequest,
  WorkspaceSarifRequest,
  type AuditWorkspaceResult,
  type WorkspaceFixesResult,
  type WorkspaceSarifResult,
  type WirePosition,
  type WireRange,
} from '../../../server/src/shared/protocol';
import { FACTOR_INFO, factorTitle, type Factor } from '../../../server/src/shared/factors';
import { countAppliedFixes } from '../checklist/fixes';
import { plural } from '../checklist/model';
import type { ChecklistPages } from '../checklist/pages';
import type { ChecklistStore } from '../checklist/store';
import { CHECKLIST_VIEW } from '../checklist/view';
import type { Ctx } from '../ctx';
import type { CommandFactory } from '.';

const TITLE = 'Twelve-Factor';

function runningClient(ctx: Ctx): LanguageClient | undefined {
  const client = ctx.client;
  if (!client) void vscode.window.showWarningMessage(`${TITLE}: the language server is not running. Run "Twelve-Factor: Restart Language Server".`);
  return client;
}

function hasFolders(): boolean {
  if (vscode.workspace.workspaceFolders?.length) return true;
  void vscode.window.showInformationMessage(`${TITLE}: open a folder to audit it.`);
  return false;
}

type Location = vscode.ProgressLocation | { viewId: string };

/**
 * Sends a workspace request with a work-done token and shows the server's `$/progress` in a VS Code progress UI;
 * cancelling it cancels the request. Resolves undefined when the user cancelled.
 */
async function withServerProgress<R>(client: LanguageClient, type: RequestType<{ workDoneToken?: string | number }, R, void>, title: string, location: Location): Promise<R | undefined> {
  return vscode.window.withProgress({ location, title, cancellable: location === vscode.ProgressLocation.Notification }, async (progress, token) => {
    const workDoneToken = `twelveFactor-${randomUUID()}`;
    let reported = 0;
    const subscription = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (value.kind === 'end') return;
      const { percentage, message } = value as WorkDoneProgressBegin | WorkDoneProgressReport;
      const increment = percentage !== undefined ? Math.max(0, percentage - reported) : undefined;
      if (percentage !== undefined) reported = Math.max(reported, percentage);
      progress.report({ increment, message });
    });
    try {
      return await client.sendRequest(type, { workDoneToken }, token);
    } catch (error) {
      if (token.isCancellationRequested || error instanceof vscode.CancellationError) return undefined;
      throw error;
    } finally {
      subscription.dispose();
    }
  });
}

export interface AuditOutcome {
  result?: AuditWorkspaceResult;
  cancelled: boolean;
}

/** Runs the audit, fills the store (the server publishes the Problems itself). Shared by the command and the view. */
export async function auditWorkspace(ctx: Ctx, store: ChecklistStore, location: Location = vscode.ProgressLocation.Notification): Promise<AuditOutcome> {
  const client = runningClient(ctx);
  if (!client || !hasFolders()) return { cancelled: false };
  let result: AuditWorkspaceResult | undefined;
  try {
    result = await withServerProgress(client, AuditWorkspaceRequest.type, `${TITLE}: auditing the workspace`, location);
  } catch (error) {
    void vscode.window.showErrorMessage(`${TITLE}: the audit failed: ${error instanceof Error ? error.message : String(error)}`);
    return { cancelled: false };
  }
  if (!result) {
    if (location === vscode.ProgressLocation.Notification) void vscode.window.showInformationMessage(`${TITLE}: audit cancelled; the earlier results stay.`);
    return { cancelled: true };
  }
  store.set(result.folders);
  for (const folder of result.folders) {
    if (folder.error) void vscode.window.showWarningMessage(`${TITLE}: ${folder.name} was not audited: ${folder.error}`);
  }
  return { result, cancelled: false };
}

function auditSummary(result: AuditWorkspaceResult): string {
  const files = result.folders.flatMap((f) => f.files);
  const findings = files.reduce((n, f) => n + f.findings.length, 0);
  const scanned = result.folders.reduce((n, f) => n + f.filesScanned, 0);
  return findings === 0
    ? `${TITLE}: no findings in ${plural(scanned, 'file')}.`
    : `${TITLE}: ${plural(findings, 'finding')} in ${plural(files.length, 'file')} (${plural(scanned, 'file')} audited).`;
}

export function checklistCommands(store: ChecklistStore, pages: ChecklistPages): Record<string, CommandFactory> {
  return {
    /** Returns the result (for tests and other extensions); undefined when cancelled or impossible. */
    auditWorkspace: (ctx) => async () => {
      const { result } = await auditWorkspace(ctx, store);
      if (result) {
        void vscode.window.showInformationMessage(auditSummary(result), 'Show Report', 'Show Checklist').then((choice) => {
          if (choice === 'Show Report') void vscode.commands.executeCommand('twelveFactor.showReport');
          if (choice === 'Show Checklist') void vscode.commands.executeCommand(`${CHECKLIST_VIEW}.focus`);
        });
      }
      return result;
    },

    /** Re-audits quietly, with progress shown on the view itself. */
    refreshChecklist: (ctx) => async () => (await auditWorkspace(ctx, store, { viewId: CHECKLIST_VIEW })).result,

    /** Opens the report in the Markdown preview (auditing first when nothing was audited yet). Returns its file's URI. */
    showReport: (ctx) => async () => {
      if (!store.hasResults) {
        const { cancelled } = await auditWorkspace(ctx, store);
        if (cancelled) return undefined;
      }
      return pages.show('report');
    },

    /** Writes the CLI's SARIF for the workspace; `target` skips the save dialog (tests, tasks). Returns the URI. */
    exportSarif: (ctx) => async (target?: vscode.Uri) => {
      const client = runningClient(ctx);
      if (!client || !hasFolders()) return undefined;
      const folder = vscode.workspace.workspaceFolders![0].uri;
      const uri =
        target instanceof vscode.Uri
          ? target
          : await vscode.window.showSaveDialog({
              title: `${TITLE}: Export SARIF`,
              defaultUri: vscode.Uri.joinPath(folder, 'twelve-factor.sarif'),
              filters: { SARIF: ['sarif', 'json'] },
              saveLabel: 'Export',
            });
      if (!uri) return undefined;
      let result: WorkspaceSarifResult | undefined;
      try {
        result = await withServerProgress(client, WorkspaceSarifRequest.type, `${TITLE}: auditing for SARIF`, vscode.ProgressLocation.Notification);
      } catch (error) {
        void vscode.window.showErrorMessage(`${TITLE}: SARIF export failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
      if (!result) return undefined;
      try {
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(result.sarif));
      } catch (error) {
        void vscode.window.showErrorMessage(`${TITLE}: could not write ${uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
      void vscode.window.showInformationMessage(`${TITLE}: wrote ${plural(result.resultCount, 'result')} to ${vscode.workspace.asRelativePath(uri)}.`);
      return uri;
    },

    /** Every safe fix in the workspace as one edit, reviewed in the refactor preview. Returns how many were applied. */
    fixAllInWorkspace: (ctx) => async () => {
      const client = runningClient(ctx);
      if (!client || !hasFolders()) return 0;
      let result: WorkspaceFixesResult | undefined;
      try {
        result = await withServerProgress(client, WorkspaceFixesRequest.type, `${TITLE}: collecting fixes`, vscode.ProgressLocation.Notification);
      } catch (error) {
        void vscode.window.showErrorMessage(`${TITLE}: could not collect fixes: ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      }
      if (!result) return 0;
      if (result.fixCount === 0) {
        void vscode.window.showInformationMessage(`${TITLE}: no automatic fixes to apply.`);
        return 0;
      }
      const stale = result.files.filter((f) => f.version !== null && vscode.workspace.textDocuments.find((d) => d.uri.toString() === f.uri)?.version !== f.version);
      if (stale.length) {
        void vscode.window.showWarningMessage(`${TITLE}: ${vscode.workspace.asRelativePath(vscode.Uri.parse(stale[0].uri))} changed while the fixes were computed; run Fix All again.`);
        return 0;
      }
      // The preview lets the user pick fixes; the texts before and after tell how many were applied.
      const before = await Promise.all(
        result.files.map(async (file) => {
          const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(file.uri));
          const fixes = file.fixes.map((fix) => ({
            edits: fix.edits.map((e) => ({ start: document.offsetAt(toPosition(e.range.start)), end: document.offsetAt(toPosition(e.range.end)), newText: e.newText })),
          }));
          return { document, text: document.getText(), fixes };
        }),
      );
      const applied = await vscode.workspace.applyEdit(buildFixEdit(result), { isRefactoring: true });
      const counts = before.map(({ document, text, fixes }) => countAppliedFixes(text, document.getText(), fixes));
      const count = applied ? counts.reduce((a, b) => a + b, 0) : 0;
      if (count === 0) {
        void vscode.window.showInformationMessage(`${TITLE}: no fixes applied.`);
        return 0;
      }
      const files = counts.filter((n) => n > 0).length;
      void vscode.window.showInformationMessage(`${TITLE}: applied ${count} of ${plural(result.fixCount, 'fix')} in ${plural(files, 'file')}.`);
      return count;
    },

    /** Quick pick of the factors (or the factor given, e.g. from the checklist), then its page in the preview. */
    showFactorDocumentation: () => async (argument?: unknown) => {
      let factor = factorArgument(argument);
      if (!factor) {
        const picked = await vscode.window.showQuickPick(
          FACTOR_INFO.map((info) => ({ label: factorTitle(info), detail: info.summary, factor: info.factor })),
          { title: `${TITLE}: Show Factor Documentation`, placeHolder: 'Factor', matchOnDetail: true },
        );
        factor = picked?.factor;
      }
      if (!factor) return undefined;
      return pages.show(factor);
    },
  };
}

/** A factor from a command argument: 'III', or a checklist node `{ factor: 'III' }`. */
export function factorArgument(argument: unknown): Factor | undefined {
  const value = typeof argument === 'string' ? argument : (argument as { factor?: unknown } | undefined)?.factor;
  return FACTOR_INFO.find((f) => f.factor === value)?.factor;
}

const toPosition = (p: WirePosition) => new vscode.Position(p.line, p.character);
const toRange = (r: WireRange) => new vscode.Range(toPosition(r.start), toPosition(r.end));

/**
 * The fixes as one WorkspaceEdit whose every entry needs confirmation: VS Code opens the refactor preview, where the
 * user checks the fixes to apply (entries that need confirmation start unchecked).
 */
export function buildFixEdit(result: WorkspaceFixesResult): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const file of result.files) {
    const uri = vscode.Uri.parse(file.uri);
    for (const fix of file.fixes) {
      const metadata: vscode.WorkspaceEditEntryMetadata = { needsConfirmation: true, label: `Fix: ${fix.title}`, description: vscode.workspace.asRelativePath(uri) };
      for (const e of fix.edits) edit.replace(uri, toRange(e.range), e.newText, metadata);
    }
  }
  for (const env of result.envExamples) {
    const uri = vscode.Uri.parse(env.uri);
    const metadata: vscode.WorkspaceEditEntryMetadata = { needsConfirmation: true, label: `Add ${env.names.join(', ')} to .env.example`, description: vscode.workspace.asRelativePath(uri) };
    if (!env.exists) edit.createFile(uri, { ignoreIfExists: true }, metadata);
    edit.insert(uri, toPosition(env.at), env.append, metadata);
  }
  return edit;
}
