/**
 * The workspace audit on disk: walks a folder the way git sees it, reads its files, and hands them to the engine's
 * `auditFiles`. Host-neutral: the CLI and the language server's workspace audit both call `auditWorkspace`; nothing
 * here knows about terminals or LSP.
 */
import { promises as fsp, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { auditFiles, type AuditHooks, type AuditOptions, type AuditResult, type ProjectSource } from '../engine/workspace';
import { AuditInputError, errorDetail, walk, type WalkResult } from './walk';

export { AuditInputError, errorDetail };

/** Reads a file once, as text, unless it is too large or binary; a leading BOM is dropped (editors hide it too). */
function decode(buffer: Buffer): string {
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Audits a folder (or a single file). Unreadable, huge, binary and minified files are reported in `skipped`, never
 * thrown; only a root that cannot be read at all throws an `AuditInputError`.
 */
export async function auditWorkspace(rootPath: string, options: AuditOptions = {}, hooks: AuditHooks = {}): Promise<AuditResult> {
  hooks.signal?.throwIfAborted();
  let rootStat;
  try {
    rootStat = await fsp.stat(rootPath);
  } catch (error) {
    throw new AuditInputError(`cannot read '${rootPath}': ${errorDetail(error)}`);
  }
  const singleFile = rootStat.isFile();
  if (!singleFile && !rootStat.isDirectory()) throw new AuditInputError(`'${rootPath}' is neither a file nor a folder`);
  const root = path.resolve(singleFile ? path.dirname(rootPath) : rootPath);

  const texts = new Map<string, string | undefined>();
  const walked: WalkResult = singleFile ? { files: [path.basename(rootPath)], skipped: [] } : await walk(root, texts, hooks.signal);

  const source: ProjectSource = {
    root,
    singleFile,
    files: walked.files,
    skipped: walked.skipped,
    texts,
    async readSource(rel, maxFileSize) {
      const abs = path.join(root, rel);
      try {
        const stat = await fsp.stat(abs);
        if (stat.size > maxFileSize) {
          return { skipped: { path: rel, reason: 'too-large', detail: `${stat.size} bytes is over the ${maxFileSize}-byte limit` } };
        }
        return { text: decode(await fsp.readFile(abs)) };
      } catch (error) {
        return { skipped: { path: rel, reason: 'unreadable', detail: errorDetail(error) } };
      }
    },
    readProjectFile(rel, maxFileSize) {
      try {
        const abs = path.join(root, rel);
        return statSync(abs).size <= maxFileSize ? decode(readFileSync(abs)) : undefined;
      } catch {
        return undefined;
      }
    },
  };
  return auditFiles(source, options, hooks);
}
