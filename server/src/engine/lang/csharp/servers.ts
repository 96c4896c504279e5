/**
 * C# listen sites as data (VII): Kestrel's `ListenAnyIP(5000)`, `ListenLocalhost(5000)`, `Listen(IPAddress.Any,
 * 5000)`, `new IPEndPoint(IPAddress.Any, 5000)`, `new TcpListener(IPAddress.Any, 5000)`, and URLs with a port given to
 * the host: `UseUrls("http://*:5000")`, `app.Run("http://localhost:5000")`, `app.Urls.Add("http://…:5000")`. A URL
 * counts when it is one `scheme://host:port` with nothing after it (a `;`-separated list is left alone); a port when
 * it is an int literal or a same-file `const` holding one. `app.Run()` without a URL reads ASPNETCORE_URLS.
 */
import type { Node } from 'web-tree-sitter';
import type { ListenSite } from '../../facts';
import { walkTree } from '../treesitter';
import { csArguments, csCalleeName, csDottedName, csIntValue, csMethodName, csStringValue } from './ast';

interface CsServerCall {
  method: RegExp;
  /** The receiver (as written) must match, when given. */
  receiver?: RegExp;
  /** The argument holding the port or the URL. */
  argument: number;
  /** `url`: a `scheme://host:port` string; `port`: an int. */
  takes: 'url' | 'port';
  /** The first argument's text must match (an IP address). */
  first?: RegExp;
  message: string;
}

const HOST_NAME = /(^|\.)(app|host|webHost|webApp|application|server|_app|_host|builder\.Build\(\))$/i;

const SERVER_CALLS: readonly CsServerCall[] = [
  { method: /^UseUrls$/, argument: 0, takes: 'url', message: 'UseUrls()' },
  { method: /^(Run|RunAsync|Start|StartAsync)$/, receiver: HOST_NAME, argument: 0, takes: 'url', message: 'app.Run()' },
  { method: /^Add$/, receiver: /(^|\.)Urls$/, argument: 0, takes: 'url', message: 'app.Urls.Add()' },
  { method: /^(ListenAnyIP|ListenLocalhost)$/, argument: 0, takes: 'port', message: '' },
  { method: /^Listen$/, first: /^(IPAddress\.\w+|IPAddress\.Parse\(.*\)|newIPAddress\(.*\))$/, argument: 1, takes: 'port', message: 'Listen()' },
  { method: /^new (IPEndPoint|TcpListener)$/, first: /^(IPAddress\.\w+|IPAddress\.Parse\(.*\))$/, argument: 1, takes: 'port', message: '' },
];

/** `http://*:5000`, `https://localhost:5001/`, `http://[::]:80` → the part before the port and the port. */
export function splitUrl(text: string | undefined): { host: string; port: number } | undefined {
  const match = /^(https?:\/\/(?:\[[0-9a-fA-F:.]*\]|[\w.*+-]+)):(\d{1,5})\/?$/.exec(text ?? '');
  const port = match ? Number(match[2]) : 0;
  return match && port >= 1 && port <= 65535 ? { host: match[1], port } : undefined;
}

/** `const int Port = 5000;` (field or local) declared once in the file: its initializer. */
function constantInitializer(root: Node, name: string): Node | undefined {
  let found: Node | undefined;
  let count = 0;
  walkTree(root, (node) => {
    if (node.type !== 'variable_declarator') return node.type !== 'comment';
    const nameNode = node.childForFieldName('name');
    if (nameNode?.text !== name) return false;
    count++;
    const holder = node.parent?.parent;
    const constant = holder?.namedChildren.some((c) => c?.type === 'modifier' && (c.text === 'const' || c.text === 'readonly'));
    if (constant) found = node.namedChildren.filter((c) => c !== null && c !== nameNode).pop() ?? undefined;
    return false;
  });
  return count === 1 ? found : undefined;
}

export function csListenSites(root: Node): ListenSite[] {
  const sites: ListenSite[] = [];
  const site = (server: CsServerCall, call: Node, expression: Node | undefined) => {
    if (!expression) return;
    const constant = expression.type === 'identifier' ? expression.text : undefined;
    const literal = constant ? constantInitializer(root, constant) : expression;
    if (!literal) return;
    const message = server.message || `${csMethodName(call)}()`;
    if (server.takes === 'url') {
      const url = splitUrl(csStringValue(literal));
      if (!url) return;
      sites.push({ call: message, port: { value: url.port, range: { start: literal.startIndex, end: literal.endIndex }, text: literal.text, host: url.host, ...(constant ? { constant } : {}) }, nonProduction: false });
      return;
    }
    const value = csIntValue(literal);
    if (value === undefined || value < 1 || value > 65535) return;
    sites.push({ call: message, port: { value, range: { start: literal.startIndex, end: literal.endIndex }, text: literal.text, ...(constant ? { constant } : {}) }, nonProduction: false });
  };
  walkTree(root, (node) => {
    if (node.type === 'comment') return false;
    if (node.type !== 'invocation_expression' && node.type !== 'object_creation_expression') return true;
    const method = csMethodName(node);
    const fn = node.childForFieldName('function');
    const receiver = fn?.type === 'member_access_expression' ? fn.childForFieldName('expression') : undefined;
    const receiverText = receiver ? (csDottedName(receiver) ?? (receiver.type === 'invocation_expression' ? `${csCalleeName(receiver)}()` : receiver.text)) : '';
    const args = csArguments(node);
    for (const server of SERVER_CALLS) {
      if (!server.method.test(method)) continue;
      if (server.receiver && !server.receiver.test(receiverText)) continue;
      if (server.first && !server.first.test(args[0]?.value.text.replace(/\s+/g, '') ?? '')) continue;
      site(server, node, args[server.argument]?.value);
      break;
    }
    return true;
  });
  return sites.sort((a, b) => a.port.range.start - b.port.range.start);
}
