/**
 * Session stores of a C# file (see SessionStore in engine/facts.ts): ASP.NET Core's session middleware keeps its
 * data in the registered `IDistributedCache`. A file that sets up sessions (`services.AddSession(…)`) and registers
 * `services.AddDistributedMemoryCache()` as that cache keeps sessions in this process's memory (a
 * `MemoryDistributedCache`); a file that also registers a cache backed by a service (`AddStackExchangeRedisCache`,
 * `AddDistributedSqlServerCache`, …) stays quiet, and so does a memory cache registered only in development
 * (`if (env.IsDevelopment())`). A memory cache without `AddSession` in the file is a cache, not a session store.
 */
import type { Node } from 'web-tree-sitter';
import type { SessionStore } from '../../facts';
import { walkTree } from '../treesitter';
import { csMethodName } from './ast';
import { csNonProduction } from './envBranches';

const SERVICE_CACHE = /^(?:AddStackExchangeRedisCache|AddDistributedRedisCache|AddDistributedSqlServerCache|AddCosmosCache|AddDistributedPostgreSqlCache|AddDistributedMySqlCache|AddNCacheDistributedCache|AddEnyimMemcached|AddDistributedDynamoDbCache)$/;

export function csSessionStores(root: Node): SessionStore[] {
  const memory: Node[] = [];
  let session = false;
  let service = false;
  walkTree(root, (node) => {
    if (node.type === 'comment') return false;
    if (node.type !== 'invocation_expression') return true;
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'member_access_expression') return true;
    const method = csMethodName(node);
    if (method === 'AddSession') session = true;
    else if (method === 'AddDistributedMemoryCache') memory.push(fn.childForFieldName('name') ?? node);
    else if (SERVICE_CACHE.test(method)) service = true;
    return true;
  });
  if (!session || service) return [];
  return memory.map((node) => ({ site: 'constructor', store: 'memory', range: { start: node.startIndex, end: node.endIndex }, name: 'MemoryDistributedCache', nonProduction: csNonProduction(node) }));
}
