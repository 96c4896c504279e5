/**
 * Read-only Markdown pages under the `twelve-factor:` scheme — the report and one page per factor — opened in VS
 * Code's Markdown preview. The content is rendered on request from the store, so an open preview follows re-audits.
 */
import * as vscode from 'vscode';
import type { Factor } from '../../../server/src/engine/types';
import { FACTOR_INFO } from '../../../server/src/engine/factors';
import { mergedRules } from './model';
import { renderFactorPage, renderReport } from './report';
import type { ChecklistStore } from './store';

export const PAGE_SCHEME = 'twelve-factor';
export const REPORT_URI = vscode.Uri.from({ scheme: PAGE_SCHEME, path: '/Twelve-Factor Report.md' });

export function factorPageUri(factor: Factor): vscode.Uri {
  return vscode.Uri.from({ scheme: PAGE_SCHEME, path: `/Factor ${factor}.md` });
}

export class ChecklistPages implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ChecklistStore) {
    this.subscription = store.onDidChange(() => {
      this.changed.fire(REPORT_URI);
      for (const info of FACTOR_INFO) this.changed.fire(factorPageUri(info.factor));
    });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    if (uri.path === REPORT_URI.path) {
      const audits = this.store.all();
      const latest = audits.map((a) => a.finishedAt).sort().at(-1);
      return renderReport(audits, { generatedAt: latest ? `audited ${new Date(latest).toLocaleString()}` : undefined });
    }
    const info = FACTOR_INFO.find((f) => uri.path === factorPageUri(f.factor).path);
    if (info) {
      return renderFactorPage(info, mergedRules(this.store.all(), this.store.knownRules));
    }
    return `# Not found\n\nThere is no Twelve-Factor page at \`${uri.path}\`.\n`;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Opens a page in the Markdown preview (beside the editor when one is open). */
export async function showPage(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand(vscode.window.activeTextEditor ? 'markdown.showPreviewToSide' : 'markdown.showPreview', uri);
}
