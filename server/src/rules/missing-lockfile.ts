import { defineRule } from '../engine/defineRule';
import { ancestors, baseName, dirName, findFile, joinPath, lineRanges, parsePackageJson } from '../engine/projectUtil';
import type { ProjectFile, ProjectRuleContext } from '../engine/types';

/**
 * Factor II: a dependency manifest whose versions no lockfile pins, so two deploys of the same commit can install
 * different code. Reported on the manifest's first line.
 */

const NODE_LOCKS = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];
const PYTHON_LOCKS = ['poetry.lock', 'uv.lock', 'pdm.lock', 'Pipfile.lock', 'pylock.toml'];

function has(files: readonly ProjectFile[], dir: string, names: readonly string[]): boolean {
  return names.some((name) => findFile(files, joinPath(dir, name)) !== undefined);
}

/** npm/yarn/bun workspaces (`workspaces` in package.json) or pnpm (`pnpm-workspace.yaml`) rooted at `dir`. */
function isWorkspaceRoot(files: readonly ProjectFile[], dir: string): boolean {
  if (findFile(files, joinPath(dir, 'pnpm-workspace.yaml'))) return true;
  return parsePackageJson(findFile(files, joinPath(dir, 'package.json'))?.read())?.workspaces ?? false;
}

function nodeLocked(files: readonly ProjectFile[], dir: string): boolean {
  if (has(files, dir, NODE_LOCKS)) return true;
  // A workspace member is pinned by the workspace root's lockfile.
  return ancestors(dir).slice(1).some((up) => isWorkspaceRoot(files, up) && has(files, up, NODE_LOCKS));
}

function pythonLocked(files: readonly ProjectFile[], dir: string): boolean {
  // uv and PDM workspaces keep one lock at the workspace root.
  return ancestors(dir).some((up) => has(files, up, PYTHON_LOCKS) || files.some((f) => dirName(f.path) === up && /^pylock\.[\w.-]+\.toml$/.test(baseName(f.path))));
}

interface Requirements {
  unpinned: string[];
  /** `-c constraints.txt`: versions come from a constraints file. */
  constrained: boolean;
}

