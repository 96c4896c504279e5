/**
 * Config literals of a Python file (see ConfigLiteral in engine/facts.ts), from one set of tree-sitter query
 * captures: assignments, keyword arguments, dict pairs, parameter defaults, positional arguments, returns.
 */
import type { Node, Query } from 'web-tree-sitter';
import type { ConfigContextKind, ConfigLiteral } from '../../facts';
import { calleeIgnored, DEFAULT_NAMES, ENV_KEYWORD } from '../configVocabulary';
import { pyDottedName, pyStringValue } from './ast';

type Context = Omit<ConfigLiteral, 'value' | 'range'>;

const PY_FALLBACK_CALLEE = /(^|\.)(getenv|environ\.get|environ\.setdefault)$|^(env|config|decouple\.config|environ\.Env)(\.\w+)?$|\.config\.get$|^dj_database_url\.config$/;


/**
 * Every context a Python literal can have, as query captures. The structure around a value (the dict a pair sits
 * in, the call an argument belongs to, the class an assignment is in) comes from the captures too, never from
 * `node.parent`, which tree-sitter answers by searching down from the root. A call without arguments (`. (_)` asks
 * for a first named child) holds no literal and no container, and nothing looks its callee up: it is not matched.
 */
const PY_QUERY = `
(assignment left: (_) @target right: (_) @value) @assign
(call function: (_) @callee arguments: (argument_list (keyword_argument name: (identifier) @keyword value: (_) @value) @kwarg) @args) @call
(dictionary (pair key: (string) @key value: (_) @value) @pair) @dict
(default_parameter name: (identifier) @param value: (_) @value)
(typed_default_parameter name: (identifier) @param value: (_) @value)
(call function: (_) @callee arguments: (argument_list . (_)) @positional) @call
(class_definition superclasses: (argument_list) @supers body: (block (expression_statement (assignment) @field)))
(return_statement (_) @returned)
`;

/** Per tree: node id → does an environment read or a config lookup appear inside it (pyEnvRead)? */
const pyEnvReads = new WeakMap<object, Map<number, boolean>>();

/**
 * True when `os.environ`/`os.getenv` (pyReadsEnvironment) or a config lookup call (`config('X', default=…)`)
 * appears inside the node. Memoised per node and computed bottom-up without recursion: pyLeaves asks about both
 * operands at every level of an `a or 'b' or …` chain, which walked the chain again per level (quadratic).
 */
function pyEnvRead(start: Node): boolean {
  let known = pyEnvReads.get(start.tree);
  if (!known) {
    known = new Map();
    pyEnvReads.set(start.tree, known);
  }
  const memo = known;
  const cached = memo.get(start.id);
  if (cached !== undefined) return cached;
  const stack: { node: Node; parentType: string | undefined; exit: boolean }[] = [{ node: start, parentType: undefined, exit: false }];
  while (stack.length > 0) {
    const { node, parentType, exit } = stack.pop()!;
    if (memo.has(node.id)) continue;
    let own = false;
    if (node.type === 'attribute') own = /^(os\.)?(environ|getenv)$/.test(pyDottedName(node) ?? '');
    else if (node.type === 'identifier') own = (node.text === 'environ' || node.text === 'getenv') && (parentType ?? node.parent?.type) !== 'attribute';
    if (node.type === 'call') own ||= PY_FALLBACK_CALLEE.test(pyDottedName(node.childForFieldName('function')) ?? '');
    const children = node.namedChildren.filter((c): c is Node => c !== null);
    if (own || children.length === 0) {
      memo.set(node.id, own);
      continue;
    }
    if (!exit) {
      stack.push({ node, parentType, exit: true });
      for (let i = children.length - 1; i >= 0; i--) if (!memo.has(children[i].id)) stack.push({ node: children[i], parentType: node.type, exit: false });
      continue;
    }
    memo.set(node.id, children.some((child) => memo.get(child.id) === true));
  }
  return memo.get(start.id) === true;
}

