/** The project facts of a JS/TS file (imports, env reads, server starts, signal handling), in one walk. */
import ts = require('typescript');
import { propertyName } from './ast';
import type { CodeFacts, ImportFact } from '../../facts';
import { SERVER_NAME } from '../serverNames';
import { isJsEnvObject, jsConstInitializer, jsEnvRead } from './env';

const UPPER_NAME = /^[A-Z][A-Z0-9_]{1,}$/;
const SIGNALS = new Set(['SIGTERM', 'SIGINT']);
/** Packages whose job is graceful shutdown on SIGTERM/SIGINT. */
const SHUTDOWN_PACKAGES = new Set(['@godaddy/terminus', 'close-with-grace', 'http-graceful-shutdown', 'lightship', 'death', 'node-graceful-shutdown']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/**
 * Whether `x` in `x.listen(…)` is likely an HTTP/TCP server: something a call made (`http.createServer(app)`,
 * `express()`), a server-like name, or a const holding a call. Event emitters and queues with a `listen` method
 * (`queue.listen(5)`, `pubsub.listen()`) are not servers.
 */
function isLikelyServer(expression: ts.Expression, depth = 0): boolean {
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node)) node = node.expression;
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return true;
  const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
  if (name === undefined) return false;
  if (SERVER_NAME.test(name)) return true;
  if (ts.isIdentifier(node) && depth === 0) {
    const init = jsConstInitializer(ts, node);
    return !!init && isLikelyServer(init, depth + 1);
  }
  return false;
}

/** `a.b.c` for member chains; `http.createServer(…)` for calls: never literal arguments (they may hold secrets). */
function describeReceiver(expression: ts.Expression): string {
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node)) node = node.expression;
  if (ts.isIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(node)) return `${describeReceiver(node.expression)}.${node.name.text}`;
  if (ts.isCallExpression(node)) return `${describeReceiver(node.expression)}(…)`;
  if (ts.isNewExpression(node)) return `new ${describeReceiver(node.expression)}(…)`;
  return 'server';
}

/**
 * The name of the function a `process.env[key]` read sits in, when `key` is that function's parameter: a wrapper
 * such as `function getOsEnv(key) { return process.env[key]; }` or `const env = (name) => process.env[name]`.
 */
function envWrapperName(read: ts.Node): string | undefined {
  if (!ts.isElementAccessExpression(read) || !ts.isIdentifier(read.argumentExpression)) return undefined;
  const key = read.argumentExpression.text;
  for (let current = read.parent; current; current = current.parent) {
    if (!ts.isFunctionLike(current)) continue;
    if (!current.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === key)) return undefined;
    if ((ts.isFunctionDeclaration(current) || ts.isMethodDeclaration(current)) && current.name && ts.isIdentifier(current.name)) return current.name.text;
    const holder = current.parent;
    if ((ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder)) && ts.isIdentifier(holder.name)) return holder.name.text;
    return undefined;
  }
  return undefined;
}

