/**
 * Session stores of a Go file (see SessionStore in engine/facts.ts), as data: which constructors keep sessions in
 * this process's memory or in files on its disk. A constructor counts only when the file imports its package.
 *
 * - gorilla/sessions `sessions.NewFilesystemStore(dir, keys…)`: files (its `NewCookieStore` keeps sessions in the
 *   client's cookie: fine);
 * - quasoft/memstore `memstore.NewMemStore(…)`, gin-contrib/sessions' `memstore.NewStore(…)`: memory (its
 *   `cookie.NewStore` is fine);
 * - alexedwards/scs v2 `scs.New()`: a session manager whose default store is memory, unless the file sets its
 *   `.Store` (`sessionManager.Store = redisstore.New(pool)`);
 * - beego's `session.NewManager("memory" | "file", …)`.
 */
import type { Node } from 'web-tree-sitter';
import type { SessionStore, SessionStoreKind } from '../../facts';
import { walkTree } from '../treesitter';
import { goArguments, goCalleeName, goDottedName, goImports, goStringValue } from './ast';

interface StoreConstructor {
  /** Import paths (or prefixes ending in `/`). */
  module: string[];
  function: string;
  store: SessionStoreKind;
  /** The class as a message names it. */
  name: string;
}

const CONSTRUCTORS: readonly StoreConstructor[] = [
  { module: ['github.com/gorilla/sessions'], function: 'NewFilesystemStore', store: 'file', name: 'FilesystemStore' },
  { module: ['github.com/quasoft/memstore'], function: 'NewMemStore', store: 'memory', name: 'MemStore' },
  { module: ['github.com/gin-contrib/sessions/memstore'], function: 'NewStore', store: 'memory', name: 'memstore.Store' },
];
const BEEGO_SESSION = /^github\.com\/(?:astaxie|beego)\/beego(?:\/v2)?\/(?:server\/web\/)?session$/;

export function goSessionStores(root: Node): SessionStore[] {
  const imports = goImports(root);
  const localFor = (module: string[]) => [...imports].find(([path]) => module.includes(path))?.[1].local;
  const scs = [...imports].find(([path]) => /^github\.com\/alexedwards\/scs(?:\/v2)?$/.test(path))?.[1].local;
  const beego = [...imports].find(([path]) => BEEGO_SESSION.test(path))?.[1].local;
  const stores: SessionStore[] = [];
  const add = (node: Node, site: SessionStore['site'], store: SessionStoreKind, name: string, value?: string) =>
    stores.push({ site, store, range: { start: node.startIndex, end: node.endIndex }, name, ...(value !== undefined ? { value } : {}), nonProduction: false });
  let scsStoreSet = false;
  const scsCalls: Node[] = [];
  walkTree(root, (node) => {
    if (node.type === 'comment') return false;
    if (node.type === 'assignment_statement') {
      const left = node.childForFieldName('left')?.namedChildren ?? [];
      if (left.some((target) => /\.Store$/.test(goDottedName(target) ?? ''))) scsStoreSet = true;
      return true;
    }
    if (node.type !== 'call_expression') return true;
    const callee = goCalleeName(node);
    const fn = node.childForFieldName('function')!;
    for (const constructor of CONSTRUCTORS) {
      const local = localFor(constructor.module);
      if (local && callee === `${local}.${constructor.function}`) add(fn, 'constructor', constructor.store, constructor.name);
    }
    if (scs && callee === `${scs}.New` && goArguments(node).length === 0) scsCalls.push(fn);
    if (beego && callee === `${beego}.NewManager`) {
      const provider = goArguments(node)[0];
      const value = goStringValue(provider);
      if (provider && (value === 'memory' || value === 'file')) add(provider, 'setting', value, 'the session.NewManager provider', provider.text);
    }
    return true;
  });
  // scs keeps sessions in memory unless a store is set on the manager.
  if (!scsStoreSet) for (const call of scsCalls) add(call, 'middleware', 'memory', 'scs');
  return stores.sort((a, b) => a.range.start - b.range.start);
}
