/**
 * Session stores of a Ruby file (see SessionStore in engine/facts.ts), as data:
 *
 * - `Rack::Session::Pool`, Rack's in-memory session store: `use Rack::Session::Pool` (Sinatra, config.ru),
 *   `config.middleware.use` / `insert_before` / `insert_after` / `swap` of it, Sinatra's
 *   `set :session_store, Rack::Session::Pool`, or `Rack::Session::Pool.new(app)`;
 * - Rails' `config.session_store :memory_store` (a memory store by name), and `config.session_store :cache_store`
 *   when the same file sets `config.cache_store = :memory_store` (the cache store is whatever the cache is; elsewhere
 *   it is not known, so it stays quiet).
 *
 * The cookie store (Rails' default, Sinatra's `enable :sessions`) keeps sessions in the client: fine, not reported.
 */
import type { Node } from 'web-tree-sitter';
import type { SessionStore } from '../../facts';
import { walkTree } from '../treesitter';
import { rbArguments, rbCalleeName, rbDottedName } from './ast';
import { rbInNonProduction } from './environments';

const POOL = /^(?:::)?Rack::Session::Pool$/;
const MIDDLEWARE_METHODS = new Set(['use', 'insert_before', 'insert_after', 'insert', 'swap', 'set']);

export function rbSessionStores(root: Node, path: string): SessionStore[] {
  const file = path.replace(/\\/g, '/');
  const stores: SessionStore[] = [];
  const add = (node: Node, name: string) =>
    stores.push({ site: 'constructor', store: 'memory', range: { start: node.startIndex, end: node.endIndex }, name, nonProduction: rbInNonProduction(node, file) });
  let memoryCache = false;
  const cacheSessions: Node[] = [];
  walkTree(root, (node) => {
    if (node.type === 'comment') return false;
    if (node.type === 'assignment') {
      const left = rbDottedName(node.childForFieldName('left'));
      const right = node.childForFieldName('right');
      const first = right?.type === 'array' || right?.type === 'right_assignment_list' ? right.namedChildren[0] : right;
      if (left && /(?:^|\.)config\.cache_store$/.test(left) && first?.type === 'simple_symbol' && first.text === ':memory_store') memoryCache = true;
      return true;
    }
    if (node.type !== 'call') return true;
    const callee = rbCalleeName(node);
    const method = node.childForFieldName('method')?.text ?? '';
    const args = rbArguments(node);
    if (MIDDLEWARE_METHODS.has(method)) {
      const pool = args.find((a) => a.type === 'scope_resolution' && POOL.test(a.text));
      const sinatraSet = method !== 'set' || (args.length === 2 && args[0].text === ':session_store');
      if (pool && sinatraSet) add(pool, 'Rack::Session::Pool');
    } else if (method === 'new' && POOL.test(node.childForFieldName('receiver')?.text ?? '')) {
      add(node, 'Rack::Session::Pool');
    } else if (/(?:^|\.)config\.session_store$/.test(callee) && args[0]?.type === 'simple_symbol') {
      if (args[0].text === ':memory_store') add(args[0], 'MemoryStore');
      else if (args[0].text === ':cache_store') cacheSessions.push(args[0]);
    }
    return true;
  });
  if (memoryCache) for (const node of cacheSessions) add(node, 'ActiveSupport::Cache::MemoryStore');
  return stores.sort((a, b) => a.range.start - b.range.start);
}
