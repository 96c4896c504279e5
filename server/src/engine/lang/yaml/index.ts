/**
 * The YAML adapter (the `yaml` package: its CST keeps every token's offset, its composer every node's range). Spring
 * `application*.yml`, Rails `config/*.yml` (ERB), node-config and Go apps' `config/*.yml`, docker-compose files; which
 * files count and what each framework's conventions are is in ../config/scope.ts.
 */
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, type Document, type Node as YamlNode, type YAMLMap } from 'yaml';
import type { OffsetRange } from '../../types';
import { specOf } from '../../languages';
import { configEnvRead } from '../config/envRead';
import { configLiterals, type ConfigEntry } from '../config/literals';
import { configScope, NON_PRODUCTION_NAMES, type ConfigScope } from '../config/scope';
import { commentLookup } from '../config/comments';
import { configEnvGroupedConfig } from '../config/envGroupedConfig';
import { configListenSites } from '../config/listenSites';
import { configLogSinks } from '../config/logSinks';
import { yamlEnvBranches } from './envBranches';
import type { LanguageAdapter, ParsedFile } from '../types';

export interface ParsedYaml extends ParsedFile {
  scope: ConfigScope;
  entries: ConfigEntry[];
  /** Top-level keys of each document, with what the grouped-config and env-branch facts read of them. */
  topKeys: YamlTopKey[];
}

/** A top-level key (`production:`) and the `adapter:` its mapping sets, written or merged in (`<<: *default`). */
export interface YamlTopKey {
  name: string;
  range: OffsetRange;
  adapter?: { value: string; range: OffsetRange };
}

/**
 * ERB control tags (`<% if … %>`, `<%# … %>`) blanked out, offsets kept: Rails renders them before YAML is parsed, and
 * left in they would break the YAML. Output tags (`<%= … %>`) stay: they are the values.
 */
function blankErbControl(text: string): string {
  if (!text.includes('<%')) return text;
  return text.replace(/<%(?!=)[\s\S]*?%>/g, (tag) => tag.replace(/[^\n]/g, ' '));
}

/** Comment tokens anywhere in the CST (they sit in the `start`, `sep` and `end` lists of items and documents). */
function collectComments(token: unknown, out: OffsetRange[]): void {
  if (Array.isArray(token)) {
    for (const t of token) collectComments(t, out);
    return;
  }
  if (!token || typeof token !== 'object') return;
  const t = token as { type?: string; offset?: number; source?: string };
  if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') {
    out.push({ start: t.offset, end: t.offset + t.source.length });
    return;
  }
  for (const value of Object.values(token)) if (value && typeof value === 'object') collectComments(value, out);
}

/** A Spring profile document (`spring.config.activate.on-profile: test`, `spring.profiles: dev`) for development or tests. */
function isNonProductionProfile(doc: Document.Parsed): boolean {
  const paths = [['spring', 'config', 'activate', 'on-profile'], ['spring', 'profiles'], ['spring.config.activate.on-profile'], ['spring.profiles']];
  for (const path of paths) {
    const value = doc.getIn(path);
    if (typeof value !== 'string') continue;
    const names = value.split(/[\s,|&()]+/).filter(Boolean);
    if (names.length > 0 && names.every((n) => NON_PRODUCTION_NAMES.has(n.toLowerCase()))) return true;
  }
  return false;
}

function scalarValue(node: YamlNode): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return node.value;
  // A number stays as written (`password: 0123`); booleans and nulls hold no config text.
  if (typeof node.value === 'number' || typeof node.value === 'bigint') return node.source ?? String(node.value);
  return undefined;
}

function walk(node: YamlNode | null | undefined, keys: string[], out: ConfigEntry[], depth = 0, rootKey?: OffsetRange): void {
  if (!node || depth > 64) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (key === '<<') continue; // a merge key: the merged mapping is written (and walked) elsewhere
      const keyRange = pair.key.range ? { start: pair.key.range[0], end: pair.key.range[1] } : undefined;
      walk(pair.value as YamlNode | null, [...keys, key], out, depth + 1, rootKey ?? keyRange);
    }
    return;
  }
  if (isSeq(node)) {
    for (const item of node.items) walk(item as YamlNode | null, keys, out, depth + 1, rootKey);
    return;
  }
  const value = scalarValue(node);
  if (value === undefined || !node.range) return;
  out.push({ keys, value, range: { start: node.range[0], end: node.range[1] }, envTagged: /env/i.test(node.tag ?? ''), rootKey });
}

/** The `adapter:` scalar of a mapping, its own or merged in through `<<: *anchor` (Rails' database.yml). */
function adapterOf(map: YAMLMap, doc: Document.Parsed, depth = 0): YamlTopKey['adapter'] {
  let merged: YamlTopKey['adapter'];
  for (const pair of map.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === 'adapter' && isScalar(pair.value) && typeof pair.value.value === 'string' && pair.value.range) {
      return { value: pair.value.value, range: { start: pair.value.range[0], end: pair.value.range[1] } };
    }
    if (key === '<<' && depth < 8) {
      const target = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
      if (isMap(target)) merged ??= adapterOf(target, doc, depth + 1);
    }
  }
  return merged;
}

function topKeysOf(doc: Document.Parsed, out: YamlTopKey[]): void {
  if (!isMap(doc.contents)) return;
  for (const pair of doc.contents.items) {
    if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
    const adapter = isMap(pair.value) ? adapterOf(pair.value, doc) : undefined;
    out.push({ name: String(pair.key.value), range: { start: pair.key.range[0], end: pair.key.range[1] }, adapter });
  }
}

export function parseYaml(text: string, path: string): ParsedYaml {
  const scope = configScope(path, text);
  const comments: OffsetRange[] = [];
  const entries: ConfigEntry[] = [];
  const topKeys: YamlTopKey[] = [];
  let syntaxErrors = false;
  try {
    const tokens = [...new Parser().parse(blankErbControl(text))];
    collectComments(tokens, comments);
    comments.sort((a, b) => a.start - b.start);
    const composer = new Composer({ keepSourceTokens: false, uniqueKeys: false, prettyErrors: false });
    for (const doc of composer.compose(tokens)) {
      if (doc.errors.length > 0) syntaxErrors = true;
      if (scope.flavour === 'spring' && isNonProductionProfile(doc)) continue;
      walk(doc.contents as YamlNode | null, [], entries);
      topKeysOf(doc, topKeys);
    }
  } catch {
    syntaxErrors = true; // the parser does not throw for bad YAML; anything else keeps what was found
  }
  return { scope, entries, topKeys, syntaxErrors, commentAt: commentLookup(comments), release: () => {} };
}

export const yamlAdapter: LanguageAdapter<ParsedYaml> = {
  spec: specOf('yaml'),
  newCache: () => ({ dispose: () => {} }),
  parse: (input) => parseYaml(input.text, input.path),
  facts: {
    configLiterals: ({ parsed }) => configLiterals(parsed.entries, parsed.scope),
    listenSites: ({ parsed }) => configListenSites(parsed.entries, parsed.scope),
    logSinks: ({ parsed }) => configLogSinks(parsed.entries, parsed.scope),
    envGroupedConfig: ({ parsed }) => configEnvGroupedConfig(parsed.entries, parsed.scope, parsed.topKeys),
    envBranches: ({ parsed }) => yamlEnvBranches(parsed.topKeys, parsed.scope),
  },
  envRead: ({ parsed }, request) => configEnvRead(parsed.scope.flavour, request),
};

