import ts = require('typescript');
import { defineRule } from '../engine/defineRule';
import { dottedName, findProperty, hasSpread, importsModule, inNonProductionBranch, moduleBindings, nodesOfKind, rangeOf, requiredModule, resolveValue, stringValue, unwrapExpression } from '../engine/lang/js/ast';
import type { Node } from 'web-tree-sitter';
import { pyCallName, pyInNonProductionBranch, pyStringValue } from '../engine/lang/python/ast';
import type { JsRuleContext, TreeSitterRuleContext } from '../engine/types';

/**
 * VI Processes: session state belongs in a backing service. express-session and @fastify/session default to a
 * MemoryStore when no `store` is given; the `memorystore` package is a MemoryStore too; Flask-Session's
 * `filesystem` type and Django's file session engine keep sessions on one machine's disk. No code fix: choosing
 * a store means choosing a backing service.
 */

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

function checkJs(context: JsRuleContext): void {
  const { ast } = context;
  const sessionFunctions = new Set(moduleBindings(ast, EXPRESS_SESSION).filter((b) => b.imported === '*' || b.imported === 'default').map((b) => b.local));
  const fastifyPlugins = new Set(moduleBindings(ast, FASTIFY_SESSION).filter((b) => b.imported !== '()').map((b) => b.local));
  const classes = memoryStoreClasses(ast);
  const fileStores = storeFactoryClasses(ast, SESSION_FILE_STORE);
  if (!importsModule(ast, [...EXPRESS_SESSION, ...FASTIFY_SESSION, ...MEMORYSTORE, ...SESSION_FILE_STORE])) return;

  // A store chosen only outside production (`NODE_ENV === 'production' ? redisStore : new MemoryStore()`) is dev-only.
  const report = (node: ts.Node, messageId: string, data: Record<string, string>) => {
    if (!inNonProductionBranch(node)) context.report({ messageId, data, range: rangeOf(node, ast) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = unwrapExpression(node.expression);
      // session({...}) / require('express-session')({...})
      if ((ts.isIdentifier(callee) && sessionFunctions.has(callee.text)) || (requiredModule(callee) !== undefined && EXPRESS_SESSION.includes(requiredModule(callee)!))) {
        if (lacksStore(optionsOf(ast, node.arguments[0])) && !storeAssignedLater(ast, node.arguments[0])) {
          report(callee, 'missingStore', { library: 'express-session' });
        }
      }
      // fastify.register(fastifySession, {...})
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'register' && node.arguments[0]) {
        const plugin = unwrapExpression(node.arguments[0]);
        const module = requiredModule(plugin);
        const isSessionPlugin = (ts.isIdentifier(plugin) && fastifyPlugins.has(plugin.text)) || (module !== undefined && FASTIFY_SESSION.includes(module));
        if (isSessionPlugin && lacksStore(optionsOf(ast, node.arguments[1])) && !storeAssignedLater(ast, node.arguments[1])) {
          report(plugin, 'missingStore', { library: module ?? '@fastify/session' });
        }
      }
    }
    if (ts.isNewExpression(node)) {
      const constructor = unwrapExpression(node.expression);
      const name = dottedName(constructor);
      const owner = ts.isPropertyAccessExpression(constructor) && constructor.name.text === 'MemoryStore' ? unwrapExpression(constructor.expression) : undefined;
      const viaSession = !!owner && ((ts.isIdentifier(owner) && sessionFunctions.has(owner.text)) || EXPRESS_SESSION.includes(requiredModule(owner) ?? ''));
      if (viaSession || (name !== undefined && classes.has(name))) {
        report(node, 'memoryStore', { name: name ?? 'MemoryStore' });
      }
      // session-file-store: sessions in files on this machine's disk.
      if (name !== undefined && fileStores.has(name)) report(node, 'fileStore', { name });
    }
  };
  for (const node of nodesOfKind(ast, [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression])) visit(node);
}

/** Settings that put sessions on the local disk, by setting name. */
function diskSessionSetting(key: string, value: string): boolean {
  if (key === 'SESSION_TYPE') return value === 'filesystem';
  if (key === 'SESSION_ENGINE') return value === 'django.contrib.sessions.backends.file';
  return false;
}

/**
 * Only the three setting names can matter (diskSessionSetting, isFileSystemCache), so the query keeps those keys
 * inside WebAssembly: names exactly, string keys by their text (escapes stay raw in pyStringValue, so a string whose
 * value is one of the names has it in its text).
 */
const SESSION_KEY = '(#match? @key "SESSION_(TYPE|ENGINE|CACHELIB)")';
const SETTING_QUERY = `
(assignment left: (identifier) @key right: [(string) (call)] @value ${SESSION_KEY})
(assignment left: (subscript subscript: (string) @key) right: [(string) (call)] @value ${SESSION_KEY})
(keyword_argument name: (identifier) @key value: [(string) (call)] @value ${SESSION_KEY})
(pair key: (string) @key value: [(string) (call)] @value ${SESSION_KEY})
`;

/** Flask-Session ≥ 0.7: `SESSION_TYPE = 'cachelib'` with `SESSION_CACHELIB = FileSystemCache(…)` is the old filesystem type. */
function isFileSystemCache(key: string, value: Node): boolean {
  return key === 'SESSION_CACHELIB' && value.type === 'call' && /(?:^|\.)FileSystemCache$/.test(pyCallName(value) ?? '');
}

function checkPython(context: TreeSitterRuleContext): void {
  for (const match of context.query(SETTING_QUERY).matches(context.root)) {
    const keyNode = match.captures.find((c) => c.name === 'key')?.node;
    const valueNode = match.captures.find((c) => c.name === 'value')?.node;
    if (!keyNode || !valueNode) continue;
    const key = keyNode.type === 'identifier' ? keyNode.text : pyStringValue(keyNode);
    if (key !== 'SESSION_TYPE' && key !== 'SESSION_ENGINE' && key !== 'SESSION_CACHELIB') continue;
    if (pyInNonProductionBranch(valueNode)) continue;
    if (isFileSystemCache(key, valueNode)) {
      context.report({ messageId: 'diskSession', data: { setting: key, value: 'FileSystemCache(…)' }, range: { start: valueNode.startIndex, end: valueNode.endIndex } });
      continue;
    }
    const value = pyStringValue(valueNode);
    if (value === undefined || !diskSessionSetting(key, value)) continue;
    context.report({ messageId: 'diskSession', data: { setting: key, value: `'${value}'` }, range: { start: valueNode.startIndex, end: valueNode.endIndex } });
  }
}

export default defineRule({
  id: 'no-in-memory-session',
  factor: 'VI',
  defaultSeverity: 'warning',
  description: 'Sessions are kept in the process memory or on the local disk instead of a backing service.',
  messages: {
    missingStore:
      "{{library}} is set up without a 'store', so sessions live in this process's memory: they are lost on restart and not shared between processes. Use a store backed by a service such as Redis or a database.",
    memoryStore:
      "new {{name}}() keeps sessions in this process's memory: they are lost on restart and not shared between processes. Use a store backed by a service such as Redis or a database.",
    fileStore:
      "new {{name}}() (session-file-store) keeps sessions in files on this machine's disk: other processes cannot see them and they are lost with the container. Use a store backed by a service such as Redis or a database.",
    diskSession:
      "{{setting}} = {{value}} keeps sessions on this machine's disk: other processes cannot see them and they are lost with the container. Use a backing service such as Redis or a database.",
  },
  checkers: { js: checkJs, python: checkPython },
});
