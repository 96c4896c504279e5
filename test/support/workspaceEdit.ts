/**
 * Applies an LSP WorkspaceEdit to in-memory texts the way an editor would: versioned TextDocumentEdits are refused
 * when the version differs, CreateFile makes an empty file (or keeps the existing one with ignoreIfExists).
 */
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export interface EditorFile {
  text: string;
  /** Open documents have a version; files only on disk have none. */
  version?: number;
}

export class StaleEditError extends Error {}

function applyText(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 0, text), [...edits]);
}

/** Returns the new state of every file; the input map is not modified. Throws StaleEditError on a version mismatch. */
export function applyWorkspaceEdit(files: ReadonlyMap<string, EditorFile>, edit: WorkspaceEdit): Map<string, EditorFile> {
  const out = new Map(files);
  if (edit.documentChanges) {
    for (const change of edit.documentChanges) {
      if ('kind' in change) {
        if (change.kind !== 'create') throw new Error(`unexpected resource operation ${change.kind}`);
        if (out.has(change.uri) && !change.options?.ignoreIfExists && !change.options?.overwrite) throw new Error(`${change.uri} exists`);
        if (!out.has(change.uri) || change.options?.overwrite) out.set(change.uri, { text: '' });
        continue;
      }
      const file = out.get(change.textDocument.uri);
      if (!file) throw new Error(`edit for unknown file ${change.textDocument.uri}`);
      const wanted = change.textDocument.version;
      if (wanted !== null && wanted !== file.version) throw new StaleEditError(`${change.textDocument.uri}: edit for version ${wanted}, document is at ${file.version}`);
      out.set(change.textDocument.uri, { ...file, text: applyText(file.text, change.edits as TextEdit[]) });
    }
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const file = out.get(uri);
    if (!file) throw new Error(`edit for unknown file ${uri}`);
    out.set(uri, { ...file, text: applyText(file.text, edits) });
  }
  return out;
}
