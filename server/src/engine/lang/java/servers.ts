/**
 * Java listen sites as data (VII): `new ServerSocket(8080)`, `new InetSocketAddress(8000)` (a wildcard bind
 * address, as `HttpServer.create` takes), embedded Jetty `new Server(8080)`, Javalin `app.start(7070)`, Spark
 * `port(4567)`, Undertow `addHttpListener(8080, host)`, Tomcat/Spring Boot factories' `setPort(8080)`, and the
 * `server.port` property set in code (`System.setProperty("server.port", "8081")`, default properties maps).
 * A port is a site when it is an int literal or a same-file constant holding one; `start`, `port` and `setPort` count
 * only in files that import the server library, as the method names are common.
 */
import type { Node } from 'web-tree-sitter';
import type { ListenSite } from '../../facts';
import { walkTree } from '../treesitter';
import { javaArguments, javaCalleeName, javaImports, javaIntValue, javaStringValue } from './ast';

interface JavaServerCall {
  /** The callee as javaCalleeName gives it, matched on its end. */
  callee: RegExp;
  /** Import prefixes one of which the file must have; none: always. */
  imports?: RegExp;
  /** The receiver must be a name this file declares with this type or makes with `<type>.create(…)`. */
  receiver?: string;
  /** The argument holding the port. */
  argument: number;
  /** The call takes exactly this many arguments. */
  arity?: number;
  message: string;
}

const SERVER_CALLS: readonly JavaServerCall[] = [
  { callee: /^new ServerSocket$/, argument: 0, message: 'new ServerSocket()' },
  { callee: /^new InetSocketAddress$/, argument: 0, arity: 1, message: 'new InetSocketAddress()' },
  { callee: /^new Server$/, imports: /^org\.eclipse\.jetty\./, argument: 0, arity: 1, message: 'new Server()' },
  { callee: /^Javalin\.create\(\)\.start$/, imports: /^io\.javalin\./, argument: 0, arity: 1, message: 'Javalin start()' },
  { callee: /\.start$/, imports: /^io\.javalin\./, receiver: 'Javalin', argument: 0, arity: 1, message: 'Javalin start()' },
  { callee: /^(Spark\.)?port$/, imports: /^spark\.Spark/, argument: 0, arity: 1, message: 'Spark port()' },
  { callee: /\.addHttpListener$/, imports: /^io\.undertow\./, argument: 0, message: 'Undertow addHttpListener()' },
  { callee: /\.setPort$/, imports: /^(org\.apache\.catalina|org\.springframework\.boot\.web|org\.eclipse\.jetty)\./, argument: 0, arity: 1, message: 'setPort()' },
];

/** `static final int PORT = 8080;` / `final int port = 8080;` in the same file, declared once. */
function constantInitializer(root: Node, name: string): Node | undefined {
  let found: Node | undefined;
  let count = 0;
  walkTree(root, (node) => {
    if (node.type !== 'field_declaration' && node.type !== 'local_variable_declaration') return node.type !== 'line_comment' && node.type !== 'block_comment';
    for (const declarator of node.childrenForFieldName('declarator')) {
      if (declarator?.childForFieldName('name')?.text !== name) continue;
      count++;
      const value = declarator.childForFieldName('value');
      if (/\bfinal\b/.test(node.namedChildren.find((c) => c?.type === 'modifiers')?.text ?? '') && value) found = value;
    }
    return true;
  });
  return count === 1 ? found : undefined;
}

/** Names declared with `type` (`Javalin app = …`, `var app = Javalin.create(…)`), by declarator name. */
function namesOfType(root: Node, type: string): Set<string> {
  const names = new Set<string>();
  walkTree(root, (node) => {
    if (node.type !== 'field_declaration' && node.type !== 'local_variable_declaration' && node.type !== 'formal_parameter') return true;
    const declared = node.childForFieldName('type')?.text;
    if (node.type === 'formal_parameter') {
      if (declared === type) names.add(node.childForFieldName('name')?.text ?? '');
      return false;
    }
    for (const declarator of node.childrenForFieldName('declarator')) {
      const value = declarator?.childForFieldName('value');
      const made = value?.type === 'method_invocation' && javaCalleeName(value).startsWith(`${type}.`);
      if (declarator && (declared === type || made)) names.add(declarator.childForFieldName('name')?.text ?? '');
    }
    return true;
  });
  return names;
}

export function javaListenSites(root: Node): ListenSite[] {
  const imports = javaImports(root);
  const typed = new Map<string, Set<string>>();
  const receiverOk = (call: Node, type: string) => {
    if (!typed.has(type)) typed.set(type, namesOfType(root, type));
    const object = call.childForFieldName('object');
    return object?.type === 'identifier' && typed.get(type)!.has(object.text);
  };
  const sites: ListenSite[] = [];
  const portSite = (message: string, expression: Node | undefined, allowString: boolean) => {
    if (!expression) return;
    const constant = expression.type === 'identifier' ? expression.text : undefined;
    const literal = constant ? constantInitializer(root, constant) : expression;
    if (!literal) return;
    const text = allowString ? javaStringValue(literal) : undefined;
    const value = javaIntValue(literal) ?? (text !== undefined && /^\d{1,5}$/.test(text) ? Number(text) : undefined);
    if (value === undefined || value < 1 || value > 65535) return;
    sites.push({ call: message, port: { value, range: { start: literal.startIndex, end: literal.endIndex }, text: literal.text, ...(constant ? { constant } : {}) }, nonProduction: false });
  };
  walkTree(root, (node) => {
    if (node.type === 'line_comment' || node.type === 'block_comment') return false;
    if (node.type !== 'method_invocation' && node.type !== 'object_creation_expression') return true;
    const callee = javaCalleeName(node);
    const args = javaArguments(node);
    // `System.setProperty("server.port", "8081")`, `props.put("server.port", 8081)`, `Map.of("server.port", "8081")`.
    if (args.length >= 2 && javaStringValue(args[0]) === 'server.port') {
      portSite('server.port', args[1], true);
      return true;
    }
    for (const server of SERVER_CALLS) {
      if (!server.callee.test(callee) || (server.arity !== undefined && args.length !== server.arity)) continue;
      if (server.imports && !imports.some((i) => server.imports!.test(i))) continue;
      if (server.receiver && !receiverOk(node, server.receiver)) continue;
      portSite(server.message, args[server.argument], false);
      break;
    }
    return true;
  });
  return sites.sort((a, b) => a.port.range.start - b.port.range.start);
}
