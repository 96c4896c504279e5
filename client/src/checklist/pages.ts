/**
 * The report and one page per factor, written as Markdown files under the extension's storage and opened in VS
 * Code's Markdown preview. Real files, because the preview only follows relative links: from a file the report
 * links each finding to its workspace file and line (report.ts, relativeHref). Pages that were shown are written
 * again whenever the audit results change, and the preview follows its file, so an open report stays current.
 */
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { FACTOR_INFO, type Factor } from '../../../server/src/shared/factors';
import { mergedRules } from './model';
import { renderFactorPage, renderReport } from './report';
import type { ChecklistStore } from './store';

/** The report, or a factor's page. */
export type Page = 'report' | Factor;

export class ChecklistPages implements vscode.Disposable {
  /** Pages shown in this session: the ones kept current. */
  private readonly shown = new Set<Page>();
  /** What each page's file holds, as last written (unchanged pages are not rewritten). */
  private readonly written = new Map<Page, string>();
  /** Writes run one after another, each rendering the store as it is then. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly subscription: vscode.Disposable;

  /** `dir`: a folder of the extension's own (storageUri, or globalStorageUri without a workspace). */
  constructor(
    private readonly store: ChecklistStore,
    readonly dir: vscode.Uri,
    private readonly log: (message: string) => void,
  ) {
    this.subscription = store.onDidChange(() => {
      for (const page of this.shown) void this.write(page).catch((error: unknown) => this.log(`Could not update ${this.uri(page).fsPath}: ${errorText(error)}`));
    });
  }

  uri(page: Page): vscode.Uri {
    return vscode.Uri.joinPath(this.dir, page === 'report' ? 'Twelve-Factor Report.md' : `Factor ${page}.md`);
  }

  render(page: Page): string {
    const audits = this.store.all();
    if (page === 'report') {
      const latest = audits.map((a) => a.finishedAt).sort().at(-1);
      return renderReport(audits, {
        generatedAt: latest ? `audited ${new Date(latest).toLocaleString()}` : undefined,
        location: this.uri('report').toString(),
      });
    }
    const info = FACTOR_INFO.find((f) => f.factor === page)!;
    return renderFactorPage(info, mergedRules(audits, this.store.knownRules));
  }

  /** Writes the page's file (when its text changed) and returns its URI. */
  write(page: Page, force = false): Promise<vscode.Uri> {
    const next = this.queue.then(async () => {
      const uri = this.uri(page);
      const text = this.render(page);
      if (force || this.written.get(page) !== text) {
        await vscode.workspace.fs.createDirectory(this.dir);
        await writeWhole(uri, text);
        this.written.set(page, text);
      }
      return uri;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Writes the page and opens it in the Markdown preview (beside the editor when one is open). */
  async show(page: Page): Promise<vscode.Uri | undefined> {
    let uri: vscode.Uri;
    try {
      uri = await this.write(page, true); // the file may have been deleted or edited since
    } catch (error) {
      void vscode.window.showErrorMessage(`Twelve-Factor: could not write ${this.uri(page).fsPath}: ${errorText(error)}`);
      return undefined;
    }
    this.shown.add(page);
    await vscode.commands.executeCommand(vscode.window.activeTextEditor ? 'markdown.showPreviewToSide' : 'markdown.showPreview', uri);
    return uri;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/**
 * Writes a file so that a reader (the preview, a test) never sees it empty or half written: on disk, to a file
 * beside it that is then renamed over it (one atomic step for Node; vscode.workspace.fs.rename with overwrite
 * deletes the target first). Any other scheme: a plain write.
 */
async function writeWhole(uri: vscode.Uri, text: string): Promise<void> {
  if (uri.scheme !== 'file') {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    return;
  }
  const partial = `${uri.fsPath}.${process.pid}.partial`;
  try {
    await fs.writeFile(partial, text, 'utf8');
    await fs.rename(partial, uri.fsPath);
  } catch (error) {
    await fs.rm(partial, { force: true });
    throw error;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
