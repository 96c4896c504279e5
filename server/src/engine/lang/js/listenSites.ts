/**
 * Where a JS/TS server binds a port written in the code: `app.listen(3000)`, `server.listen({ port: 8080 })`,
 * `Bun.serve({ port })`, `Deno.serve({ port })`, `Hapi.server({ port })`, `new WebSocketServer({ port })`, gRPC's
 * `bindAsync('0.0.0.0:50051', …)`, `app.set('port', 3000)`. Only calls on likely servers are looked at.
 */
import ts = require('typescript');
import type { ListenSite } from '../../facts';
import { dottedName, inNonProductionBranch, lastSegment, moduleBindings, nodesOfKind, numberValue, propertyValue, rangeOf, requiredModule, resolveConstant, stringValue, unwrapExpression } from './ast';
import { SERVER_NAME, splitAddress } from '../serverNames';

/** Modules whose default export, called or constructed, is an HTTP server or app. */
const SERVER_MODULES = ['express', 'fastify', 'koa', 'polka', 'connect', 'restify', 'http', 'https', 'http2', 'net', 'tls', '@hapi/hapi', 'hapi'];
/** Factories and constructors taking a port (or `{ port }`) first, by module and export ("*" is the module itself). */
const PORT_FACTORIES: Record<string, string[]> = {
  '@hapi/hapi': ['server', 'Server'],
  hapi: ['server', 'Server'],
  ws: ['Server', 'WebSocketServer'],
  'socket.io': ['Server', '*', 'default'],
};

interface PortLiteral {
  literal: ts.Expression;
  port: number;
  constant?: ts.VariableDeclaration;
  host?: string;
}

/** A `host:port` string argument, directly or through a same-file constant. */
function addressOf(sourceFile: ts.SourceFile, argument: ts.Expression | undefined): PortLiteral | undefined {
  if (!argument) return undefined;
  const expression = unwrapExpression(argument);
  const constant = ts.isIdentifier(expression) ? resolveConstant(sourceFile, expression.text) : undefined;
  const literal = constant?.initializer ? unwrapExpression(constant.initializer) : expression;
  const address = splitAddress(stringValue(literal));
  return address && { literal, port: address.port, host: address.host, constant };
}

function literalPort(node: ts.Expression): number | undefined {
  const value = numberValue(node) ?? (/^\d+$/.test(stringValue(node) ?? '') ? Number(stringValue(node)) : undefined);
  return value !== undefined && Number.isInteger(value) && value >= 1 && value <= 65535 ? value : undefined;
}

/** A hardcoded port in a listen argument: a literal, a constant holding one, or `{ port: … }` holding either. */
function portOf(sourceFile: ts.SourceFile, argument: ts.Expression | undefined, allowObject = true): PortLiteral | undefined {
  if (!argument) return undefined;
  const expression = unwrapExpression(argument);
  const port = literalPort(expression);
  if (port !== undefined) return { literal: expression, port };
  if (ts.isIdentifier(expression)) {
    const constant = resolveConstant(sourceFile, expression.text);
    const initializer = constant?.initializer && unwrapExpression(constant.initializer);
    const value = initializer && literalPort(initializer);
    return initializer && value !== undefined ? { literal: initializer, port: value, constant } : undefined;
  }
  if (allowObject && ts.isObjectLiteralExpression(expression)) return portOf(sourceFile, propertyValue(expression, 'port'), false);
  return undefined;
}

function isServerModuleCall(sourceFile: ts.SourceFile, callee: ts.Expression): boolean {
  const expression = unwrapExpression(callee);
  const module = requiredModule(expression);
  if (module !== undefined) return SERVER_MODULES.includes(module);
  if (ts.isPropertyAccessExpression(expression) && /^(?:createServer|createSecureServer)$/.test(expression.name.text)) return true;
  const name = dottedName(expression);
  if (name === undefined) return false;
  const root = name.split('.')[0];
  return moduleBindings(sourceFile, SERVER_MODULES).some((b) => b.local === root);
}

