import ts = require('typescript');
import { defineRule } from '../engine/defineRule';
import { dottedName, inNonProductionBranch, lastSegment, moduleBindings, nodesOfKind, numberValue, propertyValue, rangeOf, requiredModule, resolveConstant, stringValue, unwrapExpression } from '../engine/lang/js/ast';
import { pyAddImportEdit, pyAssignedValues, pyCalledMember, pyCallName, pyCallsNamed, pyEnclosingScope, pyImportsPackage, pyInNonProductionBranch, pyIntValue, pyKeywordValue, pyLastSegment, pyPositionalArguments, pyStringValue } from '../engine/lang/python/ast';
import type { Fix, JsRuleContext, TreeSitterRuleContext } from '../engine/types';
import type { Node } from 'web-tree-sitter';

/**
 * VII Port binding: the platform tells a process which port to bind (PORT); a literal port in the listen call
 * breaks that contract. Only calls on likely servers are examined (see docs/rules/no-hardcoded-port.md).
 */

/** Modules whose default export, called or constructed, is an HTTP server or app. */
const SERVER_MODULES = ['express', 'fastify', 'koa', 'polka', 'connect', 'restify', 'http', 'https', 'http2', 'net', 'tls', '@hapi/hapi', 'hapi'];
/** Factories and constructors taking a port (or `{ port }`) first, by module and export ("*" is the module itself). */
const PORT_FACTORIES: Record<string, string[]> = {
  '@hapi/hapi': ['server', 'Server'],
  hapi: ['server', 'Server'],
  ws: ['Server', 'WebSocketServer'],
  'socket.io': ['Server', '*', 'default'],
};
/** Receiver names that denote a server or app: `app`, `server`, `httpServer`, `expressApp`, `this.app`… */
const SERVER_NAME = /^(?:app|application|api|srv|fastify|koa|polka|express)$|(?:app|server|srv)$/i;

interface PortLiteral {
  literal: ts.Expression;
  port: number;
  /** Set when the literal is the initializer of a same-file constant passed by name. */
  constant?: ts.VariableDeclaration;
  /** Set when the literal is a whole `host:port` address (gRPC's `bindAsync('0.0.0.0:50051', …)`). */
  host?: string;
}

