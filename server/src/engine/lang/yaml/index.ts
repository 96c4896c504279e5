/**
 * The YAML adapter (the `yaml` package: its CST keeps every token's offset, its composer every node's range). Spring
 * `application*.yml`, Rails `config/*.yml` (ERB), node-config and Go apps' `config/*.yml`, docker-compose files; which
 * files count and what each framework's conventions are is in ../config/scope.ts.
 */
import { Composer, isMap, isPair, isScalar, isSeq, Parser, type Document, type Node as YamlNode } from 'yaml';
import type { OffsetRange } from '../../types';
import { specOf } from '../../languages';
import { configEnvRead } from '../config/envRead';
import { configLiterals, type ConfigEntry } from '../config/literals';
import { configScope, NON_PRODUCTION_NAMES, type ConfigScope } from '../config/scope';
import { commentLookup } from '../config/comments';
import type { LanguageAdapter, ParsedFile } from '../types';

export interface ParsedYaml extends ParsedFile {
  scope: ConfigScope;
  entries: ConfigEntry[];
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

function walk(node: YamlNode | null | undefined, keys: string[], out: ConfigEntry[], depth = 0): void {
  if (!node || depth > 64) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (key === '<<') continue; // a merge key: the merged mapping is written (and walked) elsewhere
      walk(pair.value as YamlNode | null, [...keys, key], out, depth + 1);
    }
    return;
  }
  if (isSeq(node)) {
    for (const item of node.items) walk(item as YamlNode | null, keys, out, depth + 1);
    return;
  }
  const value = scalarValue(node);
  if (value === undefined || !node.range) return;
  out.push({ keys, value, range: { start: node.range[0], end: node.range[1] }, envTagged: /env/i.test(node.tag ?? '') });
}

export function parseYaml(text: string, path: string): ParsedYaml {
  const scope = configScope(path, text);
  const comments: OffsetRange[] = [];
  const entries: ConfigEntry[] = [];
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
    }
  } catch {
    syntaxErrors = true; // the parser does not throw for bad YAML; anything else keeps what was found
  }
  return { scope, entries, syntaxErrors, commentAt: commentLookup(comments), release: () => {} };
}

export const yamlAdapter: LanguageAdapter<ParsedYaml> = {
  spec: specOf('yaml'),
  newCache: () => ({ dispose: () => {} }),
  parse: (input) => parseYaml(input.text, input.path),
  facts: {
    configLiterals: ({ parsed }) => configLiterals(parsed.entries, parsed.scope),
  },
  envRead: ({ parsed }, request) => configEnvRead(parsed.scope.flavour, request),
};

