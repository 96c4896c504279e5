/**
 * The disk walk: every file of a folder the way git sees it (.gitignore files at any depth), outside dependency,
 * VCS and build folders and Python virtualenvs. Symbolic links are not followed.
 */
import { promises as fsp, statSync, type Dirent } from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';
import { SKIPPED_DIRECTORIES } from '../engine/projectUtil';
import type { SkippedFile } from '../engine/workspace';

/** Thrown for a root that cannot be audited at all (missing, unreadable); the CLI turns it into exit code 2. */
export class AuditInputError extends Error {
  override readonly name = 'AuditInputError';
}

interface GitignoreLevel {
  /** Folder holding the .gitignore, relative to the root ('' for the root). */
  base: string;
  matcher: Ignore;
}

export interface WalkResult {
  /** Every file the project has (not ignored, outside skipped folders), relative paths. */
  files: string[];
  skipped: SkippedFile[];
}

const posixJoin = (dir: string, name: string): string => (dir ? `${dir}/${name}` : name);

/** A file-system error in a few words (`no such file or directory`), for one-line messages. */
export function errorDetail(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string') {
    const known: Record<string, string> = {
      ENOENT: 'no such file or directory',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      EISDIR: 'is a directory',
      ENOTDIR: 'not a directory',
      ELOOP: 'too many symbolic links',
      EMFILE: 'too many open files',
    };
    return known[err.code] ?? err.code;
  }
  return error instanceof Error ? error.message : String(error);
}

function isIgnored(levels: readonly GitignoreLevel[], relPath: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const { base, matcher } of levels) {
    const local = base ? relPath.slice(base.length + 1) : relPath;
    const result = matcher.test(isDirectory ? `${local}/` : local);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/** A Python virtualenv announces itself with pyvenv.cfg (venv) or bin/activate (virtualenv). */
function isVirtualenv(absDir: string, entries: readonly Dirent[]): boolean {
  if (entries.some((e) => e.name === 'pyvenv.cfg' && e.isFile())) return true;
  if (!entries.some((e) => e.name === 'bin' && e.isDirectory())) return false;
  try {
    return statSync(path.join(absDir, 'bin', 'activate')).isFile();
  } catch {
    return false;
  }
}

/** Walks `root`; the .gitignore texts it reads are kept in `texts` (by relative path) for the project rules. */
export async function walk(root: string, texts: Map<string, string | undefined>, signal?: AbortSignal): Promise<WalkResult> {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];

  const visit = async (rel: string, levels: readonly GitignoreLevel[]): Promise<void> => {
    signal?.throwIfAborted();
    const abs = rel ? path.join(root, rel) : root;
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(abs, { withFileTypes: true });
    } catch (error) {
      if (!rel) throw new AuditInputError(`cannot read '${root}': ${errorDetail(error)}`);
      skipped.push({ path: rel, reason: 'unreadable', detail: `folder: ${errorDetail(error)}` });
      return;
    }
    if (rel && isVirtualenv(abs, entries)) return;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

    let here = levels;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const gitignorePath = posixJoin(rel, '.gitignore');
      try {
        const text = await fsp.readFile(path.join(abs, '.gitignore'), 'utf8');
        texts.set(gitignorePath, text);
        here = [...levels, { base: rel, matcher: ignore().add(text) }];
      } catch (error) {
        texts.set(gitignorePath, undefined);
        skipped.push({ path: gitignorePath, reason: 'unreadable', detail: errorDetail(error) });
      }
    }

    const subfolders: string[] = [];
    for (const entry of entries) {
      const relPath = posixJoin(rel, entry.name);
      // Symbolic links are not followed: they can loop or lead outside the audited folder.
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(here, relPath, true)) continue;
        subfolders.push(relPath);
      } else if (entry.isFile()) {
        if (isIgnored(here, relPath, false)) continue;
        files.push(relPath);
      }
    }
    for (const sub of subfolders) await visit(sub, here);
  };

  await visit('', []);
  return { files, skipped };
}

