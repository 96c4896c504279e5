/**
 * The wire protocol of the workspace audit between the client (checklist view, commands) and the server: the
 * parameter and result types, and one typed request or notification object per method, which both sides use (as
 * vscode-eslint's customMessages.ts and rust-analyzer's lsp_ext.ts do). The client imports this file, so it must
 * stay free of server code.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Factor } from './factors';
import type { LanguageFamily } from './languages';
import type { Severity, SeveritySetting } from './severities';

export type { Factor, Severity };

/** Zero-based, as in LSP. */
export interface WirePosition {
  line: number;
  character: number;
}

export interface WireRange {
  start: WirePosition;
  end: WirePosition;
}

export interface AuditFinding {
  ruleId: string;
  factor: Factor | null;
  severity: Severity;
  /** Already masked by the engine: safe to show anywhere. */
  message: string;
  range: WireRange;
  docsUrl: string;
  /** Title of the safe fix that Fix All applies, when there is one. */
  fix?: string;
}

export interface AuditFile {
  uri: string;
  /** Relative to the audited folder, forward slashes. */
  path: string;
  findings: AuditFinding[];
}

export interface AuditSkippedFile {
  uri: string;
  path: string;
  /** Why it was not analysed: too-large, binary, minified, unreadable… (the engine's skip reasons). */
  reason: string;
  detail: string;
}

export interface AuditRuleInfo {
  id: string;
  factor: Factor | null;
  description: string;
  docsUrl: string;
  /** The severity in effect for production files of this folder (`off` when disabled by settings). */
  severity: SeveritySetting;
  /** Whether the rule had anything to look at: a project rule, or a file rule with files of its languages. */
  applied: boolean;
  languages: LanguageFamily[];
  /** A project-level rule (reads the project as a whole rather than one file). */
  project: boolean;
}

export interface FolderAudit {
  /** The workspace folder's URI. */
  folder: string;
  name: string;
  files: AuditFile[];
  skipped: AuditSkippedFile[];
  rules: AuditRuleInfo[];
  /** Files read and analysed. */
  filesScanned: number;
  /** A one-line reason when the folder could not be audited at all. */
  error?: string;
  /** ISO time the audit finished. */
  finishedAt: string;
}

export interface AuditWorkspaceParams {
  /** Folder URIs; all workspace folders when omitted. */
  folders?: string[];
  /** LSP work-done progress token, set by a client that shows its own progress. */
  workDoneToken?: string | number;
}

export interface AuditWorkspaceResult {
  folders: FolderAudit[];
}

/**
 * Client → server request: audit folders, publish their findings as diagnostics, return them. Cancelling the request
 * aborts the audit; the answer is then the LSP RequestCancelled error and earlier results stay published.
 */
export namespace AuditWorkspaceRequest {
  export const method = 'twelveFactor/auditWorkspace';
  export const type = new RequestType<AuditWorkspaceParams, AuditWorkspaceResult, void>(method);
}

/** Server → client notification: a folder was re-audited on its own (after a save or a file-system change). */
export namespace AuditUpdatedNotification {
  export const method = 'twelveFactor/auditUpdated';
  export const type = new NotificationType<FolderAudit>(method);
}

export interface WorkspaceSarifParams {
  folders?: string[];
  workDoneToken?: string | number;
}

export interface WorkspaceSarifResult {
  /** The SARIF 2.1.0 log as JSON text, the same the CLI writes. */
  sarif: string;
  resultCount: number;
}

/** The workspace's findings as the SARIF log the CLI writes. */
export namespace WorkspaceSarifRequest {
  export const method = 'twelveFactor/workspaceSarif';
  export const type = new RequestType<WorkspaceSarifParams, WorkspaceSarifResult, void>(method);
}

export interface WorkspaceFixesParams {
  folders?: string[];
  workDoneToken?: string | number;
}

export interface WireTextEdit {
  range: WireRange;
  newText: string;
}

export interface FileFixes {
  uri: string;
  /** The open document's version the edits were computed for; null for a closed file read from disk. */
  version: number | null;
  /** The fixes in document order; their edits never overlap. */
  fixes: { title: string; edits: WireTextEdit[] }[];
}

/** `.env.example` files to create or extend with variable names (never values). */
export interface EnvExampleChange {
  uri: string;
  exists: boolean;
  /** End of the existing file, where `append` goes (start of the file when it does not exist). */
  at: WirePosition;
  /** Text to append (or the whole file when it does not exist). */
  append: string;
  names: string[];
}

export interface WorkspaceFixesResult {
  files: FileFixes[];
  envExamples: EnvExampleChange[];
  fixCount: number;
}

/** Every safe fix in the workspace, as edits the client shows in a refactor preview before applying. */
export namespace WorkspaceFixesRequest {
  export const method = 'twelveFactor/workspaceFixes';
  export const type = new RequestType<WorkspaceFixesParams, WorkspaceFixesResult, void>(method);
}

export type ListRulesResult = Omit<AuditRuleInfo, 'applied'>[];

/** The rule registry's metadata (for the factor documentation page). */
export namespace ListRulesRequest {
  export const method = 'twelveFactor/listRules';
  export const type = new RequestType0<ListRulesResult, void>(method);
}
