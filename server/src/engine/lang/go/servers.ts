/**
 * Go servers as data: which calls start one (net/http, gin, echo, fiber) and where their listen address is, for the
 * listen-site facts (VII) and the project facts' server starts (IX).
 *
 * `Run`, `Start` and `Listen` are common method names, so a call counts only with evidence that its receiver is a
 * framework's router: it was made by the framework's constructor or is typed as its engine in this file, or the
 * framework is imported and the receiver is named like a router (`r`, `e`, `app`, `router`, `server`), or the
 * receiver is named like a router and the call is handed a literal `host:port` address. gin's `r.Run()` without an
 * address reads PORT itself: it starts a server but is no listen site.
 */
import type { Node } from 'web-tree-sitter';
import type { ListenSite } from '../../facts';
import { walkTree } from '../treesitter';
import { goArguments, goCalleeName, goConstToVarEdit, goDottedName, goImports, goStringValue, splitAddress } from './ast';

interface Framework {
  /** Import paths (a major-version suffix is allowed after them). */
  modules: string[];
  constructors: string[];
  /** The engine type a parameter or field is declared with. */
  types: string[];
  methods: string[];
}

const FRAMEWORKS: readonly Framework[] = [
  { modules: ['github.com/gin-gonic/gin'], constructors: ['Default', 'New'], types: ['Engine'], methods: ['Run', 'RunTLS'] },
  { modules: ['github.com/labstack/echo'], constructors: ['New'], types: ['Echo'], methods: ['Start', 'StartTLS', 'StartAutoTLS'] },
  { modules: ['github.com/gofiber/fiber'], constructors: ['New'], types: ['App'], methods: ['Listen', 'ListenTLS'] },
];

const ROUTER_NAME = /^(r|e|g|s|app|api|router|engine|server|srv|web|echo|fiber|gin|mux)$|(router|server|app|engine|srv)$/i;
/** `http.ListenAndServe(addr, h)`, `http.ListenAndServeTLS(addr, …)` and `srv.ListenAndServe()` on an http.Server. */
const SERVE_METHODS = new Set(['ListenAndServe', 'ListenAndServeTLS']);

export interface GoServerCall {
  call: Node;
  /** How a message shows it: `http.ListenAndServe`, `r.Run`. */
  name: string;
  /** The argument holding the address, when the call takes one. */
  address?: Node;
}

/** The frameworks the file imports, by local package name. */
function importedFrameworks(root: Node): Map<string, Framework> {
  const out = new Map<string, Framework>();
  for (const [path, { local }] of goImports(root)) {
    const framework = FRAMEWORKS.find((f) => f.modules.some((m) => path === m || path.startsWith(`${m}/v`)));
    if (framework) out.set(local, framework);
  }
  return out;
}

/** Names in the file bound to a framework engine: `r := gin.Default()`, `func f(e *echo.Echo)`, `router *gin.Engine`. */
function engineNames(root: Node, frameworks: Map<string, Framework>): Map<string, Framework> {
  const names = new Map<string, Framework>();
  if (frameworks.size === 0) return names;
  walkTree(root, (node) => {
    if (node.type === 'short_var_declaration' || node.type === 'assignment_statement' || node.type === 'var_spec') {
      const left = node.type === 'var_spec' ? node.childrenForFieldName('name') : (node.childForFieldName('left')?.namedChildren ?? []);
      const right = node.childForFieldName(node.type === 'var_spec' ? 'value' : 'right')?.namedChildren ?? [];
      right.forEach((value, index) => {
        if (value?.type !== 'call_expression') return;
        const [pkg, fn] = goCalleeName(value).split('.');
        const framework = frameworks.get(pkg);
        const target = left[index];
        const name = target && (target.type === 'selector_expression' ? target.childForFieldName('field')?.text : target.text);
        if (framework && fn && framework.constructors.includes(fn) && name) names.set(name, framework);
      });
    } else if (node.type === 'parameter_declaration' || node.type === 'field_declaration') {
      const type = node.childForFieldName('type');
      const named = type?.type === 'pointer_type' ? type.namedChildren[0] : type;
      const [pkg, typeName] = (goDottedName(named) ?? '').split('.');
      const framework = frameworks.get(pkg);
      if (framework && typeName && framework.types.includes(typeName)) {
        for (const name of node.childrenForFieldName('name')) if (name) names.set(name.text, framework);
      }
    }
    return node.type !== 'comment';
  });
  return names;
}

