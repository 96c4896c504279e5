/**
 * What the server's features share. server.ts builds one context and hands it to each feature's `register…`
 * function, so a feature (workspace audit, checklist requests…) is one module plus one line in server.ts.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EditCapabilities } from './codeActions';
import type { AnalysisScheduler } from './documents';
import type { DocumentSnapshot, Linter, LintResult } from './linting';
import type { SettingsStore } from './settings';
import type { WorkspaceFolders } from './workspace';

export interface ClientSupport extends EditCapabilities {
  /** `workspace/configuration`: settings are pulled per resource. */
  configuration: boolean;
  workspaceFolders: boolean;
  /** `window/workDoneProgress`. */
  workDoneProgress: boolean;
}

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  folders: WorkspaceFolders;
  settings: SettingsStore;
  linter: Linter;
  scheduler: AnalysisScheduler<DocumentSnapshot, LintResult>;
  /** Filled in by `initialize`; read it at request time, not at registration. */
  client: ClientSupport;
}