/** Decides whether `.listen()` is called on a server: a server-making call, a server-like name, or a constant holding one. */
function isLikelyServer(sourceFile: ts.SourceFile, receiver: ts.Expression, depth = 0): boolean {
  let expression = unwrapExpression(receiver);
  if (ts.isAwaitExpression(expression)) expression = unwrapExpression(expression.expression);
  if (ts.isCallExpression(expression) || ts.isNewExpression(expression)) return isServerModuleCall(sourceFile, expression.expression);
  const name = dottedName(expression);
  if (name === undefined) return false;
  if (SERVER_NAME.test(lastSegment(name))) return true;
  if (depth > 0 || !ts.isIdentifier(expression)) return false;
  const initializer = resolveConstant(sourceFile, expression.text)?.initializer;
  return initializer !== undefined && isLikelyServer(sourceFile, initializer, depth + 1);
}

/** How a receiver reads in a message: `app`, `this.server`, `http.createServer(…)`. */
function describe(receiver: ts.Expression): string {
  let expression = unwrapExpression(receiver);
  if (ts.isAwaitExpression(expression)) expression = unwrapExpression(expression.expression);
  const name = dottedName(expression);
  if (name !== undefined) return name;
  if (ts.isCallExpression(expression) || ts.isNewExpression(expression)) {
    const callee = requiredModule(expression.expression) !== undefined ? `require('${requiredModule(expression.expression)}')` : dottedName(expression.expression);
    return `${ts.isNewExpression(expression) ? 'new ' : ''}${callee ?? '…'}(…)`;
  }
  return 'server';
}

export function jsListenSites(ast: ts.SourceFile): ListenSite[] {
  const sites: ListenSite[] = [];
  const factories = moduleBindings(ast, Object.keys(PORT_FACTORIES));
  const add = (site: ts.Node, found: PortLiteral | undefined, call: string, dialect?: string) => {
    if (!found) return;
    const constant = found.constant && ts.isIdentifier(found.constant.name) ? found.constant.name.text : undefined;
    sites.push({
      call,
      port: { value: found.port, range: rangeOf(found.literal, ast), text: found.literal.getText(ast), constant, host: found.host },
      nonProduction: inNonProductionBranch(site),
      dialect,
    });
  };
  for (const node of nodesOfKind<ts.CallExpression | ts.NewExpression>(ast, [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression])) {
    const callee = unwrapExpression(node.expression);
    const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
    const name = dottedName(callee);
    if (ts.isPropertyAccessExpression(callee) && ts.isCallExpression(node)) {
      const method = callee.name.text;
      if (method === 'listen' && isLikelyServer(ast, callee.expression)) add(node, portOf(ast, args[0]), `${describe(callee.expression)}.listen()`);
      // @grpc/grpc-js: server.bindAsync('0.0.0.0:50051', credentials, callback)
      if (method === 'bindAsync') add(node, addressOf(ast, args[0]), `${describe(callee.expression)}.bindAsync()`);
      if (method === 'set' && stringValue(args[0]) === 'port' && isLikelyServer(ast, callee.expression)) {
        add(node, portOf(ast, args[1], false), `${describe(callee.expression)}.set('port', …)`);
      }
    }
    if (name === 'Bun.serve' || name === 'Deno.serve') add(node, portOf(ast, args[0]), `${name}()`, name === 'Deno.serve' ? 'deno' : undefined);
    // Hapi.server({ port }), new WebSocketServer({ port }), new WebSocket.Server({ port }), new Server(3000) of socket.io
    const binding = name !== undefined && args[0] ? factories.find((b) => b.local === name.split('.')[0]) : undefined;
    if (binding && name !== undefined && name.split('.').length <= 2) {
      const member = name.includes('.') ? lastSegment(name) : binding.imported;
      if (PORT_FACTORIES[binding.module].includes(member)) add(node, portOf(ast, args[0]), `${ts.isNewExpression(node) ? 'new ' : ''}${name}()`);
    }
  }
  return sites;
}
