/**
 * The extension's state in one place (rust-analyzer's Ctx): the output channel, the language client and its
 * lifecycle, the status item. Commands and views receive the Ctx rather than reaching for globals.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { Checklist } from './checklist';
import { DISPLAY_NAME } from './config';
import { createLanguageClient } from './languageClient';
import { ServerStatus } from './status';

export class Ctx implements vscode.Disposable {
  readonly output: vscode.OutputChannel;
  readonly status: ServerStatus;
  private languageClient: LanguageClient | undefined;
  /** Listeners tied to the current client, dropped with it on stop/restart. */
  private clientListeners: vscode.Disposable[] = [];
  private readonly started = new vscode.EventEmitter<LanguageClient>();
  private readonly disposables: vscode.Disposable[] = [];

  /** Fires each time a (re)started client is running: register notification handlers here. */
  readonly onDidStartClient = this.started.event;

  /** The checklist view, once registered (tests reach it through the extension's exports). */
  checklist: Checklist | undefined;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel(DISPLAY_NAME);
    this.status = new ServerStatus();
    this.disposables.push(this.output, this.status, this.started);
  }

  /** The running client, if any (undefined while stopped or starting). */
  get client(): LanguageClient | undefined {
    return this.languageClient?.state === State.Running ? this.languageClient : undefined;
  }

  async start(): Promise<void> {
    if (this.languageClient) return;
    const client = createLanguageClient(this.extension, this.output);
    this.languageClient = client;
    this.clientListeners.push(
      client.onDidChangeState(({ newState }) => this.status.setState(newState === State.Running ? 'running' : newState === State.Starting ? 'starting' : 'stopped')),
    );
    this.status.setState('starting');
    try {
      await client.start();
    } catch (error) {
      this.status.setState('failed', error instanceof Error ? error.message : String(error));
      this.output.appendLine(`The Twelve-Factor language server did not start: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.started.fire(client);
  }

  async stop(): Promise<void> {
    const client = this.languageClient;
    this.languageClient = undefined;
    for (const listener of this.clientListeners.splice(0)) listener.dispose();
    if (client) {
      try {
        await client.stop();
      } catch (error) {
        this.output.appendLine(`Stopping the language server failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      try {
        await client.dispose();
      } catch {
        // Already stopped.
      }
    }
    this.status.setState('stopped');
  }

  async restart(): Promise<void> {
    this.output.appendLine('Restarting the Twelve-Factor language server…');
    await this.stop();
    await this.start();
  }

  pushDisposable(disposable: vscode.Disposable): void {
    this.disposables.push(disposable);
  }

  async dispose(): Promise<void> {
    await this.stop();
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
