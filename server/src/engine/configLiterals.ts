/**
 * The shared "string literal used as config" finder. A config literal is a string literal (or template literal,
 * or f-string) that gives a value to something with a name: a variable, a property or class field, a dict key, a
 * keyword argument, a parameter default — or that is passed as a positional argument to a call, named after the
 * callee (`mongoose.connect`), or returned by a function (kind `return`, named `return`). Templates with substitutions come back marked `template`, their substitutions
 * written `${…}`. Everything else is not config and is never returned: import/require
 * specifiers, types, comments, object keys, comparisons, and arguments of string, regex, logging, i18n and error
 * helpers (`s.replace('postgres://', …)`, `url.startsWith('redis://')`, `new Error('…')`).
 *
 * Literals that only apply when the environment is silent are marked `envFallback`: `process.env.X || '…'`,
 * `process.env.X ?? '…'`, `os.environ.get('X', '…')`, `os.getenv('X', '…')`, `config.get('x', '…')`, schema
 * defaults (`default: '…'`), pydantic BaseSettings fields, and click/typer defaults next to `envvar=`.
 *
 * JS/TS is read from the TypeScript AST; Python from tree-sitter queries. The list is computed once per file
 * (context.memo) and shared by every rule that asks.
 */
import type * as ts from 'typescript';
import type { Node } from 'web-tree-sitter';
import { dottedName, readsEnvironment, valueLiterals } from './jsAst';
import { pyDottedName, pyReadsEnvironment } from './pyAst';
import type { JsRuleContext, OffsetRange, TreeSitterRuleContext } from './types';

/**
 * Where the literal sits. `argument` and `return` (a value a function returns: `return '…'`, an arrow function's body)
 * have no name of their own, so rules judge them by their value alone.
 */
export type ConfigContextKind = 'variable' | 'property' | 'key' | 'keyword' | 'argument' | 'default' | 'return';

export interface ConfigLiteral {
  /** The literal's value (escapes decoded). */
  value: string;
  /** The literal including its quotes: replacing this range replaces the value. */
  range: OffsetRange;
  kind: ConfigContextKind;
  /** Variable, property, dict key, keyword or parameter name; for a positional argument, the callee. */
  name: string;
  /** The call the value feeds: the callee of an argument, or of the call an enclosing object/dict is passed to. */
  callee?: string;
  /** Index among a call's arguments (positional arguments only). */
  argumentIndex?: number;
  /** Enclosing names, outermost first: `DATABASES = {'default': {'PASSWORD': …}}` → ['DATABASES', 'default']. */
  owners: string[];
  /**
   * String values of the entries of the same object, dict or keyword list, by name — shared by every literal of that
   * container, so it includes the literal's own entry: skip `name` when reading it.
   */
  siblings: Readonly<Record<string, string>>;
  /** The value is only a default for when the environment (or a config source) provides none. */
  envFallback: boolean;
  /**
   * A template literal or f-string with substitutions, rendered with `${…}` in their place
   * (`postgres://app:pw@${host}/app`). Rules may judge its fixed parts but must not offer to replace it whole.
   */
  template?: boolean;
}

const MEMO_KEY = 'engine.configLiterals';

/** Callees whose string arguments are patterns, messages, paths or keys — never config values. */
const IGNORED_METHODS = new Set([
  'replace', 'replaceAll', 'startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'split', 'match', 'matchAll',
  'search', 'test', 'exec', 'concat', 'padStart', 'padEnd', 'localeCompare', 'startswith', 'endswith', 'find', 'rfind',
  'index', 'rindex', 'count', 'strip', 'lstrip', 'rstrip', 'removeprefix', 'removesuffix', 'partition', 'rpartition',
  'querySelector', 'querySelectorAll', 'getElementById', 'getAttribute', 'log', 'info', 'warn', 'warning', 'error',
  'debug', 'trace', 'fatal', 'critical', 'exception', 'print', 'assert', 'require', 'import', 'RegExp', 'compile',
  'sub', 'fullmatch', 't', '$t', '__', '_', 'gettext', 'ngettext', 'translate', 'i18n', 'describe', 'it', 'expect',
  'input', 'getpass', 'prompt', 'alert', 'confirm', 'join', 'resolve', 'dirname', 'basename', 'extname', 'hasattr',
  'getattr', 'setattr', 'isinstance', 'has', 'delete', 'remove', 'emit', 'on', 'once',
]);

