/**
 * Session stores of a Python file (see SessionStore in engine/facts.ts): the settings that choose where sessions
 * live — Flask-Session's `SESSION_TYPE` (and `SESSION_CACHELIB` since 0.7), Django's `SESSION_ENGINE` — as module
 * assignments, `app.config[…]` items, keyword arguments and dict entries.
 */
import type { Node } from 'web-tree-sitter';
import type { SessionStore, SessionStoreKind } from '../../facts';
import type { ParsedTree } from '../treesitterAdapter';
import { pyCallName, pyInNonProductionBranch, pyStringValue } from './ast';

interface SessionSetting {
  /** What each string value stores sessions in (values not listed: unknown). */
  values: ReadonlyMap<string, SessionStoreKind>;
  /** Classes whose instance, given as the value, keeps sessions on the local disk. */
  fileClasses?: RegExp;
}

/** The framework table: the settings that choose a session store, and what their values choose. */
const SESSION_SETTINGS = new Map<string, SessionSetting>([
  // Flask-Session
  ['SESSION_TYPE', { values: new Map<string, SessionStoreKind>([
    ['filesystem', 'file'],
    ['redis', 'service'],
    ['memcached', 'service'],
    ['mongodb', 'service'],
    ['sqlalchemy', 'service'],
    ['dynamodb', 'service'],
  ]) }],
  // Django
  ['SESSION_ENGINE', { values: new Map<string, SessionStoreKind>([
    ['django.contrib.sessions.backends.file', 'file'],
    ['django.contrib.sessions.backends.db', 'service'],
    ['django.contrib.sessions.backends.cached_db', 'service'],
  ]) }],
  // Flask-Session ≥ 0.7: `SESSION_TYPE = 'cachelib'` with `SESSION_CACHELIB = FileSystemCache(…)` is the old filesystem type.
  ['SESSION_CACHELIB', { values: new Map(), fileClasses: /(?:^|\.)FileSystemCache$/ }],
]);

/**
 * Only the setting names above can matter, so the query keeps those keys inside WebAssembly: names exactly, string
 * keys by their text (escapes stay raw in pyStringValue, so a string whose value is one of the names has it in its text).
 */
const SESSION_KEY = '(#match? @key "SESSION_(TYPE|ENGINE|CACHELIB)")';
const SETTING_QUERY = `
(assignment left: (identifier) @key right: [(string) (call)] @value ${SESSION_KEY})
(assignment left: (subscript subscript: (string) @key) right: [(string) (call)] @value ${SESSION_KEY})
(keyword_argument name: (identifier) @key value: [(string) (call)] @value ${SESSION_KEY})
(pair key: (string) @key value: [(string) (call)] @value ${SESSION_KEY})
`;

/** The store a setting's value chooses, and the value as a message shows it; undefined for a value not read here. */
function settingStore(setting: SessionSetting, value: Node): { store: SessionStoreKind; shown: string } | undefined {
  if (value.type === 'call') {
    const callee = pyCallName(value);
    if (callee !== undefined && setting.fileClasses?.test(callee)) return { store: 'file', shown: 'FileSystemCache(…)' };
    return { store: 'unknown', shown: `${callee ?? '…'}(…)` };
  }
  const text = pyStringValue(value);
  return text === undefined ? undefined : { store: setting.values.get(text) ?? 'unknown', shown: `'${text}'` };
}

export function pySessionStores(parsed: ParsedTree): SessionStore[] {
  const stores: SessionStore[] = [];
  for (const match of parsed.query(SETTING_QUERY).matches(parsed.root)) {
    const keyNode = match.captures.find((c) => c.name === 'key')?.node;
    const valueNode = match.captures.find((c) => c.name === 'value')?.node;
    if (!keyNode || !valueNode) continue;
    const key = keyNode.type === 'identifier' ? keyNode.text : pyStringValue(keyNode);
    const setting = key === undefined ? undefined : SESSION_SETTINGS.get(key);
    if (!setting) continue;
    const chosen = settingStore(setting, valueNode);
    if (!chosen) continue;
    stores.push({
      site: 'setting',
      store: chosen.store,
      range: { start: valueNode.startIndex, end: valueNode.endIndex },
      name: key!,
      value: chosen.shown,
      nonProduction: pyInNonProductionBranch(valueNode),
    });
  }
  return stores;
}
