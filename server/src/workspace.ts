/** Workspace folders and URI ↔ path: which folder a document belongs to and its folder-relative path. */
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import type { WorkspaceFolder } from 'vscode-languageserver';

/** File system path of a `file:` URI; undefined for other schemes (untitled, vscode-notebook-cell…). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(fsPath: string): string {
  return pathToFileURL(fsPath).href;
}

/**
 * Whether a file a fix would write stays inside `directory` once symbolic links are resolved (a `.env.example` that
 * links to a file elsewhere on disk must not be edited through the link). A file that does not exist yet is judged
 * by the real path of the folder it would be created in.
 */
export function staysInside(filePath: string, directory: string): boolean {
  const real = (p: string): string | undefined => {
    try {
      return fs.realpathSync(p);
    } catch {
      return undefined;
    }
  };
  const root = real(directory);
  if (!root) return false;
  const target = real(filePath) ?? (() => {
    const parent = real(path.dirname(filePath));
    return parent && path.join(parent, path.basename(filePath));
  })();
  if (!target) return false;
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export interface Folder {
  uri: string;
  name: string;
  /** Undefined for a folder that is not on disk (virtual file systems). */
  path: string | undefined;
}

export class WorkspaceFolders {
  private folders: Folder[] = [];

  set(folders: readonly WorkspaceFolder[] | null | undefined, rootUri?: string | null): void {
    const list = folders && folders.length > 0 ? [...folders] : rootUri ? [{ uri: rootUri, name: path.basename(uriToPath(rootUri) ?? rootUri) }] : [];
    this.folders = list.map((f) => ({ uri: f.uri, name: f.name, path: uriToPath(f.uri) }));
  }

  change(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const gone = new Set(removed.map((f) => f.uri));
    this.folders = this.folders.filter((f) => !gone.has(f.uri));
    for (const f of added) this.folders.push({ uri: f.uri, name: f.name, path: uriToPath(f.uri) });
  }

  all(): readonly Folder[] {
    return this.folders;
  }

  /** The innermost folder that contains the document. */
  folderOf(uri: string): Folder | undefined {
    const filePath = uriToPath(uri);
    let best: Folder | undefined;
    for (const folder of this.folders) {
      const inside = filePath && folder.path ? isInside(folder.path, filePath) : uri.startsWith(folder.uri.endsWith('/') ? folder.uri : `${folder.uri}/`);
      if (inside && (!best || folder.uri.length > best.uri.length)) best = folder;
    }
    return best;
  }

  /**
   * The path the engine judges the file's role by and `exclude` globs match: relative to its workspace folder with
   * forward slashes; the whole path (or URI path) for a document outside every folder.
   */
  relativePath(uri: string): string {
    const filePath = uriToPath(uri);
    const folder = this.folderOf(uri);
    if (filePath && folder?.path) return path.relative(folder.path, filePath).split(path.sep).join('/');
    if (filePath) return filePath.split(path.sep).join('/');
    const schemeEnd = uri.indexOf(':');
    return decodeURIComponent(uri.slice(schemeEnd + 1)).replace(/^\/+/, '');
  }
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