/** Every call in the file that starts a server, with its address argument. */
export function goServerCalls(root: Node): GoServerCall[] {
  const frameworks = importedFrameworks(root);
  const engines = engineNames(root, frameworks);
  const anyFramework = [...frameworks.values()];
  const out: GoServerCall[] = [];
  walkTree(root, (node) => {
    if (node.type !== 'call_expression') return true;
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'selector_expression') return true;
    const method = fn.childForFieldName('field')?.text ?? '';
    const receiver = fn.childForFieldName('operand');
    const receiverName = goDottedName(receiver);
    const name = goCalleeName(node);
    const args = goArguments(node);
    if (SERVE_METHODS.has(method)) {
      // `http.ListenAndServe(":8080", h)` takes the address; `srv.ListenAndServe()` reads it from the Server.
      out.push({ call: node, name, address: receiverName === 'http' ? args[0] : undefined });
      return true;
    }
    const last = receiverName?.slice(receiverName.lastIndexOf('.') + 1);
    const engine = last !== undefined ? engines.get(last) : undefined;
    const methodOf = (f: Framework) => f.methods.includes(method);
    const typed = engine !== undefined && methodOf(engine);
    const named = last !== undefined && ROUTER_NAME.test(last) && FRAMEWORKS.some(methodOf);
    const imported = named && anyFramework.some(methodOf);
    const literalAddress = named && args[0] !== undefined && splitAddress(goStringValue(args[0])) !== undefined;
    if (typed || imported || literalAddress) out.push({ call: node, name, address: args[0] });
    return true;
  });
  return out;
}

/** The string literal an address expression is, directly or through a same-file `const`/`var` holding one. */
function addressLiteral(root: Node, expression: Node): { literal: Node; constant?: string; dialect?: string } | undefined {
  if (expression.type === 'interpreted_string_literal' || expression.type === 'raw_string_literal') return { literal: expression };
  if (expression.type !== 'identifier') return undefined;
  let found: { literal: Node; constant?: string; dialect?: string } | undefined;
  let count = 0;
  walkTree(root, (node) => {
    if (node.type === 'const_spec' || node.type === 'var_spec') {
      const names = node.childrenForFieldName('name');
      const values = node.childForFieldName('value')?.namedChildren ?? [];
      names.forEach((name, index) => {
        const value = values[index];
        if (name?.text !== expression.text || !value) return;
        count++;
        if (goStringValue(value) === undefined) return;
        // A Go const cannot hold a function call: the fix turns its declaration into a `var` (not one counting iota).
        const constant = node.type === 'const_spec';
        if (constant && !goConstToVarEdit(root, value.startIndex)) return;
        found = { literal: value, constant: expression.text, dialect: constant ? `go-const@${value.startIndex}` : undefined };
      });
      return false;
    }
    if (node.type === 'short_var_declaration' || node.type === 'assignment_statement') {
      const left = node.childForFieldName('left')?.namedChildren ?? [];
      const right = node.childForFieldName('right')?.namedChildren ?? [];
      left.forEach((target, index) => {
        if (target?.text !== expression.text) return;
        count++;
        const value = right[index];
        if (value && goStringValue(value) !== undefined && node.type === 'short_var_declaration') found = { literal: value, constant: expression.text };
      });
    }
    return node.type !== 'comment';
  });
  return count === 1 ? found : undefined; // assigned more than once: not a constant
}

/** The listen sites of a Go file: server calls and `http.Server{Addr: …}` literals with a hardcoded address. */
export function goListenSites(root: Node): ListenSite[] {
  const sites: ListenSite[] = [];
  const site = (call: string, expression: Node | undefined) => {
    if (!expression) return;
    const found = addressLiteral(root, expression);
    const address = found && splitAddress(goStringValue(found.literal));
    if (!found || !address) return;
    sites.push({
      call,
      port: { value: address.port, range: { start: found.literal.startIndex, end: found.literal.endIndex }, text: found.literal.text, host: address.host, ...(found.constant ? { constant: found.constant } : {}) },
      nonProduction: false,
      ...(found.dialect ? { dialect: found.dialect } : {}),
    });
  };
  for (const server of goServerCalls(root)) site(`${server.name}()`, server.address);
  walkTree(root, (node) => {
    if (node.type === 'call_expression' && goCalleeName(node) === 'net.Listen') site('net.Listen()', goArguments(node)[1]);
    if (node.type !== 'composite_literal') return true;
    const type = node.childForFieldName('type');
    if (goDottedName(type) !== 'http.Server') return true;
    for (const element of node.childForFieldName('body')?.namedChildren ?? []) {
      if (element?.type !== 'keyed_element' || element.namedChildren[0]?.text !== 'Addr') continue;
      site('http.Server{Addr}', element.namedChildren[1]?.namedChildren[0] ?? undefined);
    }
    return true;
  });
  return sites.sort((a, b) => a.port.range.start - b.port.range.start);
}
