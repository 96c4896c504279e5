/**
 * Import aliases a JS/TS project declares (tsconfig/jsconfig `paths` and `baseUrl`, bundler and Babel `alias`
 * settings), read with the TypeScript compiler's own JSON-with-comments and source parsers: a bare specifier that
 * resolves through one of them is the project's own module, not an undeclared package.
 */
import ts = require('typescript');
import { dirName, findFile, isInside, joinPath } from '../../projectUtil';
import type { ProjectFile } from '../../types';
import { forEachNode } from './ast';

export interface Aliases {
  /** `paths` patterns from tsconfig/jsconfig, as prefix + optional wildcard. */
  patterns: { prefix: string; wildcard: boolean }[];
  /** First path segments resolvable under `baseUrl`. */
  baseUrlRoots: Set<string>;
}

export function readTsconfig(files: readonly ProjectFile[], path: string, aliases: Aliases, depth = 0): void {
  const text = findFile(files, path)?.read();
  if (text === undefined || depth > 3) return;
  const { config } = ts.parseConfigFileTextToJson(path, text);
  if (!config || typeof config !== 'object') return;
  const options = (config as { compilerOptions?: { paths?: Record<string, unknown>; baseUrl?: unknown } }).compilerOptions;
  for (const key of Object.keys(options?.paths ?? {})) {
    const star = key.indexOf('*');
    aliases.patterns.push(star === -1 ? { prefix: key, wildcard: false } : { prefix: key.slice(0, star), wildcard: true });
  }
  if (typeof options?.baseUrl === 'string') {
    const base = joinPath(dirName(path), options.baseUrl.replace(/^\.\/?/, '').replace(/\/$/, ''));
    for (const file of files) {
      if (!isInside(file.path, base) || file.path === base) continue;
      const rest = base ? file.path.slice(base.length + 1) : file.path;
      aliases.baseUrlRoots.add(rest.split('/')[0].replace(/\.[cm]?[jt]sx?$/, ''));
    }
  }
  const extended = (config as { extends?: unknown }).extends;
  for (const parent of Array.isArray(extended) ? extended : [extended]) {
    if (typeof parent === 'string' && parent.startsWith('.')) {
      const target = joinPath(dirName(path), parent).split('/').reduce<string[]>((out, part) => {
        if (part === '..') out.pop();
        else if (part !== '.') out.push(part);
        return out;
      }, []).join('/');
      readTsconfig(files, target.endsWith('.json') ? target : `${target}.json`, aliases, depth + 1);
    }
  }
}

/** Bundler and Babel configs that may define import aliases (`resolve.alias`, module-resolver's `alias`). */
export const ALIAS_CONFIG = /^(?:vite|vitest|webpack|next|nuxt|svelte|astro|rollup|rspack|babel|craco|metro|quasar)\.config\.[cm]?[jt]s$|^\.babelrc(?:\.json)?$|^babel\.config\.json$/;

/** Keys of every `alias: { … }` object and `find` values of every `alias: [{ find, replacement }]` array. */
export function bundlerAliases(path: string, text: string): string[] {
  const names: string[] = [];
  if (path.endsWith('.json') || /\.babelrc$/.test(path)) {
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (k === 'alias' && v && typeof v === 'object' && !Array.isArray(v)) names.push(...Object.keys(v));
          visit(v);
        }
      }
    };
    visit(ts.parseConfigFileTextToJson(path, text).config);
    return names;
  }
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'alias') {
      const value = node.initializer;
      if (ts.isObjectLiteralExpression(value)) {
        for (const p of value.properties) {
          if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name))) names.push(p.name.text);
        }
      } else if (ts.isArrayLiteralExpression(value)) {
        for (const element of value.elements) {
          if (!ts.isObjectLiteralExpression(element)) continue;
          for (const p of element.properties) {
            if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'find' && ts.isStringLiteralLike(p.initializer)) names.push(p.initializer.text);
          }
        }
      }
    }
  };
  forEachNode(source, visit);
  return names;
}

