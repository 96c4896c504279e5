/**
 * `textDocument/codeAction`: gathers what the pure builders in codeActions.ts need — the document at the version the
 * request is about, the diagnostics' data (or the current analysis when a client dropped `data`), the client's edit
 * capabilities and the folder's `.env.example` — and refuses to answer for a version that has moved on.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CodeActionKind, LSPErrorCodes, ResponseError, type CancellationToken, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import { fixAll, FIX_ALL_KIND, quickFixes, wants, type ActionContext, type DiagnosticWithData, type EditCapabilities, type EnvExampleFile } from './codeActions';
import { DIAGNOSTIC_SOURCE, diagnosticData, toDiagnostic } from './diagnostics';
import type { AnalysisScheduler } from './documents';
import type { DocumentSnapshot, DocumentSource, Linter, LintResult } from './linting';
import { pathToUri, staysInside, uriToPath, type WorkspaceFolders } from './workspace';

export const ENV_EXAMPLE_FILE = '.env.example';
const MAX_ENV_EXAMPLE_SIZE = 256 * 1024;

export interface CodeActionDeps {
  documents: DocumentSource;
  scheduler: AnalysisScheduler<DocumentSnapshot, LintResult>;
  folders: WorkspaceFolders;
  linter: Pick<Linter, 'lineStartContext'>;
  capabilities(): EditCapabilities;
}

/** The `.env.example` at the root of the document's workspace folder (or beside it, outside every folder). */
export function envExampleFor(uri: string, deps: Pick<CodeActionDeps, 'documents' | 'folders'>): EnvExampleFile | undefined {
  const folder = deps.folders.folderOf(uri);
  const documentPath = uriToPath(uri);
  const directory = folder ? folder.path : documentPath && path.dirname(documentPath);
  if (!directory) return undefined;
  const filePath = path.join(directory, ENV_EXAMPLE_FILE);
  // A .env.example that links outside the folder is never written through: the fix then leaves it alone.
  if (!staysInside(filePath, directory)) return undefined;
  const fileUri = pathToUri(filePath);
  const open = deps.documents.get(fileUri);
  if (open) return { uri: fileUri, text: open.getText(), version: open.version };
  try {
    const stat = fs.statSync(filePath);
    if (!stat.isFile() || stat.size > MAX_ENV_EXAMPLE_SIZE) return undefined;
    return { uri: fileUri, text: fs.readFileSync(filePath, 'utf8'), version: null };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { uri: fileUri, text: undefined, version: null };
    return undefined;
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The code action request was cancelled.');
}

export async function provideCodeActions(params: CodeActionParams, token: CancellationToken, deps: CodeActionDeps): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const document = deps.documents.get(uri);
  if (!document) return [];
  const version = document.version;
  const only = params.context.only;
  const capabilities = deps.capabilities();
  const contextFor = (snapshot: DocumentSnapshot): ActionContext => ({
    document: { uri, languageId: snapshot.languageId, version: snapshot.version, text: snapshot.text, path: uriToPath(uri) ?? uri },
    capabilities,
    envExample: () => envExampleFor(uri, deps),
    lineStartContext: (offset) => deps.linter.lineStartContext(uri, snapshot, offset),
  });
  const snapshot: DocumentSnapshot = { uri, version, languageId: document.languageId, text: document.getText() };
  const actions: CodeAction[] = [];

  if (wants(only, CodeActionKind.QuickFix)) {
    const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const items: DiagnosticWithData[] = [];
    let needAnalysis = false;
    for (const diagnostic of ours) {
      const data = diagnosticData(diagnostic);
      if (data) items.push({ diagnostic, data });
      else needAnalysis = true;
    }
    if (needAnalysis) {
      // A client that does not keep `data`: match by rule and range against the analysis of this very version.
      const analysis = await deps.scheduler.current(uri);
      if (analysis && analysis.snapshot.version === version) {
        for (const diagnostic of ours) {
          if (diagnosticData(diagnostic)) continue;
          const finding = analysis.result.findings.find(
            (f) => f.ruleId === diagnostic.code && f.start.line === diagnostic.range.start.line && f.start.character === diagnostic.range.start.character && f.end.line === diagnostic.range.end.line && f.end.character === diagnostic.range.end.character,
          );
          if (finding) items.push({ diagnostic, data: diagnosticData(toDiagnostic(finding, version))! });
        }
      }
    }
    actions.push(...quickFixes(contextFor(snapshot), items));
  }

  if (wants(only, FIX_ALL_KIND)) {
    const analysis = await deps.scheduler.current(uri);
    if (analysis && analysis.snapshot.version === version) {
      const action = fixAll(contextFor(analysis.snapshot), analysis.result.findings);
      if (action) actions.push(action);
    }
  }

  if (token.isCancellationRequested) throw cancelled();
  // The document moved on while we worked: an edit for the old text must not be offered.
  if (deps.documents.get(uri)?.version !== version) return [];
  return actions;
}
