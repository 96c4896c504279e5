/**
 * Session stores of a Java file (see SessionStore in engine/facts.ts), kept conservative: a field that is a map of
 * sessions made in memory — named like a session store (`sessions`, `sessionStore`, `userSessions`, `sessionMap`) and
 * initialized with `new ConcurrentHashMap<>()` / `new HashMap<>()` / `new Hashtable<>()` — is a session store in this
 * process's memory. Maps of WebSocket or SSE connections (the value type names a socket, an emitter or a channel, or
 * the file imports a WebSocket API) hold live connections, which are per process by nature, and stay quiet; so do
 * locals (a map built for one call).
 */
import type { Node } from 'web-tree-sitter';
import type { SessionStore } from '../../facts';
import { walkTree } from '../treesitter';
import { javaDottedName, javaImports } from './ast';

const SESSION_FIELD = /^(?:[a-z]+_?)?sessions$|^(?:[a-z]+_?)?session(?:Store|Map|Cache|Registry|Repository)$|^SESSIONS$|^SESSION_(?:STORE|MAP|CACHE)$/i;
const MEMORY_MAPS = /^(?:java\.util\.(?:concurrent\.)?)?(?:ConcurrentHashMap|HashMap|Hashtable|LinkedHashMap|ConcurrentSkipListMap|TreeMap)$/;
const CONNECTIONS = /Socket|Emitter|Channel|Connection|Sink|Stream/;
const WEBSOCKET_IMPORT = /^(?:javax|jakarta)\.websocket\.|^org\.springframework\.web\.socket\.|^io\.netty\.|\.sse\./;

export function javaSessionStores(root: Node): SessionStore[] {
  if (javaImports(root).some((i) => WEBSOCKET_IMPORT.test(i))) return [];
  const stores: SessionStore[] = [];
  walkTree(root, (node) => {
    if (node.type === 'line_comment' || node.type === 'block_comment') return false;
    if (node.type !== 'field_declaration') return true;
    const declared = node.childForFieldName('type')?.text ?? '';
    if (CONNECTIONS.test(declared)) return false;
    for (const declarator of node.childrenForFieldName('declarator')) {
      const name = declarator?.childForFieldName('name')?.text ?? '';
      const value = declarator?.childForFieldName('value');
      if (!SESSION_FIELD.test(name) || value?.type !== 'object_creation_expression') continue;
      const type = value.childForFieldName('type');
      const made = javaDottedName(type) ?? '';
      if (!MEMORY_MAPS.test(made) || CONNECTIONS.test(type?.text ?? '')) continue;
      stores.push({ site: 'constructor', store: 'memory', range: { start: value.startIndex, end: value.endIndex }, name: made.split('.').pop()!, nonProduction: false });
    }
    return false;
  });
  return stores;
}