/** Walks a parsed JS/TS file once. `directives` are left empty for the caller (it owns comment lookup). */
export function extractJsFacts(ast: ts.SourceFile, path: string): CodeFacts {
  const declarationFile = /\.d\.[cm]?ts$/.test(path);
  const facts: CodeFacts = { family: 'js', imports: [], envReads: [], envDynamic: false, mentions: [], servers: [], handlesSignals: false, directives: [] };
  const mentions = new Set<string>();
  const envWrappers = new Set<string>();
  const namedCalls: NonNullable<CodeFacts['namedCalls']> = [];
  const requires: ImportFact[] = [];
  let requireShadowed = false;
  const addImport = (literal: ts.StringLiteralLike, typeOnly: boolean, optional = false) => {
    facts.imports.push({ specifier: literal.text, start: literal.getStart(ast), end: literal.end, typeOnly: typeOnly || declarationFile, optional });
  };
  // An explicit stack, not recursion: a 1 MB chain of `"ab" +` lines is a tree 150,000 deep.
  const stack: { node: ts.Node; inTry: boolean }[] = [{ node: ast, inTry: false }];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node): void => {
    children.push(child);
  };
  while (stack.length > 0) {
    const { node, inTry } = stack.pop()!;
    const descend = visit(node, inTry);
    if (descend === false) continue;
    if (descend !== true) {
      stack.push(descend);
      continue;
    }
    const tryBlock = ts.isTryStatement(node) ? node.tryBlock : undefined;
    children.length = 0;
    ts.forEachChild(node, collect);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], inTry: inTry || children[i] === tryBlock });
  }
  /** Records what the node says; true to visit its children, false not to, or the one node to visit instead. */
  function visit(node: ts.Node, inTry: boolean): boolean | { node: ts.Node; inTry: boolean } {
    if (ts.isImportDeclaration(node) && ts.isStringLiteralLike(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const allTypes = !!clause && !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      addImport(node.moduleSpecifier, !!clause?.isTypeOnly || allTypes);
      if (SHUTDOWN_PACKAGES.has(node.moduleSpecifier.text)) facts.handlesSignals = true;
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
      addImport(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteralLike(node.moduleReference.expression)) {
      addImport(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteralLike(node.argument.literal)) {
      addImport(node.argument.literal, true);
    } else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
      // `declare module 'x' { … }` declares, it does not import: skip the name, visit the body.
      return node.body ? { node: node.body, inTry } : false;
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const first = node.arguments[0];
      const isRequire = (ts.isIdentifier(callee) && callee.text === 'require') || (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'require' && callee.name.text === 'resolve');
      if ((isRequire || callee.kind === ts.SyntaxKind.ImportKeyword) && first && ts.isStringLiteralLike(first)) {
        addImport(first, false, inTry);
        if (isRequire) requires.push(facts.imports[facts.imports.length - 1]);
        if (SHUTDOWN_PACKAGES.has(first.text)) facts.handlesSignals = true;
      }
      const calleeName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (calleeName && first && ts.isStringLiteralLike(first) && UPPER_NAME.test(first.text)) {
        namedCalls.push({ callee: calleeName, name: first.text, start: first.getStart(ast), end: first.end });
      }
      if (ts.isPropertyAccessExpression(callee)) {
        const method = callee.name.text;
        if (method === 'listen' && isLikelyServer(callee.expression)) {
          facts.servers.push({ call: `${describeReceiver(callee.expression)}.listen`, start: callee.getStart(ast), end: callee.end });
        }
        if (method === 'serve' && ts.isIdentifier(callee.expression) && ['Bun', 'Deno'].includes(callee.expression.text)) {
          facts.servers.push({ call: `${callee.expression.text}.serve`, start: callee.getStart(ast), end: callee.end });
        }
        if (method === 'enableShutdownHooks') facts.handlesSignals = true;
        if (LISTENER_METHODS.has(method) && first && ts.isStringLiteralLike(first) && SIGNALS.has(first.text)) facts.handlesSignals = true;
      }
    } else if (ts.isStringLiteralLike(node)) {
      if (UPPER_NAME.test(node.text)) mentions.add(node.text);
      // `['SIGINT', 'SIGTERM'].forEach((s) => process.on(s, stop))`, `{ signals: ['SIGTERM'] }`
      if (SIGNALS.has(node.text) && (ts.isArrayLiteralExpression(node.parent) || ts.isPropertyAssignment(node.parent))) facts.handlesSignals = true;
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'require') {
      // `const require = createRequire(elsewhere)` loads from another package's node_modules.
      requireShadowed = true;
    } else if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isBindingElement(node)) {
      const name = propertyName(ts.isBindingElement(node) ? (node.propertyName ?? node.name) : node.name);
      if (name && UPPER_NAME.test(name)) mentions.add(name);
    }

    const read = jsEnvRead(ts, node);
    if (read) {
      if (read.name === null) {
        facts.envDynamic = true;
        const wrapper = envWrapperName(node);
        if (wrapper) envWrappers.add(wrapper);
      }
      else facts.envReads.push({ name: read.name, start: node.getStart(ast), end: node.end });
      return false;
    }
    if (isJsEnvObject(ts, node)) {
      // `const { A, B } = process.env` reads A and B; any other use hands the whole environment over.
      const parent = node.parent;
      if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isObjectBindingPattern(parent.name)) {
        for (const element of parent.name.elements) {
          const name = propertyName(element.propertyName ?? element.name);
          if (element.dotDotDotToken || !name) facts.envDynamic = true;
          else facts.envReads.push({ name, start: element.getStart(ast), end: element.end });
        }
      } else {
        facts.envDynamic = true;
      }
      return false;
    }
    return true;
  }
  if (requireShadowed) for (const fact of requires) fact.optional = true;
  facts.mentions = [...mentions];
  if (envWrappers.size > 0) facts.envWrappers = [...envWrappers];
  if (namedCalls.length > 0) facts.namedCalls = namedCalls;
  return facts;
}

