/** Builds the LanguageClient for the bundled server (IPC transport; `--inspect` when debugging the extension). */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_ID, DISPLAY_NAME, DOCUMENT_SELECTOR, SETTINGS_SECTION } from './config';

export const SERVER_MODULE = 'server/out/server.js';
export const DEBUG_PORT = 6011;

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath(SERVER_MODULE);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', `--inspect=${DEBUG_PORT}`] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // Settings are pulled per resource (workspace/configuration); this only tells the server when they change.
    synchronize: { configurationSection: SETTINGS_SECTION },
    outputChannel: output,
    traceOutputChannel: output,
    diagnosticCollectionName: CLIENT_ID,
  };
  // The id makes vscode-languageclient honour `twelveFactor.trace.server`.
  return new LanguageClient(CLIENT_ID, DISPLAY_NAME, serverOptions, clientOptions);
}