/**
 * The string leaves of a value expression, with the fallback flag of each, in source order. An explicit stack, not
 * recursion: `x = [[[[…]]]]` 8,000 deep is a valid Python file.
 */
function pyLeaves(start: Node, startFallback = false): { node: Node; fallback: boolean }[] {
  const out: { node: Node; fallback: boolean }[] = [];
  const stack: { node: Node; fallback: boolean }[] = [{ node: start, fallback: startFallback }];
  while (stack.length > 0) {
    const { node, fallback } = stack.pop()!;
    switch (node.type) {
      case 'string':
      case 'concatenated_string':
        out.push({ node, fallback });
        break;
      case 'parenthesized_expression':
        if (node.namedChildren[0]) stack.push({ node: node.namedChildren[0], fallback });
        break;
      case 'boolean_operator': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) break;
        stack.push({ node: right, fallback: fallback || pyEnvRead(left) }, { node: left, fallback: fallback || pyEnvRead(right) });
        break;
      }
      case 'conditional_expression': {
        const [whenTrue, , whenFalse] = node.namedChildren;
        if (!whenTrue || !whenFalse) break;
        stack.push({ node: whenFalse, fallback: fallback || pyEnvRead(whenTrue) }, { node: whenTrue, fallback: fallback || pyEnvRead(whenFalse) });
        break;
      }
      case 'list':
      case 'tuple':
      case 'set': {
        const children = node.namedChildren;
        for (let i = children.length - 1; i >= 0; i--) {
          const child = children[i];
          if (child) stack.push({ node: child, fallback });
        }
        break;
      }
    }
  }
  return out;
}

/** What holds a dict or call: an assignment target, a dict key (inside another dict), or a call's argument. */
interface Holder {
  name?: string;
  /** The dict this one is a value of. */
  dict?: number;
  /** The call this one is an argument of. */
  call?: number;
  settingsField?: boolean;
}

/** Dicts and calls reachable from a value through wrappers that pass it on (parentheses, lists, `or`, ternaries). */
function pyContainers(start: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [start];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'dictionary':
      case 'call':
        out.push(node);
        break;
      case 'parenthesized_expression':
      case 'list':
      case 'tuple':
      case 'set':
      case 'boolean_operator':
      case 'conditional_expression': {
        const children = node.namedChildren;
        for (let i = children.length - 1; i >= 0; i--) {
          const child = children[i];
          if (child) stack.push(child);
        }
        break;
      }
    }
  }
  return out;
}

interface PyIndex {
  holders: Map<number, Holder>;
  /** The function node of each call; its dotted name is read only when asked for (pyCalleeName). */
  callees: Map<number, Node>;
  calleeNames: Map<number, string>;
}

/** The dotted name a call calls ('?' when it is computed or unknown), read once per call and only on demand. */
function pyCalleeName(index: PyIndex, call: number): string {
  let name = index.calleeNames.get(call);
  if (name === undefined) {
    const callee = index.callees.get(call);
    name = callee ? (pyDottedName(callee) ?? '?') : '?';
    index.calleeNames.set(call, name);
  }
  return name;
}

/** The names and call around a dict or call: `DATABASES = {'default': {…}}` → owners ['DATABASES', 'default']. */
function pyOwners(index: PyIndex, start: Node): { owners: string[]; callee?: string; fallback: boolean } {
  const owners: string[] = [];
  let id = start.id;
  for (let depth = 0; depth < 20; depth++) {
    const holder = index.holders.get(id);
    if (!holder) break;
    if (holder.name !== undefined) owners.unshift(holder.name);
    if (holder.dict !== undefined) {
      id = holder.dict;
      continue;
    }
    if (holder.call !== undefined) {
      const callee = pyCalleeName(index, holder.call);
      return { owners, callee, fallback: PY_FALLBACK_CALLEE.test(callee) };
    }
    return { owners, fallback: holder.settingsField ?? false };
  }
  return { owners, fallback: false };
}

