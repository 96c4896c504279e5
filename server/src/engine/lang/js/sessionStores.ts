/**
 * Session stores of a JS/TS file (see SessionStore in engine/facts.ts): express-session and @fastify/session
 * middlewares (whose default store is a MemoryStore when no `store` is given), `new MemoryStore()` from
 * express-session or the memorystore package, and session-file-store's file stores.
 */
import ts = require('typescript');
import type { SessionStore, SessionStoreKind } from '../../facts';
import { dottedName, findProperty, hasSpread, importsModule, inNonProductionBranch, moduleBindings, nodesOfKind, rangeOf, requiredModule, resolveValue, stringValue, unwrapExpression } from './ast';

// The framework table: which modules set up sessions, and which store classes keep them in memory or in files.
const EXPRESS_SESSION = ['express-session'];
const FASTIFY_SESSION = ['@fastify/session', 'fastify-session'];
const MEMORYSTORE = ['memorystore'];
const SESSION_FILE_STORE = ['session-file-store'];

/** Local names that construct an in-memory store: `MemoryStore` from express-session or the memorystore package. */
function memoryStoreClasses(ast: ts.SourceFile): Set<string> {
  const classes = storeFactoryClasses(ast, MEMORYSTORE);
  for (const b of moduleBindings(ast, EXPRESS_SESSION)) if (b.imported === 'MemoryStore') classes.add(b.local);
  return classes;
}

/** Classes made by a connect-style store factory: `const Store = require(module)(session)`, or its factory called later. */
function storeFactoryClasses(ast: ts.SourceFile, modules: readonly string[]): Set<string> {
  const classes = new Set<string>();
  const factories = new Set<string>();
  for (const b of moduleBindings(ast, modules)) {
    if (b.imported === '()') classes.add(b.local);
    else if (b.imported === '*' || b.imported === 'default') factories.add(b.local);
  }
  if (factories.size > 0) {
    const visit = (node: ts.Node): void => {
      // const MemoryStore = createMemoryStore(session)
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        const init = unwrapExpression(node.initializer);
        if (ts.isCallExpression(init) && factories.has(dottedName(init.expression) ?? '')) classes.add(node.name.text);
      }
    };
    for (const node of nodesOfKind(ast, [ts.SyntaxKind.VariableDeclaration])) visit(node);
  }
  return classes;
}

/** The options object of a session middleware call, resolved through a same-file constant; null when absent. */
function optionsOf(ast: ts.SourceFile, argument: ts.Expression | undefined): ts.ObjectLiteralExpression | null | undefined {
  if (!argument) return null;
  const value = resolveValue(ast, argument);
  return ts.isObjectLiteralExpression(value) ? value : undefined;
}

function lacksStore(options: ts.ObjectLiteralExpression | null | undefined): boolean {
  if (options === undefined) return false; // built elsewhere: unknown
  if (options === null) return true;
  return !hasSpread(options) && findProperty(options, 'store') === undefined;
}

/** `const sess = {…}; … sess.store = new RedisStore(…)`: options completed after their declaration (express-session's README). */
function storeAssignedLater(ast: ts.SourceFile, argument: ts.Expression | undefined): boolean {
  const target = argument && unwrapExpression(argument);
  if (!target || !ts.isIdentifier(target)) return false;
  let found = false;
  nodesOfKind(ast, [ts.SyntaxKind.BinaryExpression]).forEach((n) => {
    if (found || !ts.isBinaryExpression(n) || n.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
    const left = unwrapExpression(n.left);
    const isStore = ts.isPropertyAccessExpression(left) ? left.name.text === 'store' : ts.isElementAccessExpression(left) && stringValue(left.argumentExpression) === 'store';
    if (isStore) {
      const owner = unwrapExpression((left as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression);
      if (ts.isIdentifier(owner) && owner.text === target.text) found = true;
    }
  });
  return found;
}

/** The middleware's store: the library's MemoryStore when none is passed, otherwise not known here. */
function middlewareStore(ast: ts.SourceFile, options: ts.Expression | undefined): SessionStoreKind {
  return lacksStore(optionsOf(ast, options)) && !storeAssignedLater(ast, options) ? 'memory' : 'unknown';
}

export function jsSessionStores(ast: ts.SourceFile): SessionStore[] {
  if (!importsModule(ast, [...EXPRESS_SESSION, ...FASTIFY_SESSION, ...MEMORYSTORE, ...SESSION_FILE_STORE])) return [];
  const sessionFunctions = new Set(moduleBindings(ast, EXPRESS_SESSION).filter((b) => b.imported === '*' || b.imported === 'default').map((b) => b.local));
  const fastifyPlugins = new Set(moduleBindings(ast, FASTIFY_SESSION).filter((b) => b.imported !== '()').map((b) => b.local));
  const classes = memoryStoreClasses(ast);
  const fileStores = storeFactoryClasses(ast, SESSION_FILE_STORE);

  const stores: SessionStore[] = [];
  // A store chosen only outside production (`NODE_ENV === 'production' ? redisStore : new MemoryStore()`) is dev-only.
  const add = (node: ts.Node, fact: Omit<SessionStore, 'range' | 'nonProduction'>) =>
    stores.push({ ...fact, range: rangeOf(node, ast), nonProduction: inNonProductionBranch(node) });
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = unwrapExpression(node.expression);
      // session({...}) / require('express-session')({...})
      if ((ts.isIdentifier(callee) && sessionFunctions.has(callee.text)) || (requiredModule(callee) !== undefined && EXPRESS_SESSION.includes(requiredModule(callee)!))) {
        add(callee, { site: 'middleware', store: middlewareStore(ast, node.arguments[0]), name: 'express-session' });
      }
      // fastify.register(fastifySession, {...})
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'register' && node.arguments[0]) {
        const plugin = unwrapExpression(node.arguments[0]);
        const module = requiredModule(plugin);
        const isSessionPlugin = (ts.isIdentifier(plugin) && fastifyPlugins.has(plugin.text)) || (module !== undefined && FASTIFY_SESSION.includes(module));
        if (isSessionPlugin) add(plugin, { site: 'middleware', store: middlewareStore(ast, node.arguments[1]), name: module ?? '@fastify/session' });
      }
    }
    if (ts.isNewExpression(node)) {
      const constructor = unwrapExpression(node.expression);
      const name = dottedName(constructor);
      const owner = ts.isPropertyAccessExpression(constructor) && constructor.name.text === 'MemoryStore' ? unwrapExpression(constructor.expression) : undefined;
      const viaSession = !!owner && ((ts.isIdentifier(owner) && sessionFunctions.has(owner.text)) || EXPRESS_SESSION.includes(requiredModule(owner) ?? ''));
      if (viaSession || (name !== undefined && classes.has(name))) add(node, { site: 'constructor', store: 'memory', name: name ?? 'MemoryStore' });
      // session-file-store: sessions in files on this machine's disk.
      if (name !== undefined && fileStores.has(name)) add(node, { site: 'constructor', store: 'file', name });
    }
  };
  for (const node of nodesOfKind(ast, [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression])) visit(node);
  return stores;
}
