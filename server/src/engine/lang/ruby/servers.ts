/**
 * Ruby listen sites as data (VII): Sinatra's `set :port, 4567` and `run!(port: 4567)`, Rack handlers'
 * `Rack::Handler::Puma.run(app, Port: 3000)` / `Rackup::Handler…`, `TCPServer.new(2000)`, and in Puma's config file
 * (`config/puma.rb`, `config/puma/*.rb`) `port 3000` and `bind "tcp://0.0.0.0:3000"`. A port counts when it is an
 * integer literal (or a numeric string), or a same-file constant holding one: `port ENV.fetch("PORT") { 3000 }` reads
 * the environment and is no site.
 */
import type { Node } from 'web-tree-sitter';
import type { ListenSite } from '../../facts';
import { walkTree } from '../treesitter';
import { rbArguments, rbCalleeName, rbIntValue, rbKeyName, rbStringValue } from './ast';

/** Puma's own config file: its DSL's bare `port`/`bind` calls set where Puma listens. */
export function isPumaConfig(path: string): boolean {
  return /(^|\/)config\/puma(\.rb|\/[^/]+\.rb)$|(^|\/)puma\.rb$/.test(path.replace(/\\/g, '/'));
}

/** `tcp://0.0.0.0:3000`, `ssl://127.0.0.1:9292?key=…` → the part before the port and the port. */
function splitBind(text: string | undefined): { host: string; port: number } | undefined {
  const match = /^(tcp:\/\/(?:\[[0-9a-fA-F:.]*\]|[\w.*-]+)):(\d{1,5})$/.exec(text ?? '');
  const port = match ? Number(match[2]) : 0;
  return match && port >= 1 && port <= 65535 ? { host: match[1], port } : undefined;
}

/** `PORT = 4567` assigned once in the file: its value. */
function constantValue(root: Node, name: string): Node | undefined {
  let found: Node | undefined;
  let count = 0;
  walkTree(root, (node) => {
    if (node.type !== 'assignment') return node.type !== 'comment';
    if (node.childForFieldName('left')?.text === name) {
      count++;
      found = node.childForFieldName('right') ?? undefined;
    }
    return true;
  });
  return count === 1 ? found : undefined;
}

export function rbListenSites(root: Node, path: string): ListenSite[] {
  const puma = isPumaConfig(path);
  const sites: ListenSite[] = [];
  const portSite = (call: string, expression: Node | null | undefined) => {
    if (!expression) return;
    const constant = expression.type === 'constant' ? expression.text : undefined;
    const literal = constant ? constantValue(root, constant) : expression;
    if (!literal) return;
    const text = rbStringValue(literal);
    const value = rbIntValue(literal) ?? (text !== undefined && /^\d{1,5}$/.test(text) ? Number(text) : undefined);
    if (value === undefined || value < 1 || value > 65535) return;
    sites.push({ call, port: { value, range: { start: literal.startIndex, end: literal.endIndex }, text: literal.text, ...(constant ? { constant } : {}) }, nonProduction: false });
  };
  const pairValue = (args: Node[], key: RegExp) => args.flatMap((a) => (a.type === 'pair' ? [a] : a.type === 'hash' ? a.namedChildren : [])).find((p) => p?.type === 'pair' && key.test(rbKeyName(p.childForFieldName('key')) ?? ''))?.childForFieldName('value');
  walkTree(root, (node) => {
    if (node.type === 'comment') return false;
    if (node.type !== 'call') return true;
    const callee = rbCalleeName(node);
    const method = node.childForFieldName('method')?.text ?? '';
    const args = rbArguments(node);
    const bare = !node.childForFieldName('receiver');
    if ((bare || /^(settings|self|Sinatra::Application|Sinatra::Base)\.set$/.test(callee) || /\.set$/.test(callee)) && method === 'set' && args.length === 2 && rbKeyName(args[0]) === 'port' && args[0].type === 'simple_symbol') {
      portSite('Sinatra set :port', args[1]);
    } else if (method === 'run!') {
      portSite('Sinatra run!', pairValue(args, /^port$/));
    } else if (/^(Rack|Rackup)::Handler::\w+\.run$/.test(callee)) {
      portSite(`${callee}()`, pairValue(args, /^Port$/));
    } else if (/^(TCPServer|WEBrick::HTTPServer)\.new$/.test(callee)) {
      if (callee === 'TCPServer.new') portSite('TCPServer.new()', args[args.length - 1]?.type === 'integer' || args[args.length - 1]?.type === 'constant' ? args[args.length - 1] : undefined);
      else portSite('WEBrick::HTTPServer.new()', pairValue(args, /^Port$/));
    } else if (puma && bare && method === 'port' && args.length >= 1) {
      portSite("Puma's port", args[0]);
    } else if (puma && bare && method === 'bind' && args.length === 1) {
      const literal = args[0];
      const address = splitBind(rbStringValue(literal));
      if (address) sites.push({ call: "Puma's bind", port: { value: address.port, range: { start: literal.startIndex, end: literal.endIndex }, text: literal.text, host: address.host }, nonProduction: false });
    }
    return true;
  });
  return sites.sort((a, b) => a.port.range.start - b.port.range.start);
}