function pyTargetName(target: Node): { kind: ConfigContextKind; name: string; owner?: string } | undefined {
  if (target.type === 'identifier') return { kind: 'variable', name: target.text };
  if (target.type === 'attribute') {
    const attribute = target.childForFieldName('attribute');
    const object = target.childForFieldName('object');
    return attribute ? { kind: 'property', name: attribute.text, owner: (object && pyDottedName(object)) ?? object?.text } : undefined;
  }
  if (target.type === 'subscript') {
    const key = target.childForFieldName('subscript');
    const value = target.childForFieldName('value');
    const name = key ? pyStringValue(key) : undefined;
    return name === undefined ? undefined : { kind: 'key', name, owner: (value ? pyDottedName(value) : undefined) ?? value?.text };
  }
  return undefined;
}

/**
 * The string entries of a dict or keyword list by name, read from the tree once per container (`cache`) and shared by
 * its literals: reading every entry again for each entry was quadratic in tree-sitter calls (seconds on a dict of a
 * thousand keys, such as generated settings or lookup tables).
 */
function pySiblings(cache: Map<number, Readonly<Record<string, string>>>, container: Node | null): Readonly<Record<string, string>> {
  if (!container) return {};
  let entries = cache.get(container.id);
  if (!entries) {
    const out: Record<string, string> = {};
    for (const entry of container.namedChildren) {
      if (!entry) continue;
      const keyNode = entry.type === 'pair' ? entry.childForFieldName('key') : entry.type === 'keyword_argument' ? entry.childForFieldName('name') : null;
      const valueNode = entry.childForFieldName('value');
      const key = keyNode ? (keyNode.type === 'identifier' ? keyNode.text : pyStringValue(keyNode)) : undefined;
      const value = valueNode ? pyStringValue(valueNode) : undefined;
      if (key !== undefined && value !== undefined) out[key] = value;
    }
    entries = Object.freeze(out);
    cache.set(container.id, entries);
  }
  return entries;
}

