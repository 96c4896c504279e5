import { builtinModules } from 'node:module';
import { ALIAS_CONFIG, bundlerAliases, readTsconfig, type Aliases } from '../engine/aliases';
import { defineRule } from '../engine/defineRule';
import { CODE_FACTS, type CodeFacts } from '../engine/facts';
import { ancestors, dirName, findFile, isInside, joinPath, parsePackageJson, type PackageJson } from '../engine/projectUtil';
import type { ProjectRuleContext } from '../engine/types';

/**
 * Factor II: a JS/TS import of a package that the nearest package.json does not declare. It works only while
 * something else happens to install it (a hoisted workspace sibling, a global install) — an implicit dependency.
 */

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, name.replace(/^node:/, '')]));

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; undefined for anything that is not a bare specifier. */
export function packageNameOf(specifier: string): string | undefined {
  if (!specifier || /^[./#~]/.test(specifier) || specifier.startsWith('@/')) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return undefined; // node:, bun:, npm:, virtual:, https:, data:
  const parts = specifier.split('/');
  if (specifier.startsWith('@')) return parts.length >= 2 && parts[1] ? `${parts[0]}/${parts[1]}` : undefined;
  return parts[0];
}

/** `@scope/name` → `@types/scope__name`, `name` → `@types/name`. */
function typesPackage(name: string): string {
  return name.startsWith('@') ? `@types/${name.slice(1).replace('/', '__')}` : `@types/${name}`;
}

function isAlias(specifier: string, aliases: Aliases): boolean {
  if (aliases.patterns.some((p) => (p.wildcard ? specifier.startsWith(p.prefix) : specifier === p.prefix))) return true;
  return aliases.baseUrlRoots.has(specifier.split('/')[0]);
}

function check(context: ProjectRuleContext): void {
  const all = context.allFiles ?? context.files;
  const facts = context.fileFacts<CodeFacts>(CODE_FACTS);
  const manifests = new Map<string, { path: string; declared: Set<string>; own?: string; pkg: PackageJson } | null>();
  const aliasCache = new Map<string, Aliases>();

  /** The nearest package.json above a folder, with the names a workspace root adds. */
  const manifestFor = (dir: string) => {
    if (manifests.has(dir)) return manifests.get(dir)!;
    let found: { path: string; declared: Set<string>; own?: string; pkg: PackageJson } | null = null;
    const chain = ancestors(dir);
    const at = chain.findIndex((up) => findFile(all, joinPath(up, 'package.json')));
    if (at !== -1) {
      const path = joinPath(chain[at], 'package.json');
      const pkg = parsePackageJson(findFile(all, path)?.read());
      if (pkg) {
        const declared = new Set(pkg.dependencies);
        for (const up of chain.slice(at + 1)) {
          const rootPkg = parsePackageJson(findFile(all, joinPath(up, 'package.json'))?.read());
          const isRoot = rootPkg?.workspaces || findFile(all, joinPath(up, 'pnpm-workspace.yaml'));
          if (rootPkg && isRoot) for (const name of rootPkg.dependencies) declared.add(name);
        }
        found = { path, declared, own: pkg.name, pkg };
      }
    }
    manifests.set(dir, found);
    return found;
  };
  const aliasesFor = (manifestDir: string, fileDir: string): Aliases => {
    const chain = ancestors(fileDir).filter((up) => isInside(up, manifestDir) || up === manifestDir);
    const dir = chain.find((up) => findFile(all, joinPath(up, 'tsconfig.json')) || findFile(all, joinPath(up, 'jsconfig.json')));
    const key = `${dir ?? '\u0000none'}\u0000${manifestDir}`;
    let aliases = aliasCache.get(key);
    if (!aliases) {
      aliases = { patterns: [], baseUrlRoots: new Set() };
      if (dir !== undefined) {
        readTsconfig(all, joinPath(dir, 'tsconfig.json'), aliases);
        readTsconfig(all, joinPath(dir, 'jsconfig.json'), aliases);
      }
      // Aliases a bundler or Babel defines in the package's own folder.
      for (const file of all) {
        if (dirName(file.path) !== manifestDir || !ALIAS_CONFIG.test(file.path.slice(file.path.lastIndexOf('/') + 1))) continue;
        const text = file.read();
        if (text === undefined) continue;
        for (const name of bundlerAliases(file.path, text)) {
          aliases.patterns.push({ prefix: name, wildcard: false }, { prefix: `${name.replace(/\/$/, '')}/`, wildcard: true });
        }
      }
      // Rails webpacker resolves bare imports from its source_path (`import 'channels'` → app/javascript/channels).
      const webpacker = findFile(all, joinPath(manifestDir, 'config/webpacker.yml'))?.read();
      if (webpacker !== undefined) {
        const sourcePath = /^\s*source_path:\s*['"]?([\w./-]+)/m.exec(webpacker)?.[1] ?? 'app/javascript';
        const root = joinPath(manifestDir, sourcePath.replace(/\/$/, ''));
        for (const f of all) {
          if (isInside(f.path, root) && f.path !== root) aliases.baseUrlRoots.add(f.path.slice(root.length + 1).split('/')[0].replace(/\.[cm]?[jt]sx?$/, ''));
        }
      }
      aliasCache.set(key, aliases);
    }
    return aliases;
  };

  for (const file of context.files) {
    const code = facts.get(file.path);
    if (!code || code.family !== 'js') continue;
    const dir = dirName(file.path);
    const manifest = manifestFor(dir);
    if (!manifest) continue;
    const reported = new Set<string>();
    for (const fact of code.imports) {
      if (fact.optional) continue;
      const name = packageNameOf(fact.specifier);
      if (!name || BUILTINS.has(name) || BUILTINS.has(fact.specifier)) continue;
      if (name === manifest.own || manifest.declared.has(name)) continue;
      if (fact.typeOnly && manifest.declared.has(typesPackage(name))) continue;
      // A VS Code extension's `vscode` module comes from the host it declares in `engines`.
      if (name in manifest.pkg.engines) continue;
      if (isAlias(fact.specifier, aliasesFor(dirName(manifest.path), dir))) continue;
      if (reported.has(name)) continue;
      reported.add(name);
      context.report({
        path: file.path,
        messageId: 'undeclared',
        data: { name, manifest: manifest.path },
        range: { start: fact.start, end: fact.end },
      });
    }
  }
}

export default defineRule({
  id: 'undeclared-dependency',
  factor: 'II',
  defaultSeverity: 'warning',
  description: 'A JS/TS import of a package that the nearest package.json does not declare.',
  messages: {
    undeclared: "'{{name}}' is imported but not declared in {{manifest}}; add it to dependencies so the install does not rely on it being there by chance.",
  },
  project: check,
});
