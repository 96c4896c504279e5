/**
 * Analysing open documents: settings per resource, the engine with one parse cache per document, diagnostics, and
 * one log line per skipped file. Implements the scheduler's host; the connection is reached only through `Output`.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from './diagnostics';
import type { Analysis, SchedulerHost, Snapshot } from './documents';
import type { LineStartContext } from './engine/lang/types';
import { analyzeFile, disposeAnalyzeCache, lineStartContext, newAnalyzeCache, type AnalyzeCache, type FileResult } from './engine/runner';
import type { Finding } from './engine/types';
import type { SettingsStore } from './settings';
import { uriToPath, type WorkspaceFolders } from './workspace';

export interface DocumentSnapshot extends Snapshot {
  uri: string;
  languageId: string;
  text: string;
}

export interface LintResult {
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** Why nothing was analysed (disabled, excluded, too large…), when that is the case. */
  skipped?: string;
  /**
   * No parser for the language (Procfile, dotenv…): nothing is published, so the findings the workspace audit put
   * on such a file stay in the Problems panel while it is open.
   */
  unsupported?: boolean;
}

export interface Output {
  log(message: string): void;
  error(message: string): void;
  publish(uri: string, version: number, diagnostics: Diagnostic[]): void;
}

export interface DocumentSource {
  get(uri: string): TextDocument | undefined;
}

export class Linter implements SchedulerHost<DocumentSnapshot, LintResult> {
  private readonly caches = new Map<string, AnalyzeCache>();
  /** Last skip reason logged per document, so a skipped file is explained once, not per keystroke. */
  private readonly skipLogged = new Map<string, string>();

  constructor(
    private readonly documents: DocumentSource,
    private readonly settings: SettingsStore,
    private readonly folders: WorkspaceFolders,
    private readonly output: Output,
  ) {}

  snapshot(uri: string): DocumentSnapshot | undefined {
    const document = this.documents.get(uri);
    return document && { uri, version: document.version, languageId: document.languageId, text: document.getText() };
  }

  version(uri: string): number | undefined {
    return this.documents.get(uri)?.version;
  }

  async analyze(uri: string, snapshot: DocumentSnapshot): Promise<LintResult> {
    const settings = await this.settings.get(uri);
    if (!settings.enable) return this.skip(uri, 'twelveFactor.enable is false');
    const relativePath = this.folders.relativePath(uri);
    if (settings.isExcluded(relativePath)) return this.skip(uri, `${relativePath} matches twelveFactor.exclude`);
    const result: FileResult = await analyzeFile(
      { path: this.filePath(uri), text: snapshot.text, languageId: snapshot.languageId, relativePath },
      { rules: settings.rules, nonProductionFiles: settings.testFiles, maxFileSize: settings.maxFileSize },
      this.cacheOf(uri),
    );
    if (result.skipped) {
      // Files of other languages (procfile, dotenv…) are silently out of scope; real skips get one line.
      if (result.skipped.reason === 'unsupported-language') return { findings: [], diagnostics: [], skipped: result.skipped.detail, unsupported: true };
      return this.skip(uri, `${result.skipped.reason}: ${result.skipped.detail}`);
    }
    this.skipLogged.delete(uri);
    for (const error of result.ruleErrors) this.output.error(`A rule failed on ${relativePath} (version ${snapshot.version}): ${error}`);
    return { findings: result.findings, diagnostics: result.findings.map((f) => toDiagnostic(f, snapshot.version)) };
  }

  publish(uri: string, analysis: Analysis<DocumentSnapshot, LintResult>): void {
    if (analysis.result.unsupported) return;
    this.output.publish(uri, analysis.snapshot.version, analysis.result.diagnostics);
  }

  failed(uri: string, snapshot: DocumentSnapshot, error: unknown): void {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.output.error(`Analysis of ${this.folders.relativePath(uri)} (version ${snapshot.version}) failed; its previous diagnostics are kept. ${detail}`);
  }

  /**
   * What sits at the start of a line (code, JSX children, a multi-line string) for a suppression comment, read from
   * the document's parse cache: the tree of the analysed version is reused as is.
   */
  lineStartContext(uri: string, snapshot: DocumentSnapshot, offset: number): LineStartContext {
    return lineStartContext({ path: this.filePath(uri), text: snapshot.text, languageId: snapshot.languageId }, this.cacheOf(uri), offset);
  }

  private filePath(uri: string): string {
    return (uriToPath(uri) ?? this.folders.relativePath(uri)).split('\\').join('/');
  }

  private cacheOf(uri: string): AnalyzeCache {
    let cache = this.caches.get(uri);
    if (!cache) {
      cache = newAnalyzeCache();
      this.caches.set(uri, cache);
    }
    return cache;
  }

  /** The document closed: drop its parse cache. */
  forget(uri: string): void {
    disposeAnalyzeCache(this.caches.get(uri));
    this.caches.delete(uri);
    this.skipLogged.delete(uri);
  }

  private skip(uri: string, reason: string): LintResult {
    if (this.skipLogged.get(uri) !== reason) {
      this.skipLogged.set(uri, reason);
      this.output.log(`Skipped ${this.folders.relativePath(uri)}: ${reason}.`);
    }
    disposeAnalyzeCache(this.caches.get(uri));
    this.caches.delete(uri);
    return { findings: [], diagnostics: [], skipped: reason };
  }
}
