/**
 * The "Twelve-Factor Checklist" tree: maps the pure tree model (model.ts) to TreeItems — status icons with theme
 * colours, counts as descriptions, review questions as tooltips, findings that open their location.
 */
import * as vscode from 'vscode';
import type { Severity } from '../../../server/src/shared/severities';
import { buildTree, type FactorStatus, type TreeNode } from './model';
import type { ChecklistStore } from './store';

export const CHECKLIST_VIEW = 'twelveFactor.checklist';

const STATUS_ICON: Record<FactorStatus, [string, string]> = {
  pass: ['pass-filled', 'testing.iconPassed'],
  warning: ['warning', 'problemsWarningIcon.foreground'],
  fail: ['error', 'problemsErrorIcon.foreground'],
  notApplicable: ['circle-slash', 'disabledForeground'],
  manual: ['checklist', 'descriptionForeground'],
  notChecked: ['circle-large-outline', 'descriptionForeground'],
};

const SEVERITY_ICON: Record<Severity, [string, string]> = {
  error: ['error', 'problemsErrorIcon.foreground'],
  warning: ['warning', 'problemsWarningIcon.foreground'],
  info: ['info', 'problemsInfoIcon.foreground'],
  hint: ['lightbulb', 'descriptionForeground'],
};

const icon = ([id, color]: [string, string]) => new vscode.ThemeIcon(id, new vscode.ThemeColor(color));

export class ChecklistProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ChecklistStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (node) return 'children' in node ? node.children : [];
    // No folder: the view stays empty so its welcome content (package.json viewsWelcome) shows.
    if (!vscode.workspace.workspaceFolders?.length) return [];
    return buildTree(this.store.all(), this.store.knownRules);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const collapsible = 'children' in node && node.children.length > 0;
    const item = new vscode.TreeItem(node.label, collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.tooltip = node.tooltip ?? node.label;
    if ('description' in node) item.description = node.description;
    switch (node.kind) {
      case 'factor':
        item.iconPath = icon(STATUS_ICON[node.status]);
        item.contextValue = `factor.${node.status}`;
        // Factors with findings open by default; the collapse-all button folds them.
        if (collapsible && (node.status === 'fail' || node.status === 'warning')) item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
        break;
      case 'other':
        item.iconPath = new vscode.ThemeIcon('comment');
        item.contextValue = 'other';
        break;
      case 'finding': {
        item.iconPath = icon(SEVERITY_ICON[node.severity]);
        item.contextValue = 'finding';
        const { start, end } = node.range;
        item.command = {
          title: 'Open',
          command: 'vscode.open',
          arguments: [vscode.Uri.parse(node.uri), { selection: new vscode.Range(start.line, start.character, end.line, end.character) } satisfies vscode.TextDocumentShowOptions],
        };
        break;
      }
      case 'rule':
        item.iconPath = new vscode.ThemeIcon('law');
        item.contextValue = 'rule';
        if (node.docsUrl) item.command = { title: 'Show Rule Documentation', command: 'twelveFactor.showDocumentation', arguments: [{ url: node.docsUrl }] };
        break;
      case 'manual':
        item.iconPath = new vscode.ThemeIcon('circle-large-outline');
        item.contextValue = 'manual';
        break;
    }
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