/** Calls that read a value with a default: the default argument (index ≥ 1, or `default=`) is a fallback. */
const JS_FALLBACK_CALLEE = /^(env|getEnv|readEnv|envOr|fromEnv|Deno\.env\.get)$|(^|\.)(config|conf|nconf|settings|env|environment|configService|convict)\.(get|getOrDefault|getOrThrow)$/i;
const PY_FALLBACK_CALLEE = /(^|\.)(getenv|environ\.get|environ\.setdefault)$|^(env|config|decouple\.config|environ\.Env)(\.\w+)?$|\.config\.get$|^dj_database_url\.config$/;
/** Keywords that bind a value to an environment variable (click, typer, pydantic `Field`). */
const ENV_KEYWORD = /^(env|envvar|env_var|validation_alias)$/;
/** Property / keyword names whose value is a schema default (convict, envalid, zod-like builders). */
const DEFAULT_NAMES = new Set(['default', 'devDefault', 'defaultValue', 'fallback']);

function calleeIgnored(callee: string | undefined): boolean {
  if (callee === undefined) return false;
  const last = callee.slice(callee.lastIndexOf('.') + 1);
  if (/^(console|logger|log|logging|re|path|os\.path|i18n|i18next)(\.|$)/.test(callee)) return true;
  return IGNORED_METHODS.has(last) || /(Error|Exception|Warning)$/.test(last);
}

// ─── JavaScript / TypeScript ────────────────────────────────────────────────────────────────────────────────────

