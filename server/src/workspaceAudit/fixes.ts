/**
 * Fix All in Workspace: every safe fix the audit found, recomputed on each file's current text (the open
 * document's, or the file on disk), plus the `.env.example` names those fixes need, once per folder.
 * The client turns the result into one WorkspaceEdit that VS Code shows in a refactor preview.
 */
import * as path from 'path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { selectFixes } from '../codeActions';
import { analyzeFile } from '../engine/runner';
import { LineIndex } from '../engine/text';
import type { Finding, TextEdit as OffsetEdit } from '../engine/types';
import type { AuditResult } from '../engine/workspace';
import { appendText, missingNames } from '../envExample';
import type { ResolvedSettings } from '../settings';
import { pathToUri, staysInside, type Folder } from '../workspace';
import { auditOptions } from './convert';
import type { EnvExampleChange, FileFixes, WorkspaceFixesResult } from '../shared/protocol';

export interface FixSources {
  /** The open document for a URI, if any: its text wins over the disk. */
  open(uri: string): Pick<TextDocument, 'getText' | 'version' | 'languageId'> | undefined;
  readFile(absPath: string): Promise<string>;
}

export interface AuditedFolder {
  folder: Folder;
  result: AuditResult;
  settings: ResolvedSettings;
}

export const ENV_EXAMPLE = '.env.example';

async function currentText(sources: FixSources, absPath: string): Promise<{ text: string; version: number | null; languageId?: string } | undefined> {
  const document = sources.open(pathToUri(absPath));
  if (document) return { text: document.getText(), version: document.version, languageId: document.languageId };
  try {
    return { text: await sources.readFile(absPath), version: null };
  } catch {
    return undefined;
  }
}

function toWireEdits(index: LineIndex, edits: readonly OffsetEdit[]) {
  return [...edits].sort((a, b) => a.start - b.start).map((e) => ({ range: { start: index.position(e.start), end: index.position(e.end) }, newText: e.newText }));
}

export async function collectFixes(folders: readonly AuditedFolder[], sources: FixSources): Promise<WorkspaceFixesResult> {
  const files: FileFixes[] = [];
  const envExamples: EnvExampleChange[] = [];
  let fixCount = 0;
  for (const { result, settings } of folders) {
    const fixablePaths = [...new Set(result.findings.filter((f) => f.fix && !settings.isExcluded(f.path)).map((f) => f.path))];
    const envNames: string[] = [];
    for (const rel of fixablePaths) {
      const abs = path.join(result.root, rel);
      const current = await currentText(sources, abs);
      if (!current) continue;
      // File rules run again on the text as it is now; project rules' fixes come from the audit that just read it.
      const fresh = await analyzeFile({ path: abs, text: current.text, languageId: current.languageId, relativePath: rel }, auditOptions(settings));
      const freshKeys = new Set(fresh.findings.map((f) => f.ruleId));
      const projectOnly: Finding[] = current.version === null ? result.findings.filter((f) => f.path === rel && f.fix && !freshKeys.has(f.ruleId)) : [];
      const { fixes, names } = selectFixes([...fresh.findings, ...projectOnly]);
      if (fixes.length === 0) continue;
      const index = new LineIndex(current.text);
      files.push({ uri: pathToUri(abs), version: current.version, fixes: fixes.map((f) => ({ title: f.title, edits: toWireEdits(index, f.edits) })) });
      envNames.push(...names);
      fixCount += fixes.length;
    }
    // A .env.example that links outside the audited folder is never written through.
    if (envNames.length > 0 && staysInside(path.join(result.root, ENV_EXAMPLE), result.root)) {
      const abs = path.join(result.root, ENV_EXAMPLE);
      const existing = await currentText(sources, abs);
      const missing = missingNames(existing?.text, envNames);
      if (missing.length > 0) {
        const at = existing ? new LineIndex(existing.text).position(existing.text.length) : { line: 0, character: 0 };
        envExamples.push({ uri: pathToUri(abs), exists: existing !== undefined, at, append: appendText(existing?.text, missing), names: missing });
      }
    }
  }
  return { files, envExamples, fixCount };
}
