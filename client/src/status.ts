/** The language status item: server state and the active file's finding count; a click opens the output channel. */
import * as vscode from 'vscode';
import { DISPLAY_NAME, DOCUMENT_SELECTOR } from './config';
import { countFindings, statusText, type ServerState } from './statusText';

export type { ServerState };

export const SHOW_OUTPUT_COMMAND = 'twelveFactor.showOutput';

export class ServerStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private state: ServerState = 'stopped';
  private detail: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('twelveFactor.status', DOCUMENT_SELECTOR);
    this.item.name = DISPLAY_NAME;
    this.item.command = { title: 'Show Output', command: SHOW_OUTPUT_COMMAND };
    this.disposables.push(
      this.item,
      vscode.languages.onDidChangeDiagnostics(() => this.render()),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
    );
    this.render();
  }

  setState(state: ServerState, detail?: string): void {
    this.state = state;
    this.detail = detail;
    this.render();
  }

  private render(): void {
    const document = vscode.window.activeTextEditor?.document;
    const findings = document ? countFindings(vscode.languages.getDiagnostics(document.uri)) : undefined;
    this.item.text = statusText(this.state, findings);
    this.item.detail = this.detail ?? (this.state === 'running' ? 'Language server running' : `Language server ${this.state}`);
    this.item.busy = this.state === 'starting';
    // Findings are the Problems panel's business; the status turns red only when the server itself is down.
    this.item.severity = this.state === 'failed' || this.state === 'stopped' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