/** Reads a requirements file, following `-r other.txt` includes inside the audit. */
function readRequirements(files: readonly ProjectFile[], path: string, seen = new Set<string>()): Requirements {
  const result: Requirements = { unpinned: [], constrained: false };
  if (seen.has(path)) return result;
  seen.add(path);
  const text = findFile(files, path)?.read();
  if (text === undefined) return result;
  // Join backslash continuations, drop comments.
  const logical = lineRanges(text.replace(/\\\r?\n/g, ' ')).map((l) => l.text.replace(/(^|\s)#.*$/, '').trim());
  for (const line of logical) {
    if (!line) continue;
    const include = /^(?:-r|--requirement)[\s=]+(\S+)/.exec(line);
    if (include) {
      const nested = readRequirements(files, joinPath(dirName(path), include[1]), seen);
      result.unpinned.push(...nested.unpinned);
      result.constrained ||= nested.constrained;
      continue;
    }
    if (/^(?:-c|--constraint)[\s=]/.test(line)) {
      result.constrained = true;
      continue;
    }
    if (line.startsWith('-')) continue; // -e, --index-url, --hash-only lines, -f …
    if (/^[\w.+-]+:\/\//.test(line) || /^[./~]/.test(line)) continue; // URLs and local paths
    const requirement = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([^]*)$/.exec(line.split(';')[0].trim());
    if (!requirement) continue;
    const spec = requirement[3].replace(/\s--hash[=\s]\S+/g, '').trim();
    if (spec.startsWith('@')) continue; // `name @ url`: a direct reference
    if (/^===?\s*[^\s,*<>=!~]+$/.test(spec)) continue;
    result.unpinned.push(requirement[1]);
  }
  return result;
}

/** Whether a pyproject.toml declares any dependency ([project] dependencies, Poetry, dependency groups). */
function pyprojectDeclaresDependencies(text: string): boolean {
  let table = '';
  let inArray = false;
  for (const { text: raw } of lineRanges(text)) {
    const line = raw.replace(/\s#.*$/, '').trim();
    if (inArray) {
      if (/["']/.test(line.replace(/^\]/, ''))) return true;
      if (line.includes(']')) inArray = false;
      continue;
    }
    const header = /^\[\[?([^\]]+)\]\]?$/.exec(line);
    if (header) {
      table = header[1].trim();
      continue;
    }
    const entry = /^([A-Za-z0-9_.-]+|"[^"]+")\s*=\s*(.*)$/.exec(line);
    if (!entry) continue;
    const key = entry[1].replace(/"/g, '');
    const value = entry[2];
    const arrayOfDeps = (table === 'project' && key === 'dependencies') || table === 'dependency-groups';
    if (arrayOfDeps && value.startsWith('[')) {
      if (/["']/.test(value)) return true;
      if (!value.includes(']')) inArray = true;
      continue;
    }
    if (/^tool\.poetry(\.group\.[^.]+)?\.(dev-)?dependencies$/.test(table) && key !== 'python') return true;
  }
  return false;
}

function goModRequires(text: string): boolean {
  return lineRanges(text).some((l) => /^\s*require\b/.test(l.text));
}

function check(context: ProjectRuleContext): void {
  const all = context.allFiles ?? context.files;
  const dir = context.packageDir ?? '';
  const manifest = (name: string) => findFile(context.files, joinPath(dir, name));

  const packageJson = manifest('package.json');
  const pkg = parsePackageJson(packageJson?.read());
  if (packageJson && pkg && pkg.installCount > 0 && !nodeLocked(all, dir)) {
    context.report({ path: packageJson.path, messageId: 'node', data: { manifest: packageJson.path } });
  }

  const pyproject = manifest('pyproject.toml');
  const requirements = manifest('requirements.txt');
  const requirementsInfo = requirements && readRequirements(all, requirements.path);
  const requirementsPinned = !!requirementsInfo && (requirementsInfo.unpinned.length === 0 || requirementsInfo.constrained);
  if (pyproject && pyprojectDeclaresDependencies(pyproject.read() ?? '') && !pythonLocked(all, dir) && !requirementsPinned) {
    context.report({ path: pyproject.path, messageId: 'pyproject', data: { manifest: pyproject.path } });
  }
  if (requirements && requirementsInfo && !requirementsPinned && !pythonLocked(all, dir)) {
    const names = requirementsInfo.unpinned;
    context.report({
      path: requirements.path,
      messageId: 'requirements',
      data: { manifest: requirements.path, count: names.length, examples: names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '') },
    });
  }

  const pipfile = findFile(context.files, joinPath(dir, 'Pipfile'));
  if (pipfile && !findFile(all, joinPath(dir, 'Pipfile.lock'))) {
    context.report({ path: pipfile.path, messageId: 'pipfile', data: { manifest: pipfile.path } });
  }

  const goMod = manifest('go.mod');
  if (goMod && goModRequires(goMod.read() ?? '') && !findFile(all, joinPath(dir, 'go.sum'))) {
    context.report({ path: goMod.path, messageId: 'go', data: { manifest: goMod.path } });
  }
}

export default defineRule({
  id: 'missing-lockfile',
  factor: 'II',
  defaultSeverity: 'warning',
  description: 'A dependency manifest without a lockfile that pins exact versions.',
  messages: {
    node: '{{manifest}} declares dependencies but no lockfile pins them (package-lock.json, yarn.lock, pnpm-lock.yaml or bun.lock); commit one so every deploy installs the same versions.',
    requirements:
      '{{manifest}} has {{count}} unpinned requirement(s) ({{examples}}) and no lockfile; pin exact versions with == (pip-compile, uv pip compile) or commit a lock so every deploy installs the same versions.',
    pyproject: '{{manifest}} declares dependencies but no lockfile pins them (uv.lock, poetry.lock, pdm.lock, pylock.toml); commit one so every deploy installs the same versions.',
    pipfile: '{{manifest}} has no Pipfile.lock; commit it so every deploy installs the same versions.',
    go: '{{manifest}} requires modules but there is no go.sum; commit it so every build verifies the same module contents.',
  },
  project: check,
});