function jsEnvRead(tsApi: typeof ts, node: ts.Node): boolean {
  if (readsEnvironment(node)) return true;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (tsApi.isIdentifier(n) && /^(env|ENV|environ|environment)$/.test(n.text)) found = true;
    else if (tsApi.isCallExpression(n) && JS_FALLBACK_CALLEE.test(dottedName(n.expression) ?? '')) found = true;
    else tsApi.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function jsPropertyName(tsApi: typeof ts, name: ts.PropertyName | ts.BindingName): string | undefined {
  if (tsApi.isIdentifier(name) || tsApi.isStringLiteral(name) || tsApi.isNoSubstitutionTemplateLiteral(name) || tsApi.isPrivateIdentifier(name)) {
    return name.text.replace(/^#/, '');
  }
  if (tsApi.isComputedPropertyName(name) && (tsApi.isStringLiteral(name.expression) || tsApi.isNoSubstitutionTemplateLiteral(name.expression))) return name.expression.text;
  return undefined;
}

function calleeName(tsApi: typeof ts, call: ts.CallExpression | ts.NewExpression): string {
  return dottedName(call.expression) ?? (tsApi.isPropertyAccessExpression(call.expression) ? `?.${call.expression.name.text}` : '?');
}

interface Climb {
  top: ts.Node;
  fallback: boolean;
}

/** `||`, `??`, `&&`: the value passes through. */
function isValueOperator(tsApi: typeof ts, kind: ts.SyntaxKind): boolean {
  return kind === tsApi.SyntaxKind.BarBarToken || kind === tsApi.SyntaxKind.QuestionQuestionToken || kind === tsApi.SyntaxKind.AmpersandAmpersandToken;
}

/** Climbs through wrappers that pass a value on unchanged: parentheses, assertions, `||`/`??`/`&&`, ternaries, arrays. */
function climbJs(tsApi: typeof ts, start: ts.Node): Climb {
  let node = start;
  let fallback = false;
  for (;;) {
    const parent = node.parent;
    if (!parent) return { top: node, fallback };
    if (tsApi.isParenthesizedExpression(parent) || tsApi.isAsExpression(parent) || tsApi.isSatisfiesExpression(parent) || tsApi.isNonNullExpression(parent) || tsApi.isTypeAssertionExpression(parent)) {
      node = parent;
    } else if (tsApi.isBinaryExpression(parent) && isValueOperator(tsApi, parent.operatorToken.kind)) {
      if (jsEnvRead(tsApi, parent.left === node ? parent.right : parent.left)) fallback = true;
      node = parent;
    } else if (tsApi.isConditionalExpression(parent) && parent.condition !== node) {
      if (jsEnvRead(tsApi, parent.whenTrue === node ? parent.whenFalse : parent.whenTrue)) fallback = true;
      node = parent;
    } else if (tsApi.isArrayLiteralExpression(parent)) {
      node = parent;
    } else {
      return { top: node, fallback };
    }
  }
}

/** Names and the call around an object literal: `app.use(session({ cookie: { … } }))` → owners ['cookie'], callee 'session'. */
function jsOwners(tsApi: typeof ts, object: ts.Node): { owners: string[]; callee?: string; fallback: boolean } {
  const owners: string[] = [];
  let fallback = false;
  let node = object;
  for (let depth = 0; depth < 20; depth++) {
    const climb = climbJs(tsApi, node);
    fallback ||= climb.fallback;
    const parent = climb.top.parent;
    if (tsApi.isPropertyAssignment(parent)) {
      const name = jsPropertyName(tsApi, parent.name);
      if (name !== undefined) owners.unshift(name);
      node = parent.parent;
      continue;
    }
    if (tsApi.isVariableDeclaration(parent) && tsApi.isIdentifier(parent.name)) owners.unshift(parent.name.text);
    else if (tsApi.isBinaryExpression(parent) && parent.operatorToken.kind === tsApi.SyntaxKind.EqualsToken) owners.unshift(dottedName(parent.left) ?? parent.left.getText());
    else if (tsApi.isPropertyDeclaration(parent)) owners.unshift(jsPropertyName(tsApi, parent.name) ?? '?');
    else if ((tsApi.isCallExpression(parent) || tsApi.isNewExpression(parent)) && climb.top !== parent.expression) return { owners, callee: calleeName(tsApi, parent), fallback };
    return { owners, fallback };
  }
  return { owners, fallback };
}

/**
 * Each object literal's string-valued properties by name, built once per object and shared by its literals (a map
 * per literal without its own entry was quadratic: seconds on an i18n object of a few thousand keys).
 */
const jsEntries = new WeakMap<ts.ObjectLiteralExpression, Readonly<Record<string, string>>>();

function jsSiblings(tsApi: typeof ts, object: ts.ObjectLiteralExpression): Readonly<Record<string, string>> {
  let entries = jsEntries.get(object);
  if (!entries) {
    const out: Record<string, string> = {};
    for (const property of object.properties) {
      if (!tsApi.isPropertyAssignment(property)) continue;
      const name = jsPropertyName(tsApi, property.name);
      const init = property.initializer;
      if (name !== undefined && (tsApi.isStringLiteral(init) || tsApi.isNoSubstitutionTemplateLiteral(init))) out[name] = init.text;
    }
    entries = Object.freeze(out);
    jsEntries.set(object, entries);
  }
  return entries;
}

function collectJs(context: JsRuleContext): ConfigLiteral[] {
  const { ast, ts: tsApi } = context;
  const out: ConfigLiteral[] = [];
  // The literals in the order a depth-first walk meets them, none under imports, types, JSX attributes or enums: from
  // the file's shared index (no walk of our own).
  const literals = valueLiterals(ast);
  for (const node of literals) {
    if (tsApi.isStringLiteral(node) || tsApi.isNoSubstitutionTemplateLiteral(node)) {
      const found = jsContext(tsApi, node);
      if (found) out.push({ value: node.text, range: { start: node.getStart(ast), end: node.end }, ...found });
    } else if (!tsApi.isTaggedTemplateExpression(node.parent)) {
      const found = jsContext(tsApi, node);
      const value = node.head.text + node.templateSpans.map((span) => `\${${span.expression.getText(ast)}}${span.literal.text}`).join('');
      if (found) out.push({ value, range: { start: node.getStart(ast), end: node.end }, ...found, template: true });
    }
  }
  return out;
}

type Context = Omit<ConfigLiteral, 'value' | 'range'>;

function jsContext(tsApi: typeof ts, literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): Context | undefined {
  const { top, fallback } = climbJs(tsApi, literal);
  const parent = top.parent;
  const base = { owners: [] as string[], siblings: {} as Record<string, string>, envFallback: fallback };
  if (tsApi.isVariableDeclaration(parent) && parent.initializer === top && tsApi.isIdentifier(parent.name)) {
    return { ...base, kind: 'variable', name: parent.name.text };
  }
  if ((tsApi.isPropertyAssignment(parent) && parent.initializer === top) || (tsApi.isPropertyDeclaration(parent) && parent.initializer === top)) {
    const name = jsPropertyName(tsApi, parent.name);
    if (name === undefined) return undefined;
    const around = tsApi.isPropertyAssignment(parent) ? jsOwners(tsApi, parent.parent) : { owners: [parent.parent.name?.getText() ?? '?'], fallback: false };
    const siblings = tsApi.isPropertyAssignment(parent) ? jsSiblings(tsApi, parent.parent) : {};
    const schemaDefault = DEFAULT_NAMES.has(name) || (name !== 'env' && 'env' in siblings);
    return { kind: 'property', name, owners: around.owners, callee: 'callee' in around ? around.callee : undefined, siblings, envFallback: fallback || around.fallback || schemaDefault };
  }
  if (tsApi.isBinaryExpression(parent) && parent.right === top && parent.operatorToken.kind === tsApi.SyntaxKind.EqualsToken) {
    const left = parent.left;
    if (tsApi.isIdentifier(left)) return { ...base, kind: 'variable', name: left.text };
    if (tsApi.isPropertyAccessExpression(left)) return { ...base, kind: 'property', name: left.name.text, owners: [dottedName(left.expression) ?? left.expression.getText()] };
    if (tsApi.isElementAccessExpression(left) && (tsApi.isStringLiteral(left.argumentExpression) || tsApi.isNoSubstitutionTemplateLiteral(left.argumentExpression))) {
      return { ...base, kind: 'key', name: left.argumentExpression.text, owners: [dottedName(left.expression) ?? left.expression.getText()] };
    }
    return undefined;
  }
  if ((tsApi.isParameter(parent) || tsApi.isBindingElement(parent)) && parent.initializer === top && tsApi.isIdentifier(parent.name)) {
    let envFallback = fallback;
    if (tsApi.isBindingElement(parent)) {
      let pattern: ts.Node = parent.parent;
      while (tsApi.isBindingElement(pattern.parent) || tsApi.isObjectBindingPattern(pattern.parent) || tsApi.isArrayBindingPattern(pattern.parent)) pattern = pattern.parent;
      const declaration = pattern.parent;
      if (tsApi.isVariableDeclaration(declaration) && declaration.initializer && jsEnvRead(tsApi, declaration.initializer)) envFallback = true;
    }
    return { ...base, kind: 'default', name: parent.name.text, envFallback };
  }
  if ((tsApi.isCallExpression(parent) || tsApi.isNewExpression(parent)) && parent.expression !== top) {
    const callee = calleeName(tsApi, parent);
    if (tsApi.isCallExpression(parent) && parent.expression.kind === tsApi.SyntaxKind.ImportKeyword) return undefined;
    if (calleeIgnored(callee)) return undefined;
    const argumentIndex = parent.arguments?.indexOf(top as ts.Expression) ?? -1;
    if (argumentIndex < 0) return undefined;
    const envFallback = fallback || (argumentIndex >= 1 && JS_FALLBACK_CALLEE.test(callee)) || /(^|\.)default$/.test(callee);
    return { ...base, kind: 'argument', name: callee, callee, argumentIndex, envFallback };
  }
  if (tsApi.isReturnStatement(parent) || (tsApi.isArrowFunction(parent) && parent.body === top)) {
    return { ...base, kind: 'return', name: 'return' };
  }
  return undefined;
}

// ─── Python ────────────────────────────────────────────────────────────────────────────────────────────────────

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

/**
 * The value of a plain or implicitly concatenated string. f-strings with interpolations give undefined, or with
 * `templates` their text with each interpolation written `${…}`.
 */
export function pyLiteralValue(node: Node, templates = false): string | undefined {
  if (node.type === 'concatenated_string') {
    let value = '';
    for (const part of node.namedChildren) {
      const piece = part ? pyLiteralValue(part, templates) : undefined;
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

function decodePyEscapes(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|\n|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case '0': return '\0';
      case '\n': return '';
      case 'x': case 'u': case 'U': return String.fromCodePoint(parseInt(e.slice(1), 16));
      default: return e;
    }
  });
}

function pyEnvRead(node: Node): boolean {
  if (pyReadsEnvironment(node)) return true;
  return node.descendantsOfType('call').some((call) => call !== null && PY_FALLBACK_CALLEE.test(pyDottedName(call.childForFieldName('function')) ?? ''));
}

/** The string leaves of a value expression, with the fallback flag of each. */
function pyLeaves(node: Node, fallback = false): { node: Node; fallback: boolean }[] {
  switch (node.type) {
    case 'string':
    case 'concatenated_string':
      return [{ node, fallback }];
    case 'parenthesized_expression':
      return node.namedChildren[0] ? pyLeaves(node.namedChildren[0], fallback) : [];
    case 'boolean_operator': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return [];
      return [...pyLeaves(left, fallback || pyEnvRead(right)), ...pyLeaves(right, fallback || pyEnvRead(left))];
    }
    case 'conditional_expression': {
      const [whenTrue, , whenFalse] = node.namedChildren;
      if (!whenTrue || !whenFalse) return [];
      return [...pyLeaves(whenTrue, fallback || pyEnvRead(whenFalse)), ...pyLeaves(whenFalse, fallback || pyEnvRead(whenTrue))];
    }
    case 'list':
    case 'tuple':
    case 'set':
      return node.namedChildren.flatMap((child) => (child ? pyLeaves(child, fallback) : []));
    default:
      return [];
  }
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
function pyContainers(node: Node): Node[] {
  switch (node.type) {
    case 'dictionary':
    case 'call':
      return [node];
    case 'parenthesized_expression':
    case 'list':
    case 'tuple':
    case 'set':
    case 'boolean_operator':
    case 'conditional_expression':
      return node.namedChildren.flatMap((child) => (child ? pyContainers(child) : []));
    default:
      return [];
  }
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
    const name = key ? pyLiteralValue(key) : undefined;
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
      const key = keyNode ? (keyNode.type === 'identifier' ? keyNode.text : pyLiteralValue(keyNode)) : undefined;
      const value = valueNode ? pyLiteralValue(valueNode) : undefined;
      if (key !== undefined && value !== undefined) out[key] = value;
    }
    entries = Object.freeze(out);
    cache.set(container.id, entries);
  }
  return entries;
}

function collectPython(context: TreeSitterRuleContext): ConfigLiteral[] {
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
    if (value && key && dict) hold(value, { name: pyLiteralValue(key), dict: dict.id });
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
    const literal = pyLiteralValue(leaf.node);
    const value = literal ?? pyLiteralValue(leaf.node, true);
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
      const name = pyLiteralValue(key);
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

// ─── Entry point ───────────────────────────────────────────────────────────────────────────────────────────────

/** Every config literal of the file (JS/TS or Python), in document order; computed once per file. */
export function configLiterals(context: JsRuleContext | TreeSitterRuleContext): ConfigLiteral[] {
  return context.memo(MEMO_KEY, () => {
    if ('ast' in context) return collectJs(context);
    if (context.file.family === 'python') return collectPython(context);
    return [];
  });
}
