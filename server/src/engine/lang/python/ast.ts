/**
 * Helpers over tree-sitter-python nodes shared by several rules: dotted names, call arguments, literal values,
 * imports (and the edit that adds a missing `import x`), and one-hop resolution of a local name.
 */
import type { Node, QueryMatch } from 'web-tree-sitter';
import { isDebugVar, isEnvironmentNameVar } from '../../env';
import { pyEnvNameOf } from './env';
import { treeMatches, treeNodes, walkTree } from '../treesitter';
import type { TextEdit } from '../../types';

/**
 * The nodes captured as `name` in query matches, each once, in document pre-order — what `captures()` lists, read
 * from `matches()` (which the runner answers from one shared run over the tree instead of a walk per query).
 */
export function pyCapturedNodes(matches: readonly QueryMatch[], name: string): Node[] {
  const nodes = new Map<number, Node>();
  for (const match of matches) for (const capture of match.captures) if (capture.name === name && !nodes.has(capture.node.id)) nodes.set(capture.node.id, capture.node);
  return [...nodes.values()].sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
}

/** Every call of a name or an attribute, with that name: one query shared by the rules that look for calls by name. */
const CALLS_BY_NAME = '(call function: [(identifier) @name (attribute attribute: (identifier) @name)]) @call';

/**
 * The calls of the whole tree whose called name (`f(…)`, `x.f(…)`) is one of `names`, each once, in document
 * pre-order. The same calls as `(call function: [(identifier) @name (attribute attribute: (identifier) @name)]
 * (#any-of? @name …)) @call`; a #any-of? is evaluated in JS after every call is marshalled, so one shared query
 * filtered here costs one pass over the calls instead of one per rule.
 */
export function pyCallsNamed(root: Node, names: ReadonlySet<string>): Node[] {
  const tree = root.tree;
  const matches = treeMatches(tree, tree.language, CALLS_BY_NAME).filter((match) => {
    const name = match.captures.find((c) => c.name === 'name');
    return !!name && names.has(name.node.text);
  });
  return pyCapturedNodes(matches, 'call');
}

/** `a.b.c` → "a.b.c"; undefined for anything but identifiers and attribute chains. */
export function pyDottedName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = pyDottedName(node.childForFieldName('object'));
    const attribute = node.childForFieldName('attribute');
    return object === undefined || !attribute ? undefined : `${object}.${attribute.text}`;
  }
  return undefined;
}

/** The name a call calls: "logging.FileHandler", "app.run", "open". */
export function pyCallName(call: Node): string | undefined {
  return pyDottedName(call.childForFieldName('function'));
}

/** The last name of what a call calls, even on a computed receiver: "run" for `create_app().run(…)`. */
export function pyCalledMember(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return fn.text;
  if (fn?.type === 'attribute') return fn.childForFieldName('attribute')?.text;
  return undefined;
}

export function pyLastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

function argumentList(call: Node): Node[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? [];
}

/** Positional arguments, in order (stops at the first `*args`, after which positions are unknown). */
export function pyPositionalArguments(call: Node): Node[] {
  const out: Node[] = [];
  for (const argument of argumentList(call)) {
    if (argument.type === 'keyword_argument' || argument.type === 'dictionary_splat') continue;
    if (argument.type === 'list_splat') break;
    out.push(argument);
  }
  return out;
}

/** The `name=value` argument node of a call. */
export function pyKeywordArgument(call: Node, name: string): Node | undefined {
  return argumentList(call).find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
}

export function pyKeywordValue(call: Node, name: string): Node | undefined {
  return pyKeywordArgument(call, name)?.childForFieldName('value') ?? undefined;
}

/**
 * The value of a plain or implicitly concatenated string. f-strings with interpolations give undefined, or with
 * `templates` their text with each interpolation written `${…}`.
 */
export function pyStringValue(node: Node | null | undefined, templates = false): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    let value = '';
    for (const part of node.namedChildren) {
      const piece = part ? pyStringValue(part, templates) : undefined;
      if (piece === undefined) return undefined;
      value += piece;
    }
    return value;
  }
  if (node.type !== 'string') return undefined;
  const prefix = (node.firstChild?.text ?? '').toLowerCase();
  const raw = prefix.includes('r');
  let value = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'interpolation') {
      if (!templates) return undefined;
      value += `\${${child.namedChildren[0]?.text ?? ''}}`;
    }
    if (child.type === 'string_content') value += raw ? child.text : decodePyEscapes(child.text);
  }
  return value;
}

/**
 * Python's escapes, decoded leniently: source the interpreter would reject (`"\\x"`, `"\\U00110000"`) keeps its
 * escape as written instead of throwing, so one odd string never switches a rule off for the whole file.
 */
