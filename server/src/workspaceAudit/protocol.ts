/**
 * The wire protocol of the workspace audit between the client (checklist view, commands) and the server.
 * Types and method names only: the client imports this file, so it must stay free of server code.
 */
import type { SkipReason } from '../engine/runner';
import type { Factor, LanguageFamily, Severity, SeveritySetting } from '../engine/types';

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
  reason: SkipReason | string;
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
export const AUDIT_WORKSPACE_REQUEST = 'twelveFactor/auditWorkspace';
/** Server → client notification: a folder was re-audited on its own (after a save or a file-system change). */
export const AUDIT_UPDATED_NOTIFICATION = 'twelveFactor/auditUpdated';

export interface WorkspaceSarifParams {
  folders?: string[];
  workDoneToken?: string | number;
}

export interface WorkspaceSarifResult {
  /** The SARIF 2.1.0 log as JSON text, the same the CLI writes. */
  sarif: string;
  resultCount: number;
}

export const WORKSPACE_SARIF_REQUEST = 'twelveFactor/workspaceSarif';

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
export const WORKSPACE_FIXES_REQUEST = 'twelveFactor/workspaceFixes';

/** The rule registry's metadata (for the factor documentation page). */
export const LIST_RULES_REQUEST = 'twelveFactor/listRules';
export type ListRulesResult = Omit<AuditRuleInfo, 'applied'>[];
