/**
 * Where a Python server binds a port written in the code: Flask/Sanic/Quart `app.run(port=5000)`, `uvicorn.run(…,
 * port=8000)`, aiohttp `web.run_app(…, port=…)` and `TCPSite(runner, host, port)`, `make_server(host, port, app)`,
 * socket servers' `(host, port)` addresses, Tornado's `app.listen(8888)`, gRPC's `add_insecure_port('[::]:50051')`,
 * and gunicorn.conf.py's `bind = "0.0.0.0:8000"`.
 */
import type { Node } from 'web-tree-sitter';
import type { ListenSite } from '../../facts';
import type { FileInfo } from '../../types';
import { SERVER_NAME, splitAddress } from '../serverNames';
import type { ParsedTree } from '../treesitterAdapter';
import type { AdapterInput } from '../types';
import { pyAssignedValues, pyCalledMember, pyCallName, pyCallsNamed, pyEnclosingScope, pyImportsPackage, pyInNonProductionBranch, pyIntValue, pyKeywordValue, pyLastSegment, pyPositionalArguments, pyStringValue } from './ast';

/** Calls whose `port=` keyword binds a listening socket: Flask/Sanic/Quart `app.run`, uvicorn, aiohttp, waitress, Dash… */
const PORT_KEYWORD_CALLS = new Set(['run', 'run_app', 'serve', 'run_server', 'start_server', 'create_server', 'listen', 'Config']);
/** Positional port: `make_server(host, port, app)`, `run_simple(host, port, app)`. */
const SECOND_ARGUMENT_CALLS = new Set(['make_server', 'run_simple']);
/** aiohttp's `web.TCPSite(runner, host, port)`. */
const THIRD_ARGUMENT_CALLS = new Set(['TCPSite']);
/** Socket-server classes taking `(host, port)` as their first argument. */
const ADDRESS_CLASSES = new Set(['HTTPServer', 'ThreadingHTTPServer', 'TCPServer', 'ThreadingTCPServer', 'WSGIServer']);
/** Only calls of these names are looked at (the query filters them, so big files stay cheap). */
const CALL_NAMES = new Set([...PORT_KEYWORD_CALLS, ...SECOND_ARGUMENT_CALLS, ...THIRD_ARGUMENT_CALLS, ...ADDRESS_CLASSES, 'bind', 'add_insecure_port', 'add_secure_port']);

/** An integer literal, or a name assigned exactly one integer literal in its scope (or the module). */
function pyPort(root: Node, node: Node | undefined): { literal: Node; port: number; name?: string } | undefined {
  if (!node) return undefined;
  const direct = pyIntValue(node);
  if (direct !== undefined) return direct >= 1 && direct <= 65535 ? { literal: node, port: direct } : undefined;
  if (node.type !== 'identifier') return undefined;
  const scope = pyEnclosingScope(node);
  const parameters = scope.type === 'function_definition' ? scope.childForFieldName('parameters') : null;
  if (parameters?.descendantsOfType('identifier').some((p) => p?.text === node.text)) return undefined;
  let values = pyAssignedValues(scope, node.text);
  if (values.length === 0 && scope.type !== 'module') values = pyAssignedValues(root, node.text);
  if (values.length !== 1) return undefined;
  const value = pyIntValue(values[0]);
  return value !== undefined && value >= 1 && value <= 65535 ? { literal: values[0], port: value, name: node.text } : undefined;
}

/** A `'host:port'` string as a site. */
function addressSite(value: Node, call: string): ListenSite | undefined {
  const address = splitAddress(pyStringValue(value));
  if (!address) return undefined;
  return { call, port: { value: address.port, range: { start: value.startIndex, end: value.endIndex }, text: value.text, host: address.host }, nonProduction: pyInNonProductionBranch(value) };
}

/** gunicorn.conf.py: `bind = "0.0.0.0:8000"` (gunicorn binds $PORT by itself when `bind` is not set). */
function gunicornBind(parsed: ParsedTree, file: FileInfo): ListenSite[] {
  if (!/(?:^|\/)gunicorn[^/]*\.py$/.test(file.path)) return [];
  const sites: ListenSite[] = [];
  const query = parsed.query('(module (expression_statement (assignment left: (identifier) @name right: [(string) @value (list (string) @value)])))');
  for (const match of query.matches(parsed.root)) {
    const value = match.captures.find((c) => c.name === 'value')?.node;
    const site = match.captures.find((c) => c.name === 'name')?.node.text === 'bind' && value ? addressSite(value, "gunicorn's bind setting") : undefined;
    if (site) sites.push(site);
  }
  return sites;
}

export function pyListenSites({ parsed, file, memo }: AdapterInput<ParsedTree>): ListenSite[] {
  const { root } = parsed;
  const sites = gunicornBind(parsed, file);
  const usesTornado = () => memo('python.listenSites.tornado', () => pyImportsPackage(root, 'tornado'));
  for (const call of pyCallsNamed(root, CALL_NAMES)) {
    const method = pyCalledMember(call);
    if (method === undefined) continue;
    const name = pyCallName(call) ?? `….${method}`;
    const receiver = name.includes('.') ? pyLastSegment(name.slice(0, name.lastIndexOf('.'))) : '';
    const positional = pyPositionalArguments(call);
    let found = PORT_KEYWORD_CALLS.has(method) && (method !== 'listen' || SERVER_NAME.test(receiver)) ? pyPort(root, pyKeywordValue(call, 'port')) : undefined;
    if (!found && method === 'run' && SERVER_NAME.test(receiver)) found = pyPort(root, positional[1]);
    // Tornado's app.listen(8888); a plain socket's sock.listen(5) takes a backlog, so Tornado must be imported.
    if (!found && method === 'listen' && SERVER_NAME.test(receiver) && usesTornado()) found = pyPort(root, positional[0]);
    if (!found && SECOND_ARGUMENT_CALLS.has(method)) found = pyPort(root, positional[1]);
    if (!found && THIRD_ARGUMENT_CALLS.has(method)) found = pyPort(root, positional[2] ?? pyKeywordValue(call, 'port'));
    // socket.bind((host, port)) and the socketserver classes taking (host, port)
    const address = positional[0]?.type === 'tuple' && positional[0].namedChildren.length === 2 ? positional[0].namedChildren[1] : null;
    if (!found && (ADDRESS_CLASSES.has(method) || method === 'bind') && address) found = pyPort(root, address);
    // grpc: server.add_insecure_port('[::]:50051')
    if (!found && (method === 'add_insecure_port' || method === 'add_secure_port') && positional[0]?.type === 'string') {
      const site = addressSite(positional[0], `${name}()`);
      if (site) sites.push(site);
      continue;
    }
    if (!found) continue;
    sites.push({
      call: `${name}()`,
      port: { value: found.port, range: { start: found.literal.startIndex, end: found.literal.endIndex }, text: found.literal.text, constant: found.name },
      nonProduction: pyInNonProductionBranch(call),
    });
  }
  return sites;
}
