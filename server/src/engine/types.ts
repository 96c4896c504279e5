/**
 * The engine's vocabulary. Nothing here (or anywhere under engine/ and rules/) may import `vscode` or
 * `vscode-languageserver`: the same rules serve the language server, the CLI and the tests.
 */
import type { FactKind, FactKinds } from './facts';
import type { EnvReadEdit, EnvReadRequest } from './lang/types';

import type { Factor } from '../shared/factors';
import type { LanguageFamily } from '../shared/languages';
import type { Severity, SeveritySetting } from '../shared/severities';

// The vocabulary shared with the client lives in shared/; the engine's modules keep importing it from here.
export { FACTORS, type Factor } from '../shared/factors';
export type { Severity, SeveritySetting } from '../shared/severities';
/** Language families the engine parses (see languages.ts); adding one is a table entry, not an engine change. */
export type { LanguageFamily } from '../shared/languages';
export type TreeSitterFamily = 'python' | 'go' | 'java' | 'csharp' | 'ruby';

/** What a file is for. Findings outside `production` are dropped by default (or kept as hints). */
export type FileRole = 'production' | 'test' | 'example' | 'docs';

/** Half-open character range [start, end) in the file's text (UTF-16 offsets, like JS strings and LSP). */
export interface OffsetRange {
  start: number;
  end: number;
}

/** Zero-based line and character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface TextEdit extends OffsetRange {
  newText: string;
}

/**
 * A fix is data: edits in the same file plus, optionally, environment variable names to add to the project's
 * `.env.example`. The server, the CLI and the tests apply the same data.
 */
export interface Fix {
  /** Human title without the `Fix: ` prefix, e.g. "Read DATABASE_URL from the environment". */
  title: string;
  edits: TextEdit[];
  /** Names (never values) to add to `.env.example` if missing. */
  envExample?: string[];
}

/** What a rule passes to `report`. */
export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  /** Where to underline. */
  range: OffsetRange;
  /** The safe, preferred fix, applied by fix-all. */
  fix?: Fix;
  /** Further fixes that need a human decision (quick fixes only, never fix-all). */
  suggestions?: Fix[];
  /** Raw secret(s) that must never appear in any output; the runner masks them in the message as a safety net. */
  secrets?: string[];
}

export interface Finding {
  ruleId: string;
  /** null only for the engine's own meta findings (e.g. an unknown rule id in a suppression comment). */
  factor: Factor | null;
  messageId: string;
  /** Formatted and masked: safe to print anywhere. */
  message: string;
  severity: Severity;
  range: OffsetRange;
  start: Position;
  end: Position;
  fix?: Fix;
  suggestions?: Fix[];
  role: FileRole;
  docsUrl: string;
}

/** Per-file information every rule sees. */
export interface FileInfo {
  /** Absolute or workspace-relative path, with forward slashes. */
  path: string;
  text: string;
  family: LanguageFamily;
  /** True for .ts/.tsx/.mts/.cts. */
  isTypeScript: boolean;
  role: FileRole;
}

export interface BaseRuleContext {
  file: FileInfo;
  report(descriptor: ReportDescriptor): void;
  /** Per-file memo shared by all rules (e.g. the list of config-like literals); computed once per analysis. */
  memo<T>(key: string, compute: () => T): T;
}

/** What a rule's `check` is handed: the file, facts by kind from the file's adapter, and its environment-read idiom. */
export interface RuleContext extends BaseRuleContext {
  /** The facts of one kind, extracted once per file and shared by every rule that asks. */
  facts<K extends FactKind>(kind: K): FactKinds[K];
  /**
   * How this file's language reads an environment variable (the replacement text and any import it needs); undefined
   * where the format has no textual environment read (JSON config): no fix is offered there.
   */
  envRead(request: EnvReadRequest): EnvReadEdit | undefined;
  /** Environment variables the file already reads (by name), where its adapter can tell; empty otherwise. */
  readEnvNames(): ReadonlySet<string>;
  /** Ids of every rule the runner was handed (a suppression comment naming another id is a typo). */
  knownRuleIds: ReadonlySet<string>;
}

/** A project-level check (lockfiles, Procfile, SIGTERM handling…), run by the workspace audit. */
export interface ProjectFile {
  /** Path relative to the project root, forward slashes. */
  path: string;
  /** Reads the text lazily (undefined when unreadable, binary or too large). */
  read(): string | undefined;
}

export interface ProjectReport extends Omit<ReportDescriptor, 'range'> {
  /** File relative to the project root. */
  path: string;
  /** Range in that file; defaults to the first line. */
  range?: OffsetRange;
}

export interface ProjectRuleContext {
  /** Absolute root of the project (the folder holding the nearest manifest, or the audited root). */
  root: string;
  files: ProjectFile[];
  report(descriptor: ProjectReport): void;
  /** Per-file analysis results already computed by the audit (to reuse parses). */
  fileFacts<T>(key: string): Map<string, T>;
  /**
   * The package being judged (engine/project.ts runs each project rule once per package): its folder relative to
   * the audited root ('' for the root itself), with forward slashes. `files` are the package's own files; their
   * paths, like every path here, are relative to the audited root.
   */
  packageDir?: string;
  /** Every file of the audit, for checks that look past the package (a workspace root's lockfile, .gitignore). */
  allFiles?: ProjectFile[];
}

export interface RuleDefinition {
  id: string;
  factor: Factor | null;
  defaultSeverity: SeveritySetting;
  /** One sentence, shown in SARIF shortDescription, the docs and the checklist. */
  description: string;
  /** Message templates with {{placeholders}}. */
  messages: Record<string, string>;
  /** The fact kinds `check` reads: the rule runs on every language whose adapter supplies them all. */
  uses?: readonly FactKind[];
  /** The judgement over facts (see RuleContext). */
  check?: (context: RuleContext) => void;
  project?: (context: ProjectRuleContext) => void;
  /** False for findings that suppression comments cannot hide (the engine's own findings about those comments). */
  suppressible?: boolean;
  /** Extra SARIF tags. */
  tags?: string[];
}

export interface Rule extends RuleDefinition {
  languages: LanguageFamily[];
  docsUrl: string;
}