/** `'host:port'` → its parts, for address strings: gunicorn's bind, gRPC's `'[::]:50051'`. */
function splitAddress(text: string | undefined): { host: string; port: number } | undefined {
  const match = /^(\[[0-9a-fA-F:.]*\]|[\w.-]*):(\d{1,5})$/.exec(text ?? '');
  const port = match ? Number(match[2]) : 0;
  return match && port >= 1 && port <= 65535 ? { host: match[1], port } : undefined;
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

function jsFix(context: JsRuleContext, found: PortLiteral, deno: boolean): Fix {
  const literal = found.literal.getText(context.ast);
  const read = deno ? 'Deno.env.get("PORT")' : 'process.env.PORT';
  const newText =
    found.host !== undefined
      ? `\`${found.host}:\${${read} ?? ${found.port}}\``
      : deno || context.file.isTypeScript
        ? `Number(${read} ?? ${literal})`
        : `${read} ?? ${literal}`;
  return { title: `Read the port from PORT (default ${found.port})`, edits: [{ ...rangeOf(found.literal, context.ast), newText }], envExample: ['PORT'] };
}

function checkJs(context: JsRuleContext): void {
  const { ast } = context;
  const reported = new Set<number>();
  const factories = moduleBindings(ast, Object.keys(PORT_FACTORIES));
  let site: ts.Node = ast;
  const report = (found: PortLiteral | undefined, call: string, deno = false) => {
    if (!found || inNonProductionBranch(site)) return;
    const range = rangeOf(found.literal, ast);
    if (reported.has(range.start)) return;
    reported.add(range.start);
    const constantName = found.constant && ts.isIdentifier(found.constant.name) ? found.constant.name.text : undefined;
    context.report({
      messageId: constantName ? 'hardcodedPortConstant' : 'hardcodedPort',
      data: { port: found.port, call, name: constantName ?? '' },
      range,
      fix: jsFix(context, found, deno),
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      site = node;
      const callee = unwrapExpression(node.expression);
      const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
      const name = dottedName(callee);
      if (ts.isPropertyAccessExpression(callee) && ts.isCallExpression(node)) {
        const method = callee.name.text;
        if (method === 'listen' && isLikelyServer(ast, callee.expression)) report(portOf(ast, args[0]), `${describe(callee.expression)}.listen()`);
        // @grpc/grpc-js: server.bindAsync('0.0.0.0:50051', credentials, callback)
        if (method === 'bindAsync') report(addressOf(ast, args[0]), `${describe(callee.expression)}.bindAsync()`);
        if (method === 'set' && stringValue(args[0]) === 'port' && isLikelyServer(ast, callee.expression)) {
          report(portOf(ast, args[1], false), `${describe(callee.expression)}.set('port', …)`);
        }
      }
      if (name === 'Bun.serve' || name === 'Deno.serve') report(portOf(ast, args[0]), `${name}()`, name === 'Deno.serve');
      // Hapi.server({ port }), new WebSocketServer({ port }), new WebSocket.Server({ port }), new Server(3000) of socket.io
      const binding = name !== undefined && args[0] ? factories.find((b) => b.local === name.split('.')[0]) : undefined;
      if (binding && name !== undefined && name.split('.').length <= 2) {
        const member = name.includes('.') ? lastSegment(name) : binding.imported;
        if (PORT_FACTORIES[binding.module].includes(member)) report(portOf(ast, args[0]), `${ts.isNewExpression(node) ? 'new ' : ''}${name}()`);
      }
    }
  };
  for (const node of nodesOfKind(ast, [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression])) visit(node);
}

/** Calls whose `port=` keyword binds a listening socket: Flask/Sanic/Quart `app.run`, uvicorn, aiohttp, waitress, Dash… */
const PY_PORT_KEYWORD_CALLS = new Set(['run', 'run_app', 'serve', 'run_server', 'start_server', 'create_server', 'listen', 'Config']);
/** Positional port: `make_server(host, port, app)`, `run_simple(host, port, app)`. */
const PY_SECOND_ARGUMENT_CALLS = new Set(['make_server', 'run_simple']);
/** aiohttp's `web.TCPSite(runner, host, port)`. */
const PY_THIRD_ARGUMENT_CALLS = new Set(['TCPSite']);
/** Socket-server classes taking `(host, port)` as their first argument. */
const PY_ADDRESS_CLASSES = new Set(['HTTPServer', 'ThreadingHTTPServer', 'TCPServer', 'ThreadingTCPServer', 'WSGIServer']);

/** Only calls of these names are looked at (the query filters them, so big files stay cheap). */
const PY_CALL_NAMES = new Set([...PY_PORT_KEYWORD_CALLS, ...PY_SECOND_ARGUMENT_CALLS, ...PY_THIRD_ARGUMENT_CALLS, ...PY_ADDRESS_CLASSES, 'bind', 'add_insecure_port', 'add_secure_port']);

/** An integer literal, or a name assigned exactly one integer literal in its scope (or the module). */
function pyPort(context: TreeSitterRuleContext, node: Node | undefined): { literal: Node; port: number; name?: string } | undefined {
  if (!node) return undefined;
  const direct = pyIntValue(node);
  if (direct !== undefined) return direct >= 1 && direct <= 65535 ? { literal: node, port: direct } : undefined;
  if (node.type !== 'identifier') return undefined;
  const scope = pyEnclosingScope(node);
  const parameters = scope.type === 'function_definition' ? scope.childForFieldName('parameters') : null;
  if (parameters?.descendantsOfType('identifier').some((p) => p?.text === node.text)) return undefined;
  let values = pyAssignedValues(scope, node.text);
  if (values.length === 0 && scope.type !== 'module') values = pyAssignedValues(context.root, node.text);
  if (values.length !== 1) return undefined;
  const value = pyIntValue(values[0]);
  return value !== undefined && value >= 1 && value <= 65535 ? { literal: values[0], port: value, name: node.text } : undefined;
}

/** Reports a `'host:port'` string, fixed to `"host:" + os.environ.get("PORT", "port")`. */
function reportPyAddress(context: TreeSitterRuleContext, value: Node, call: string): boolean {
  const address = splitAddress(pyStringValue(value));
  if (!address || pyInNonProductionBranch(value)) return false;
  const importOs = pyAddImportEdit(context.root, context.file.text, 'os');
  const newText = `"${address.host}:" + os.environ.get("PORT", "${address.port}")`;
  context.report({
    messageId: 'hardcodedPort',
    data: { port: address.port, call, name: '' },
    range: { start: value.startIndex, end: value.endIndex },
    fix: {
      title: `Read the port from PORT (default ${address.port})`,
      edits: [{ start: value.startIndex, end: value.endIndex, newText }, ...(importOs ? [importOs] : [])],
      envExample: ['PORT'],
    },
  });
  return true;
}

/** gunicorn.conf.py: `bind = "0.0.0.0:8000"` (gunicorn binds $PORT by itself when `bind` is not set). */
function checkGunicornBind(context: TreeSitterRuleContext): void {
  if (!/(?:^|\/)gunicorn[^/]*\.py$/.test(context.file.path)) return;
  const query = context.query('(module (expression_statement (assignment left: (identifier) @name right: [(string) @value (list (string) @value)])))');
  for (const match of query.matches(context.root)) {
    const value = match.captures.find((c) => c.name === 'value')?.node;
    if (match.captures.find((c) => c.name === 'name')?.node.text === 'bind' && value) reportPyAddress(context, value, "gunicorn's bind setting");
  }
}

function checkPython(context: TreeSitterRuleContext): void {
  checkGunicornBind(context);
  const reported = new Set<number>();
  const usesTornado = () => context.memo('no-hardcoded-port.tornado', () => pyImportsPackage(context.root, 'tornado'));
  for (const call of pyCallsNamed(context.root, PY_CALL_NAMES)) {
    const method = pyCalledMember(call);
    if (method === undefined) continue;
    const name = pyCallName(call) ?? `….${method}`;
    const receiver = name.includes('.') ? pyLastSegment(name.slice(0, name.lastIndexOf('.'))) : '';
    const positional = pyPositionalArguments(call);
    let found = PY_PORT_KEYWORD_CALLS.has(method) && (method !== 'listen' || SERVER_NAME.test(receiver)) ? pyPort(context, pyKeywordValue(call, 'port')) : undefined;
    if (!found && method === 'run' && SERVER_NAME.test(receiver)) found = pyPort(context, positional[1]);
    // Tornado's app.listen(8888); a plain socket's sock.listen(5) takes a backlog, so Tornado must be imported.
    if (!found && method === 'listen' && SERVER_NAME.test(receiver) && usesTornado()) found = pyPort(context, positional[0]);
    if (!found && PY_SECOND_ARGUMENT_CALLS.has(method)) found = pyPort(context, positional[1]);
    if (!found && PY_THIRD_ARGUMENT_CALLS.has(method)) found = pyPort(context, positional[2] ?? pyKeywordValue(call, 'port'));
    // socket.bind((host, port)) and the socketserver classes taking (host, port)
    const address = positional[0]?.type === 'tuple' && positional[0].namedChildren.length === 2 ? positional[0].namedChildren[1] : null;
    if (!found && (PY_ADDRESS_CLASSES.has(method) || method === 'bind') && address) found = pyPort(context, address);
    // grpc: server.add_insecure_port('[::]:50051')
    if (!found && (method === 'add_insecure_port' || method === 'add_secure_port') && positional[0]?.type === 'string') {
      reportPyAddress(context, positional[0], `${name}()`);
      continue;
    }
    if (!found || reported.has(found.literal.startIndex) || pyInNonProductionBranch(call)) continue;
    reported.add(found.literal.startIndex);
    const importOs = pyAddImportEdit(context.root, context.file.text, 'os');
    context.report({
      messageId: found.name ? 'hardcodedPortConstant' : 'hardcodedPort',
      data: { port: found.port, call: `${name}()`, name: found.name ?? '' },
      range: { start: found.literal.startIndex, end: found.literal.endIndex },
      fix: {
        title: `Read the port from PORT (default ${found.port})`,
        edits: [{ start: found.literal.startIndex, end: found.literal.endIndex, newText: `int(os.environ.get("PORT", "${found.port}"))` }, ...(importOs ? [importOs] : [])],
        envExample: ['PORT'],
      },
    });
  }
}

export default defineRule({
  id: 'no-hardcoded-port',
  factor: 'VII',
  defaultSeverity: 'warning',
  description: 'A server listens on a port written in the code instead of the port the environment provides.',
  messages: {
    hardcodedPort: 'Port {{port}} is hardcoded in {{call}}; bind to the port the environment provides in PORT.',
    hardcodedPortConstant: "Port {{port}} is hardcoded in '{{name}}', which {{call}} binds; bind to the port the environment provides in PORT.",
  },
  checkers: { js: checkJs, python: checkPython },
});