export function decodePyEscapes(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|\n|.)/g, (m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case '0': return '\0';
      case '\n': return '';
      case 'x': case 'u': case 'U': {
        // `\x` without its digits, or a code point past U+10FFFF, is left as written (Python would not compile it).
        const code = e.length > 1 ? parseInt(e.slice(1), 16) : NaN;
        return Number.isInteger(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      default: return e;
    }
  });
}

/** A decimal integer literal's value. */
export function pyIntValue(node: Node | null | undefined): number | undefined {
  if (!node || node.type !== 'integer' || !/^[0-9][0-9_]*$/.test(node.text)) return undefined;
  return Number(node.text.replace(/_/g, ''));
}

/** Every descendant (and the node itself) in document order. */
export function pyDescendants(node: Node): Node[] {
  const out: Node[] = [];
  walkTree(node, (n) => {
    out.push(n);
  });
  return out;
}

/** True when `os.environ` / `os.getenv` / `environ[...]` / `getenv(...)` appears inside the node. */
export function pyReadsEnvironment(node: Node): boolean {
  // Top-down with the parent's type in hand: tree-sitter answers `.parent` by a search from the root. The node's
  // own parent is asked for only when the node itself is such an identifier.
  // An explicit stack, not recursion (expressions can nest thousands deep).
  const stack: { n: Node; parentType: string | undefined }[] = [{ n: node, parentType: undefined }];
  while (stack.length > 0) {
    const { n, parentType } = stack.pop()!;
    if (n.type === 'attribute' && /^(os\.)?(environ|getenv)$/.test(pyDottedName(n) ?? '')) return true;
    if (n.type === 'identifier') {
      if ((n.text === 'environ' || n.text === 'getenv') && (parentType ?? n.parent?.type) !== 'attribute') return true;
      continue;
    }
    const children = n.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ n: child, parentType: n.type });
    }
  }
  return false;
}

/** Top-level `import m` / `import m.sub` / `import m as m` that binds the name `m`. */
export function pyImportsModule(root: Node, module: string): boolean {
  for (const statement of root.namedChildren) {
    if (!statement || statement.type !== 'import_statement') continue;
    for (const name of statement.childrenForFieldName('name')) {
      if (!name) continue;
      if (name.type === 'dotted_name' && (name.text === module || name.text.startsWith(`${module}.`))) return true;
      if (name.type === 'aliased_import' && name.childForFieldName('alias')?.text === module) return true;
    }
  }
  return false;
}

/** True when any `import pkg…` or `from pkg… import …` in the file names the package or one of its submodules. */
export function pyImportsPackage(root: Node, pkg: string): boolean {
  const modules = (n: Node) =>
    n.type === 'import_from_statement'
      ? [n.childForFieldName('module_name')]
      : n.childrenForFieldName('name').map((c) => (c?.type === 'aliased_import' ? c.childForFieldName('name') : c));
  const names = (m: Node | null) => !!m && (m.text === pkg || m.text.startsWith(`${pkg}.`));
  return importStatements(root).some((statement) => modules(statement).some(names));
}

/** Per tree: every import statement (`import …` and `from … import …`), in document order, found once. */
const importLists = new WeakMap<object, Node[]>();

function importStatements(root: Node): Node[] {
  let list = importLists.get(root.tree);
  if (!list) {
    list = treeNodes(root.tree, root.tree.language, '[(import_statement) (import_from_statement)] @import');
    importLists.set(root.tree, list);
  }
  return root.id === root.tree.rootNode.id ? list : list.filter((n) => root.startIndex <= n.startIndex && n.endIndex <= root.endIndex);
}

/** Names brought in by `from <module> import a, b as c` anywhere in the file: local → imported name. */
export function pyFromImports(root: Node, modules: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const statement of importStatements(root)) {
    if (statement.type !== 'import_from_statement' || !modules.includes(statement.childForFieldName('module_name')?.text ?? '')) continue;
    for (const name of statement.childrenForFieldName('name')) {
      if (!name) continue;
      if (name.type === 'dotted_name') out.set(name.text, name.text);
      if (name.type === 'aliased_import') {
        const original = name.childForFieldName('name')?.text;
        const alias = name.childForFieldName('alias')?.text;
        if (original && alias) out.set(alias, original);
      }
    }
  }
  return out;
}

/**
 * The edit adding `import <module>` when the file does not bind it yet: after the last top-level import, including
 * `from __future__ import …` (tree-sitter's `future_import_statement`, which must stay first), else after the module
 * docstring, else at the top below a shebang/encoding comment. Callers memoise it per file (AdapterInput.memo), so
 * 5,000 findings needing `import os` compute it once.
 */