/** Every config literal of the file, in document order. */
export function pyConfigLiterals(context: { root: Node; query(source: string): Query }): ConfigLiteral[] {
  const matches = context.query(PY_QUERY).matches(context.root).map((match) => {
    const captures = new Map<string, Node>();
    for (const capture of match.captures) captures.set(capture.name, capture.node);
    return captures;
  });
  // First pass: what holds each dict and call, the callee of each call, and the fields of BaseSettings classes.
  const index: PyIndex = { holders: new Map(), callees: new Map(), calleeNames: new Map() };
  const settingsFields = new Set<number>();
  for (const m of matches) {
    const call = m.get('call');
    const callee = m.get('callee');
    if (call && callee) index.callees.set(call.id, callee);
    const field = m.get('field');
    if (field && /\bBaseSettings\b/.test(m.get('supers')?.text ?? '')) settingsFields.add(field.id);
  }
  const hold = (value: Node, holder: Holder) => {
    for (const container of pyContainers(value)) if (!index.holders.has(container.id)) index.holders.set(container.id, holder);
  };
  for (const m of matches) {
    const value = m.get('value');
    const target = m.get('target');
    const assign = m.get('assign');
    if (value && target && assign) hold(value, { name: pyTargetName(target)?.name ?? target.text, settingsField: settingsFields.has(assign.id) });
    const key = m.get('key');
    const dict = m.get('dict');
    if (value && key && dict) hold(value, { name: pyStringValue(key), dict: dict.id });
    const keyword = m.get('keyword');
    const call = m.get('call');
    if (value && keyword && call) hold(value, { name: keyword.text, call: call.id });
    const positional = m.get('positional');
    if (positional && call) for (const argument of positional.namedChildren) if (argument && argument.type !== 'keyword_argument') hold(argument, { call: call.id });
  }

  // Second pass: the literals.
  const out = new Map<number, ConfigLiteral>();
  const entries = new Map<number, Readonly<Record<string, string>>>();
  const add = (leaf: { node: Node; fallback: boolean }, context: Context) => {
    if (out.has(leaf.node.startIndex)) return;
    const literal = pyStringValue(leaf.node);
    const value = literal ?? pyStringValue(leaf.node, true);
    if (value === undefined) return;
    const template = literal === undefined ? { template: true } : {};
    out.set(leaf.node.startIndex, { value, range: { start: leaf.node.startIndex, end: leaf.node.endIndex }, ...context, envFallback: context.envFallback || leaf.fallback, ...template });
  };
  for (const m of matches) {
    const returned = m.get('returned');
    if (returned) {
      for (const leaf of pyLeaves(returned)) add(leaf, { kind: 'return', name: 'return', owners: [], siblings: {}, envFallback: false });
      continue;
    }
    const value = m.get('value');
    const positional = m.get('positional');
    const call = m.get('call');
    if (positional && call) {
      const children = positional.namedChildren;
      // The callee and the env keywords are read only when an argument holds a literal (most calls pass none); an
      // ignored callee adds nothing, as before, since nothing was added ahead of the first literal.
      let name: string | undefined;
      let hasEnvVar: boolean | undefined;
      let position = 0;
      for (const argument of children) {
        if (!argument || argument.type === 'comment') continue;
        if (argument.type === 'keyword_argument' || argument.type === 'dictionary_splat' || argument.type === 'list_splat') break;
        const leaves = pyLeaves(argument);
        if (leaves.length > 0) {
          name ??= pyCalleeName(index, call.id);
          if (calleeIgnored(name)) break;
          hasEnvVar ??= children.some((a) => a?.type === 'keyword_argument' && ENV_KEYWORD.test(a.childForFieldName('name')?.text ?? ''));
          const fallback = (position >= 1 && PY_FALLBACK_CALLEE.test(name)) || hasEnvVar; // typer.Option('…', envvar='X')
          for (const leaf of leaves) add(leaf, { kind: 'argument', name, callee: name, argumentIndex: position, owners: [], siblings: {}, envFallback: fallback });
        }
        position++;
      }
      continue;
    }
    if (!value) continue;
    // A value without a string leaf adds nothing: skip its context (owners, sibling entries), the costly part.
    const leaves = pyLeaves(value);
    if (leaves.length === 0) continue;
    const target = m.get('target');
    const key = m.get('key');
    const keyword = m.get('keyword');
    const param = m.get('param');
    let found: Context | undefined;
    if (target) {
      const named = pyTargetName(target);
      const assign = m.get('assign');
      if (named) found = { kind: named.kind, name: named.name, owners: named.owner ? [named.owner] : [], siblings: {}, envFallback: assign !== undefined && settingsFields.has(assign.id) };
    } else if (key) {
      const name = pyStringValue(key);
      const dict = m.get('dict')!;
      const around = pyOwners(index, dict);
      if (name !== undefined) found = { kind: 'key', name, owners: around.owners, callee: around.callee, siblings: pySiblings(entries, dict), envFallback: around.fallback || DEFAULT_NAMES.has(name) };
    } else if (keyword && call) {
      const callee = pyCalleeName(index, call.id);
      if (calleeIgnored(callee)) continue;
      const args = m.get('args')!;
      const hasEnvVar = args.namedChildren.some((a) => a?.type === 'keyword_argument' && ENV_KEYWORD.test(a.childForFieldName('name')?.text ?? ''));
      const around = pyOwners(index, call);
      const fallback = PY_FALLBACK_CALLEE.test(callee) || (keyword.text === 'default' && hasEnvVar) || around.fallback;
      found = { kind: 'keyword', name: keyword.text, callee, owners: around.owners, siblings: pySiblings(entries, args), envFallback: fallback };
    } else if (param) {
      found = { kind: 'default', name: param.text, owners: [], siblings: {}, envFallback: false };
    }
    if (found) for (const leaf of leaves) add(leaf, found);
  }
  return [...out.values()].sort((a, b) => a.range.start - b.range.start);
}
