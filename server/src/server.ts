/**
 * The language server's wiring: connection, document sync, settings, analysis scheduling, code actions.
 * Logic lives in the modules beside this file; features register themselves with the shared ServerContext.
 */
import * as path from 'path';
import {
  CodeActionKind,
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND } from './codeActions';
import { provideCodeActions } from './codeActionProvider';
import { AnalysisScheduler, DEFAULT_DEBOUNCE_MS } from './documents';
import { setWasmDirectory } from './engine/lang/treesitter';
import { Linter } from './linting';
import { RULES } from './rules';
import type { ServerContext } from './serverContext';
import { SETTINGS_SECTION, SettingsStore } from './settings';
import { WorkspaceFolders } from './workspace';
import { registerWorkspaceAudit } from './workspaceAudit';

setWasmDirectory(path.join(__dirname, 'wasm'));

// createConnection() picks the transport from argv: --stdio, --node-ipc or --socket=<port>.
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const folders = new WorkspaceFolders();

const client: ServerContext['client'] = { configuration: false, workspaceFolders: false, workDoneProgress: false, documentChanges: false, createFile: false };
/** Settings pushed by a client without `workspace/configuration` support. */
let pushedSettings: unknown;

const settings = new SettingsStore(
  async (uri) => (client.configuration ? connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }) : pushedSettings),
  new Set(RULES.map((r) => r.id)),
  (message) => connection.console.warn(message),
);
const linter = new Linter(documents, settings, folders, {
  log: (message) => connection.console.log(message),
  error: (message) => connection.console.error(message),
  // An open file also keeps what only the workspace audit finds in it (project-level rules).
  publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics: [...diagnostics, ...workspaceAudit.projectDiagnostics(uri)] }),
});
const scheduler = new AnalysisScheduler(linter, DEFAULT_DEBOUNCE_MS);
const context: ServerContext = { connection, documents, folders, settings, linter, scheduler, client };

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  client.configuration = caps.workspace?.configuration === true;
  client.workspaceFolders = caps.workspace?.workspaceFolders === true;
  client.workDoneProgress = caps.window?.workDoneProgress === true;
  client.documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
  client.createFile = caps.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true;
  folders.set(params.workspaceFolders, params.rootUri);
  // Internal knob (tests, slow machines): `initializationOptions.debounceMs`.
  const debounce = (params.initializationOptions as { debounceMs?: unknown } | undefined)?.debounceMs;
  if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0) scheduler.debounceMs = debounce;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'twelve-factor-linter' },
  };
});

connection.onInitialized(() => {
  if (client.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      folders.change(event.added, event.removed);
      reanalyseAll();
    });
  }
  connection.console.log(`Twelve-Factor language server ready: ${RULES.length} rules, Node ${process.version}.`);
});

function reanalyseAll(): void {
  settings.clear();
  scheduler.invalidate(documents.keys());
}

connection.onDidChangeConfiguration((params) => {
  if (!client.configuration) pushedSettings = (params.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
  reanalyseAll();
});

documents.onDidChangeContent(({ document }) => {
  // The first version of a document is analysed at once; edits wait for a pause in typing.
  scheduler.schedule(document.uri, scheduler.latest(document.uri) || scheduler.busy(document.uri) ? undefined : 0);
});
documents.onDidClose(({ document }) => {
  scheduler.close(document.uri);
  linter.forget(document.uri);
  settings.forget(document.uri);
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

connection.onCodeAction((params, token) => provideCodeActions(params, token, { ...context, capabilities: () => client }));

process.on('uncaughtException', (error) => connection.console.error(`Unexpected error (the server keeps running): ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unexpected rejection (the server keeps running): ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

// Features in their own modules register here, one line each, e.g. `registerWorkspaceAudit(context);`.
const workspaceAudit = registerWorkspaceAudit(context);

documents.listen(connection);
connection.listen();