export function pyAddImportEdit(root: Node, text: string, module: string): TextEdit | undefined {
  if (pyImportsModule(root, module)) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const statements = root.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
  const imports = statements.filter((n) => n.type === 'import_statement' || n.type === 'import_from_statement' || n.type === 'future_import_statement');
  const docstring = statements[0]?.type === 'expression_statement' && statements[0].namedChildren[0]?.type === 'string' ? statements[0] : undefined;
  const anchor = imports.length > 0 ? imports[imports.length - 1] : docstring;
  if (anchor) {
    // After a trailing comment on the anchor's line (`from __future__ import annotations  # PEP 563`), not inside it.
    let at = anchor.endIndex;
    const newline = text.indexOf('\n', at);
    const rest = text.slice(at, newline === -1 ? text.length : newline);
    if (/^[ \t]*#[^\r]*\r?$/.test(rest)) at += rest.endsWith('\r') ? rest.length - 1 : rest.length;
    return { start: at, end: at, newText: `${eol}import ${module}` };
  }
  // No import and no docstring: at the top, below a shebang and an encoding declaration.
  let offset = 0;
  for (;;) {
    const newline = text.indexOf('\n', offset);
    const line = text.slice(offset, newline === -1 ? text.length : newline);
    if (!/^#(!|.*coding[:=])/.test(line)) break;
    if (newline === -1) return { start: text.length, end: text.length, newText: `${eol}import ${module}${eol}` };
    offset = newline + 1;
  }
  return { start: offset, end: offset, newText: `import ${module}${eol}` };
}

/**
 * Per tree: the module and every function definition with its offsets read once (tree-sitter answers `.parent` by
 * a search from the root, and each offset read crosses into WebAssembly).
 */
const functionLists = new WeakMap<object, { root: Node; functions: { start: number; end: number; node: Node }[] }>();

/** The innermost function definition around the node, or the module; found by position, without `.parent`. */
export function pyEnclosingScope(node: Node): Node {
  let entry = functionLists.get(node.tree);
  if (!entry) {
    const root = node.tree.rootNode;
    const functions = treeNodes(node.tree, node.tree.language, '(function_definition) @function').map((n) => ({ start: n.startIndex, end: n.endIndex, node: n }));
    entry = { root, functions };
    functionLists.set(node.tree, entry);
  }
  const start = node.startIndex;
  const end = node.endIndex;
  let best: Node | undefined;
  for (const fn of entry.functions) {
    if (fn.start > start) break;
    if (fn.end >= end && !(fn.start === start && fn.end === end)) best = fn.node;
  }
  return best ?? entry.root;
}

/** Per tree: scope node id → name → assigned values. Built once per scope, so lookups stay linear in the file. */
const assignmentIndexes = new WeakMap<object, Map<number, Map<string, Node[]>>>();

function assignmentsOf(scope: Node): Map<string, Node[]> {
  let perTree = assignmentIndexes.get(scope.tree);
  if (!perTree) {
    perTree = new Map();
    assignmentIndexes.set(scope.tree, perTree);
  }
  let index = perTree.get(scope.id);
  if (index) return index;
  const built = new Map<string, Node[]>();
  const add = (target: Node | null, value: Node | null) => {
    if (!target || !value || target.type !== 'identifier') return;
    const list = built.get(target.text) ?? [];
    list.push(value);
    built.set(target.text, list);
  };
  walkTree(scope, (n) => {
    if (n.id === scope.id) return true;
    if (n.type === 'function_definition' || n.type === 'class_definition') return false;
    if (n.type === 'assignment' || n.type === 'for_statement') add(n.childForFieldName('left'), n.childForFieldName('right'));
  });
  perTree.set(scope.id, built);
  index = built;
  return index;
}

/**
 * The right-hand sides assigned to `name` in the scope (plain `name = value` statements and `for name in value`
 * loops, where the iterable is returned), not descending into nested functions.
 */
export function pyAssignedValues(scope: Node, name: string): Node[] {
  return assignmentsOf(scope).get(name) ?? [];
}

/**
 * True when the node (or, one hop, a local name in it) satisfies `test` — names resolved within the enclosing
 * scope. The walk knows which identifiers are attribute or keyword names (`x.name`, `f(name=…)`), not variables.
 */
export function pyMentions(node: Node, test: (n: Node) => boolean, scope?: Node, depth = 2): boolean {
  const resolveIn = () => (scope ??= pyEnclosingScope(node));
  // An explicit stack, not recursion (expressions can nest thousands deep); `depth` bounds the hops through names.
  const stack: { n: Node; isName: boolean }[] = [{ n: node, isName: false }];
  while (stack.length > 0) {
    const { n, isName } = stack.pop()!;
    if (test(n)) return true;
    if (n.type === 'identifier') {
      if (isName || depth === 0) continue;
      if (pyAssignedValues(resolveIn(), n.text).some((value) => value.id !== node.id && pyMentions(value, test, resolveIn(), depth - 1))) return true;
      continue;
    }
    const nameField = n.type === 'attribute' ? n.childForFieldName('attribute') : n.type === 'keyword_argument' ? n.childForFieldName('name') : null;
    const children = n.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ n: child, isName: child.id === nameField?.id });
    }
  }
  return false;
}

