/**
 * The client's copy of the audit results: one FolderAudit per workspace folder plus the rule registry's metadata.
 * The tree view, the report and the factor pages all render from here and refresh on `onDidChange`.
 */
import * as vscode from 'vscode';
import type { AuditRuleInfo, FolderAudit, ListRulesResult } from '../../../server/src/shared/protocol';

export class ChecklistStore implements vscode.Disposable {
  private readonly audits = new Map<string, FolderAudit>();
  private known: AuditRuleInfo[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  /** Results of a full audit: replaces those folders' results. */
  set(folders: readonly FolderAudit[]): void {
    for (const folder of folders) this.audits.set(folder.folder, folder);
    this.changed.fire();
  }

  /** The server re-audited one folder on its own (a file changed). */
  update(folder: FolderAudit): void {
    this.set([folder]);
  }

  setKnownRules(rules: ListRulesResult): void {
    this.known = rules.map((r) => ({ ...r, applied: false }));
    this.changed.fire();
  }

  /** Drops folders no longer in the workspace (and everything, when the server restarted). */
  retain(folderUris: readonly string[] | undefined): void {
    const keep = new Set(folderUris ?? []);
    let dropped = false;
    for (const uri of [...this.audits.keys()]) {
      if (!keep.has(uri)) dropped = this.audits.delete(uri) || dropped;
    }
    if (dropped) this.changed.fire();
  }

  get hasResults(): boolean {
    return this.audits.size > 0;
  }

  /** Audits in workspace-folder order. */
  all(): FolderAudit[] {
    const order = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
    const rank = (uri: string) => {
      const i = order.indexOf(uri);
      return i === -1 ? order.length : i;
    };
    return [...this.audits.values()].sort((a, b) => rank(a.folder) - rank(b.folder) || a.name.localeCompare(b.name));
  }

  get knownRules(): readonly AuditRuleInfo[] {
    return this.known;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
