/**
 * The checklist feature: the store, the tree view, the Markdown pages and the palette commands, wired to the
 * language client. One call from extension.ts: `registerChecklist(ctx)`.
 */
import * as vscode from 'vscode';
import { AuditUpdatedNotification, ListRulesRequest } from '../../../server/src/shared/protocol';
import { registerCommands } from '../commands';
import { auditWorkspace, checklistCommands } from '../commands/checklist';
import type { Ctx } from '../ctx';
import { ChecklistPages } from './pages';
import type { TreeNode } from './model';
import { ChecklistStore } from './store';
import { CHECKLIST_VIEW, ChecklistProvider } from './view';

export interface Checklist {
  store: ChecklistStore;
  pages: ChecklistPages;
  provider: ChecklistProvider;
  view: vscode.TreeView<TreeNode>;
}

export function registerChecklist(ctx: Ctx): Checklist {
  const store = new ChecklistStore();
  const provider = new ChecklistProvider(store);
  // The pages are files of the extension's own, next to nothing of the user's (see pages.ts for why files).
  const pages = new ChecklistPages(store, ctx.extension.storageUri ?? ctx.extension.globalStorageUri, (m) => ctx.output.appendLine(m));
  const view = vscode.window.createTreeView(CHECKLIST_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  ctx.pushDisposable(store);
  ctx.pushDisposable(provider);
  ctx.pushDisposable(pages);
  ctx.pushDisposable(view);
  registerCommands(ctx, checklistCommands(store, pages));

  // The first time the view is visible with a running server and nothing audited, audit quietly (progress on the view).
  let autoAudited = false;
  const maybeAudit = () => {
    if (autoAudited || !view.visible || !ctx.client || store.hasResults || !vscode.workspace.workspaceFolders?.length) return;
    autoAudited = true;
    void auditWorkspace(ctx, store, { viewId: CHECKLIST_VIEW });
  };

  const updateBadge = () => {
    const errors = store.all().reduce((n, a) => n + a.files.reduce((m, f) => m + f.findings.filter((x) => x.severity === 'error').length, 0), 0);
    view.badge = errors ? { value: errors, tooltip: `${errors} Twelve-Factor error${errors === 1 ? '' : 's'}` } : undefined;
  };

  ctx.pushDisposable(store.onDidChange(updateBadge));
  ctx.pushDisposable(view.onDidChangeVisibility(maybeAudit));
  ctx.pushDisposable(
    ctx.onDidStartClient((client) => {
      // A (re)started server knows nothing of earlier audits: start over.
      store.retain([]);
      autoAudited = false;
      ctx.pushDisposable(client.onNotification(AuditUpdatedNotification.type, (folder) => store.update(folder)));
      client.sendRequest(ListRulesRequest.type).then(
        (rules) => store.setKnownRules(rules),
        (error: unknown) => ctx.output.appendLine(`Could not list the rules: ${error instanceof Error ? error.message : String(error)}`),
      );
      maybeAudit();
    }),
  );
  ctx.pushDisposable(
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      store.retain((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()));
      provider.refresh();
    }),
  );
  ctx.checklist = { store, pages, provider, view };
  return ctx.checklist;
}