const PRODUCTION = /^(?:prod|production)$/i;
const NON_PRODUCTION = /^(?:dev|development|local|test)$/i;

/** `DEBUG`, `settings.DEBUG`, `app.debug`, `app.config['DEBUG']`, `os.environ.get('DEBUG')`. */
function isDebugFlag(node: Node): boolean {
  if (node.type === 'identifier') return isDebugVar(node.text);
  if (node.type === 'attribute') return /^(?:DEBUG|debug)$/.test(node.childForFieldName('attribute')?.text ?? '');
  if (node.type === 'subscript') return isDebugVar(pyStringValue(node.childForFieldName('subscript')) ?? '');
  const name = pyEnvNameOf(node);
  return name !== undefined && isDebugVar(name);
}

/** Whether an `if` condition holds only outside production (true), only in production (false), or neither (undefined). */
export function pyOutsideProduction(condition: Node): boolean | undefined {
  let test = condition;
  let negate = false;
  for (;;) {
    if (test.type === 'parenthesized_expression' && test.namedChildren[0]) test = test.namedChildren[0];
    else if (test.type === 'not_operator' && test.childForFieldName('argument')) [test, negate] = [test.childForFieldName('argument')!, !negate];
    else break;
  }
  if (isDebugFlag(test)) return !negate;
  if (test.type !== 'comparison_operator' || test.namedChildren.length !== 2) return undefined;
  const [left, right] = test.namedChildren as [Node, Node];
  const operator = test.child(1)?.type;
  const [envSide, valueSide] = pyStringValue(right) !== undefined ? [left, right] : [right, left];
  const variable = envSide.type === 'identifier' ? envSide.text : pyEnvNameOf(envSide);
  const value = pyStringValue(valueSide);
  if ((operator !== '==' && operator !== '!=') || variable === undefined || !isEnvironmentNameVar(variable) || value === undefined) return undefined;
  const equal = operator === '==';
  const result = (!equal && PRODUCTION.test(value)) || (equal && NON_PRODUCTION.test(value)) ? true : (equal && PRODUCTION.test(value)) || (!equal && NON_PRODUCTION.test(value)) ? false : undefined;
  return result === undefined ? undefined : result !== negate;
}

interface IfArms {
  condition: Node;
  then: [number, number];
  /** The final `else:` body, when the statement has no `elif` (with elifs the else is narrower than the negation). */
  otherwise?: [number, number];
}
const ifLists = new WeakMap<object, IfArms[]>();

/**
 * True when the node only runs outside production: in the body of `if DEBUG:`, `if app.debug:`,
 * `if os.environ.get('FLASK_ENV') == 'development':`, or the `else:` of `if ENV == 'production':`.
 */
export function pyInNonProductionBranch(node: Node): boolean {
  let arms = ifLists.get(node.tree);
  if (!arms) {
    arms = [];
    for (const statement of treeNodes(node.tree, node.tree.language, '(if_statement) @if')) {
      const condition = statement?.childForFieldName('condition');
      const body = statement?.childForFieldName('consequence');
      if (!statement || !condition || !body) continue;
      const alternatives = statement.childrenForFieldName('alternative').filter((n): n is Node => n !== null);
      const elseBody = alternatives.length === 1 && alternatives[0].type === 'else_clause' ? alternatives[0].childForFieldName('body') : null;
      arms.push({ condition, then: [body.startIndex, body.endIndex], otherwise: elseBody ? [elseBody.startIndex, elseBody.endIndex] : undefined });
    }
    ifLists.set(node.tree, arms);
  }
  const [start, end] = [node.startIndex, node.endIndex];
  const within = (range: [number, number] | undefined) => !!range && range[0] <= start && end <= range[1];
  return arms.some((arm) => (within(arm.then) && pyOutsideProduction(arm.condition) === true) || (within(arm.otherwise) && pyOutsideProduction(arm.condition) === false));
}
