/**
 * Paths and small file formats shared by the project-level rules and engine/project.ts. Paths are relative to the
 * audited root with forward slashes; '' is the root folder.
 */
import { fileRole } from './roles';
import skippedFolders from './skippedFolders.json';
import type { FileRole, ProjectFile } from './types';

/** Files that make a folder a package; each package is judged on its own. */
export const MANIFESTS = ['package.json', 'pyproject.toml', 'requirements.txt', 'go.mod'];

/**
 * Folders that never belong to the project's own source: dependencies, VCS data, virtualenvs, caches and build
 * output. The one list (skippedFolders.json, data so that the benchmark's scripts read it too): the disk walk, the
 * project pass, the server's file watcher and the benchmark's peer tools all skip these.
 */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(skippedFolders);

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** `a/b` joined with `c` → `a/b/c`; '' is the root. */
export function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** Whether `path` lies inside folder `dir` ('' contains everything). */
export function isInside(path: string, dir: string): boolean {
  return dir === '' || path.startsWith(`${dir}/`);
}

/**
 * The role of a file a project finding lands on. Like the per-file roles, except that a `requirements*.txt` is a
 * manifest, not documentation.
 */
export function projectFileRole(path: string): FileRole {
  return /(^|\/)requirements[^/]*\.txt$/i.test(path) ? fileRole(path.replace(/\.txt$/i, '.pip')) : fileRole(path);
}

/** Package folders (relative to the root, '' for the root) from the manifests present, deepest first. */
export function packageDirs(paths: readonly string[]): string[] {
  const dirs = new Set<string>(['']);
  for (const path of paths) if (MANIFESTS.includes(baseName(path))) dirs.add(dirName(path));
  return [...dirs].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}

/** The package a file belongs to: the deepest package folder that contains it. */
export function packageOf(path: string, dirs: readonly string[]): string {
  return dirs.find((dir) => isInside(path, dir)) ?? '';
}


/** The file at `path` among `files`, if any. */
export function findFile(files: readonly ProjectFile[], path: string): ProjectFile | undefined {
  let index = fileIndexes.get(files);
  if (!index) {
    index = new Map(files.map((f) => [f.path, f]));
    fileIndexes.set(files, index);
  }
  return index.get(path);
}
const fileIndexes = new WeakMap<readonly ProjectFile[], Map<string, ProjectFile>>();

/** Folders from `dir` up to the root: `a/b` → ['a/b', 'a', '']. */
export function ancestors(dir: string): string[] {
  const out = [dir];
  for (let current = dir; current !== ''; ) {
    current = dirName(current);
    out.push(current);
  }
  return out;
}

/** Offset range of each line (without its line break), zero-based. */
export function lineRanges(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    const rawEnd = newline === -1 ? text.length : newline;
    const end = rawEnd > start && text[rawEnd - 1] === '\r' ? rawEnd - 1 : rawEnd;
    out.push({ start, end, text: text.slice(start, end) });
    if (newline === -1) return out;
    start = newline + 1;
  }
}

export interface PackageJson {
  name?: string;
  /** Every name in dependencies, devDependencies, peerDependencies, optionalDependencies, bundledDependencies. */
  dependencies: Set<string>;
  /** Runtime and dev dependencies only (what a lockfile pins). */
  installCount: number;
  workspaces: boolean;
  scripts: Record<string, string>;
  engines: Record<string, string>;
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = v;
  }
  return out;
}

/** package.json read leniently; undefined when it is not a JSON object. */
export function parsePackageJson(text: string | undefined): PackageJson | undefined {
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const json = data as Record<string, unknown>;
  const dependencies = new Set<string>();
  let installCount = 0;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const names = Object.keys(stringRecord(json[field]));
    for (const name of names) dependencies.add(name);
    if (field === 'dependencies' || field === 'devDependencies' || field === 'optionalDependencies') installCount += names.length;
  }
  for (const field of ['bundledDependencies', 'bundleDependencies']) {
    const list = json[field];
    if (Array.isArray(list)) for (const name of list) if (typeof name === 'string') dependencies.add(name);
  }
  const workspaces = json.workspaces;
  return {
    name: typeof json.name === 'string' ? json.name : undefined,
    dependencies,
    installCount,
    workspaces: Array.isArray(workspaces) || (!!workspaces && typeof workspaces === 'object'),
    scripts: stringRecord(json.scripts),
    engines: stringRecord(json.engines),
  };
}

export interface ProcfileEntry {
  name: string;
  command: string;
  /** Zero-based line. */
  line: number;
  /** The whole line, and the process name. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  commandStart: number;
}

export interface ProcfileParse {
  entries: ProcfileEntry[];
  /** Lines that are neither blank, comments nor `name: command`. */
  malformed: { line: number; start: number; end: number; text: string }[];
}

/** Procfile: one `name: command` per line; blank lines and `#` comments allowed. */
export function parseProcfile(text: string): ProcfileParse {
  const result: ProcfileParse = { entries: [], malformed: [] };
  lineRanges(text).forEach((line, index) => {
    const trimmed = line.text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = /^(\s*)([A-Za-z0-9_-]+)(\s*:\s*)(\S.*?)\s*$/.exec(line.text);
    if (!match) {
      const lead = line.text.length - line.text.trimStart().length;
      result.malformed.push({ line: index, start: line.start + lead, end: line.end, text: trimmed });
      return;
    }
    const nameStart = line.start + match[1].length;
    result.entries.push({
      name: match[2],
      command: match[4],
      line: index,
      start: line.start,
      end: line.end,
      nameStart,
      nameEnd: nameStart + match[2].length,
      commandStart: nameStart + match[2].length + match[3].length,
    });
  });
  return result;
}

export interface DotenvKey {
  name: string;
  start: number;
  end: number;
  /** `# KEY=value`: documented, but commented out. */
  commented: boolean;
}

/** The keys of a .env-style file (`KEY=value`, `export KEY=value`, `# KEY=`), never the values. */
export function parseDotenvKeys(text: string): DotenvKey[] {
  const keys: DotenvKey[] = [];
  for (const line of lineRanges(text)) {
    const match = /^(\s*(#\s*)?(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.]*)\s*=/.exec(line.text);
    if (!match) continue;
    // A commented line only documents a key when it looks like one (upper case), not in prose ("# see a=b").
    const commented = match[2] !== undefined;
    if (commented && !/^[A-Z][A-Z0-9_]*$/.test(match[3])) continue;
    const start = line.start + match[1].length;
    keys.push({ name: match[3], start, end: start + match[3].length, commented });
  }
  return keys;
}

/** The program a Procfile command runs, past env assignments and wrappers (`exec`, `poetry run`, `python -m`). */
export function programOf(command: string): string | undefined {
  const words = command.trim().split(/\s+/);
  let i = 0;
  while (i < words.length) {
    const word = words[i];
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word) || word === 'exec' || word === 'env') i++;
    else if (['poetry', 'pipenv', 'uv', 'pdm', 'rye', 'hatch'].includes(word) && words[i + 1] === 'run') i += 2;
    else if (word === 'bundle' && words[i + 1] === 'exec') i += 2;
    else if (/^python[0-9.]*$/.test(word) && words[i + 1] === '-m') i += 2;
    else if (word === 'npx') i += 1;
    else if (word === 'pnpm' && words[i + 1] === 'exec') i += 2;
    else return word.split('/').pop();
  }
  return undefined;
}
