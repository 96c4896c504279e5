/**
 * Config literals of a Go file (see ConfigLiteral in engine/facts.ts), from one walk down the tree that carries the
 * context of each value: `const`/`var` specs and assignments, struct and map literal fields
 * (`redis.Options{Addr: …, Password: …}`), call arguments (`sql.Open("postgres", "…")`), returns. Values pass
 * through parentheses, `&`, conversions (`[]byte("…")`, `string(…)`) and slice elements to what holds them.
 *
 * Environment fallbacks: a literal given to a name that the same function (or, for package-level names, any
 * function) also assigns from an environment read (`v := os.Getenv("X"); if v == "" { v = "…" }`), a literal
 * assigned inside `if v == "" {…}`, the default of an env helper (`getEnv("X", "…")`, `viper.SetDefault`,
 * `flag.String(name, "…", usage)`), and a literal argument beside an env read (`cmp.Or(os.Getenv("X"), "…")`).
 */
import { concatenationOf } from '../treesitterAdapter';
import type { Node } from 'web-tree-sitter';
import type { ConfigContextKind, ConfigLiteral } from '../../facts';
import { calleeIgnored, DEFAULT_NAMES, isMessageName } from '../configVocabulary';
import { goArguments, goCalleeName, goDottedName, goStringValue, isGoEnvCall, isGoString } from './ast';

type Context = Omit<ConfigLiteral, 'value' | 'range'>;

/** Helpers that read a variable with a default: their arguments after the first are fallbacks. */
const GO_FALLBACK_CALLEE = /(^|\.)(get_?env\w*|\w*env_?or\w*|lookup_?env\w*|env_?get\w*|must_?get_?env\w*|env_?default\w*|SetDefault|GetOrDefault|getOrDefault|Or)$/i;
/** Flag definitions: the default (second argument) is overridden on the command line, as a fallback is. */
const GO_FLAG_CALLEE = /^(flag|pflag|kingpin)\.(String|StringP|Int|IntP|Duration)(Var)?$|^\w+\.Flags\(\)/;
/** Calls whose string arguments are never config values: formatting, errors, string and path helpers, env names. */
const GO_IGNORED_CALLEE = /^(fmt|errors|strings|strconv|regexp|filepath|path|os|log|slog|bytes|unicode|utf8|json|xml|yaml|template|testing|t|b|assert|require|zap|logrus|zerolog|c|ctx|w)\.|\.(Error|Errorf|Fatal|Fatalf|Info|Infof|Warn|Warnf|Debug|Debugf|Print|Printf|Println|Panic|Panicf|Msg|Msgf|Str|Header|Set|Get|Query|Param|PostForm|FormValue|GET|POST|PUT|PATCH|DELETE|Group|Handle|HandleFunc|Static|JSON|String|HTML|Redirect|Bind|Abort|AbortWithStatusJSON|Contains|HasPrefix|HasSuffix|Split|Replace|ReplaceAll|Trim|TrimPrefix|TrimSuffix|Join|Exec|Query|QueryRow|QueryRowx|Select|Where|Order|Preload|Joins|Table|Raw|Prepare|MustCompile|Compile|Parse|Unmarshal|Sprintf)$/;

interface Scope {
  /** Names assigned from an environment read in this function (identifiers and field names). */
  envNames: Set<string>;
}

function goCalleeIgnored(callee: string): boolean {
  // os.Getenv's own argument is the variable's name; flag and env-helper calls are kept (their defaults are fallbacks).
  return calleeIgnored(callee) || GO_IGNORED_CALLEE.test(callee);
}

/** Reads the environment: `os.Getenv`, `os.LookupEnv`, an env helper or a viper getter. */
function readsEnv(node: Node): boolean {
  if (node.type === 'call_expression') {
    if (isGoEnvCall(node)) return true;
    const callee = goCalleeName(node);
    if (GO_FALLBACK_CALLEE.test(callee) || /^viper\.Get/.test(callee)) return true;
  }
  for (const child of node.namedChildren) if (child && child.type !== 'func_literal' && readsEnv(child)) return true;
  return false;
}

/** The name an assignment target gives its value: `x`, `cfg.Password` (owner cfg), `m["key"]` (owner m). */
function targetName(target: Node): { kind: ConfigContextKind; name: string; owner?: string } | undefined {
  if (target.type === 'identifier') return target.text === '_' ? undefined : { kind: 'variable', name: target.text };
  if (target.type === 'selector_expression') {
    const field = target.childForFieldName('field');
    const operand = target.childForFieldName('operand');
    return field ? { kind: 'property', name: field.text, owner: goDottedName(operand) ?? operand?.text } : undefined;
  }
  if (target.type === 'index_expression') {
    const key = goStringValue(target.childForFieldName('index'));
    const operand = target.childForFieldName('operand');
    return key === undefined ? undefined : { kind: 'key', name: key, owner: goDottedName(operand) ?? operand?.text };
  }
  return undefined;
}

/** `x == ""`, `"" == x`, `len(x) == 0`: the names an `if` condition tests for emptiness. */
function emptinessTests(condition: Node | null): Set<string> {
  const names = new Set<string>();
  const visit = (node: Node | null): void => {
    if (!node) return;
    if (node.type === 'parenthesized_expression') return visit(node.namedChildren[0]);
    if (node.type === 'unary_expression' && node.text.startsWith('!')) {
      const operand = node.childForFieldName('operand');
      if (operand?.type === 'identifier') names.add('!' + operand.text);
      return;
    }
    if (node.type !== 'binary_expression') return;
    const operator = node.childForFieldName('operator')?.text;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (operator === '||' || operator === '&&') return (visit(left), visit(right));
    if (operator !== '==' || !left || !right) return;
    for (const [a, b] of [[left, right], [right, left]] as const) {
      const empty = goStringValue(b) === '' || (b.type === 'int_literal' && b.text === '0');
      const subject = a.type === 'call_expression' && goCalleeName(a) === 'len' ? goArguments(a)[0] : a;
      const name = subject ? targetName(subject)?.name : undefined;
      if (empty && name) names.add(name);
    }
  };
  visit(condition);
  return names;
}

/** A composite literal's type as an owner name: `redis.Options`, `Config`; nothing for map and slice types. */
function compositeTypeName(composite: Node): string | undefined {
  const type = composite.childForFieldName('type');
  return type && (type.type === 'qualified_type' || type.type === 'type_identifier') ? goDottedName(type) : undefined;
}

/** Every config literal of the file, in document order. */
export function goConfigLiterals(root: Node): ConfigLiteral[] {
  const out = new Map<number, ConfigLiteral>();
  const scopes = collectEnvNames(root);
  const packageEnvNames = new Set([...scopes.values()].flatMap((s) => [...s.envNames]));
  const siblingCache = new Map<number, Readonly<Record<string, string>>>();

  const add = (leaf: Node, context: Context, value: string, template = false) => {
    if (out.has(leaf.startIndex)) return;
    out.set(leaf.startIndex, { value, range: { start: leaf.startIndex, end: leaf.endIndex }, ...context, ...(template ? { template: true } : {}) });
  };

  /** A value expression given to `context`: its string leaves get the context; containers inside it get owners. */
  const visitValue = (node: Node, context: Context, scope: Scope | undefined): void => {
    switch (node.type) {
      case 'interpreted_string_literal':
      case 'raw_string_literal':
        add(node, context, goStringValue(node) ?? '');
        return;
      case 'parenthesized_expression':
      case 'unary_expression':
        for (const child of node.namedChildren) if (child) visitValue(child, context, scope);
        return;
      case 'type_conversion_expression': {
        const operand = node.childForFieldName('operand');
        if (operand) visitValue(operand, context, scope);
        return;
      }
      case 'binary_expression': {
        if (node.childForFieldName('operator')?.text !== '+') return visit(node, scope);
        const concatenation = concatenationOf(node, (p) => (isGoString(p) ? goStringValue(p) : undefined));
        if (concatenation) add(node, context, concatenation.value, concatenation.template);
        else visit(node, scope);
        return;
      }
      case 'composite_literal':
        visitComposite(node, context, scope);
        return;
      case 'call_expression': {
        const callee = goCalleeName(node);
        if (callee === 'string' || callee === '[]byte') {
          const argument = goArguments(node)[0];
          if (argument) visitValue(argument, context, scope);
          return;
        }
        visitCall(node, holderOwners(context), scope);
        return;
      }
      default:
        visit(node, scope);
    }
  };

  /** The owners a container inherits from what holds it: `opts := redis.Options{…}` → ['opts']. */
  const holderOwners = (context: Context): string[] =>
    context.kind === 'argument' || context.kind === 'return' ? context.owners : [...context.owners, context.name];

  const visitComposite = (composite: Node, holder: Context, scope: Scope | undefined) => {
    const body = composite.childForFieldName('body');
    const typeName = compositeTypeName(composite);
    const owners = holderOwners(holder);
    if (body) visitLiteralValue(body, holder, typeName ? [...owners, typeName] : owners, scope);
  };

  const visitLiteralValue = (body: Node, holder: Context, owners: string[], scope: Scope | undefined) => {
    const siblings = literalSiblings(siblingCache, body);
    for (const element of body.namedChildren) {
      if (!element || element.type === 'comment') continue;
      if (element.type === 'literal_element') {
        // A slice or array element: the value belongs to what holds the literal.
        const value = element.namedChildren[0];
        if (value?.type === 'literal_value') visitLiteralValue(value, holder, owners, scope);
        else if (value) visitValue(value, holder, scope);
        continue;
      }
      if (element.type !== 'keyed_element') continue;
      const keyNode = element.childForFieldName('key')?.namedChildren[0] ?? element.namedChildren[0]?.namedChildren[0];
      const valueNode = element.childForFieldName('value')?.namedChildren[0] ?? element.namedChildren[1]?.namedChildren[0];
      if (!keyNode || !valueNode) continue;
      const named = keyNode.type === 'identifier' ? { kind: 'property' as const, name: keyNode.text } : isGoString(keyNode) ? { kind: 'key' as const, name: goStringValue(keyNode)! } : undefined;
      if (!named) {
        visit(valueNode, scope);
        continue;
      }
      const envNames = scope?.envNames ?? packageEnvNames;
      const context: Context = { ...named, owners, callee: holder.callee, siblings, envFallback: holder.envFallback || DEFAULT_NAMES.has(named.name) || (named.kind === 'property' && envNames.has(named.name)) };
      if (valueNode.type === 'literal_value') visitLiteralValue(valueNode, context, [...owners, named.name], scope);
      else visitValue(valueNode, context, scope);
    }
  };

  const visitCall = (call: Node, owners: string[], scope: Scope | undefined) => {
    const fn = call.childForFieldName('function');
    if (fn) visit(fn, scope); // a method chain's receiver: `gorm.Open(postgres.Open("…")).Debug()`
    const callee = goCalleeName(call);
    const args = goArguments(call);
    if (goCalleeIgnored(callee) && !GO_FLAG_CALLEE.test(callee)) {
      for (const argument of args) visit(argument, scope);
      return;
    }
    const besideEnv = args.some((a) => a.type === 'call_expression' && readsEnv(a));
    const parameters = parametersOf(callee);
    args.forEach((argument, index) => {
      // Beside an env read is a fallback only for calls of unknown meaning (`cmp.Or(os.Getenv("X"), "…")`):
      // `smtp.PlainAuth("", os.Getenv("USER"), "pw", host)` still hardcodes its password.
      const fallback = (index >= 1 && (GO_FALLBACK_CALLEE.test(callee) || GO_FLAG_CALLEE.test(callee))) || (besideEnv && !parameters);
      const parameter = parameters?.[index];
      const context: Context = parameter
        ? { kind: 'keyword', name: parameter, callee, owners, siblings: {}, envFallback: fallback }
        : { kind: 'argument', name: callee, callee, argumentIndex: index, owners, siblings: {}, envFallback: fallback };
      visitValue(argument, context, scope);
    });
  };

  /** Declarations and assignments: `const x = "…"`, `x := "…"`, `cfg.Password = "…"`, `m["k"] = "…"`. */
  const visitAssignment = (targets: Node[], values: Node[], scope: Scope | undefined, fallbackNames: Set<string>) => {
    const envNames = scope?.envNames ?? packageEnvNames;
    values.forEach((value, index) => {
      const target = targets[Math.min(index, targets.length - 1)];
      const named = target ? targetName(target) : undefined;
      if (!named || isMessageName(named.name)) return visit(value, scope);
      const envFallback = envNames.has(named.name) || fallbackNames.has(named.name);
      visitValue(value, { kind: named.kind, name: named.name, owners: named.owner ? [named.owner] : [], siblings: {}, envFallback }, scope);
    });
  };

  const list = (node: Node | null): Node[] => (node?.type === 'expression_list' ? node.namedChildren.filter((n): n is Node => n !== null) : node ? [node] : []);

  let fallbackNames = new Set<string>();
  const visit = (node: Node, scope: Scope | undefined): void => {
    switch (node.type) {
      case 'function_declaration':
      case 'method_declaration':
      case 'func_literal': {
        const inner = scopes.get(node.id) ?? scope;
        const body = node.childForFieldName('body');
        if (body) visit(body, inner);
        return;
      }
      case 'const_spec':
      case 'var_spec': {
        const names = node.childrenForFieldName('name').filter((n): n is Node => n !== null);
        visitAssignment(names, list(node.childForFieldName('value')), scope, fallbackNames);
        return;
      }
      case 'short_var_declaration':
      case 'assignment_statement': {
        const operator = node.childForFieldName('operator')?.text ?? (node.type === 'short_var_declaration' ? ':=' : '=');
        const targets = list(node.childForFieldName('left'));
        const values = list(node.childForFieldName('right'));
        if (operator === '=' || operator === ':=') visitAssignment(targets, values, scope, fallbackNames);
        else for (const value of values) visit(value, scope);
        return;
      }
      case 'if_statement': {
        const initializer = node.childForFieldName('initializer');
        if (initializer) visit(initializer, scope);
        const condition = node.childForFieldName('condition');
        if (condition) visit(condition, scope);
        const tested = emptinessTests(condition);
        const consequence = node.childForFieldName('consequence');
        if (consequence) {
          const previous = fallbackNames;
          fallbackNames = new Set([...previous, ...tested]);
          visit(consequence, scope);
          fallbackNames = previous;
        }
        const alternative = node.childForFieldName('alternative');
        if (alternative) visit(alternative, scope);
        return;
      }
      case 'return_statement':
        for (const value of list(node.namedChildren[0] ?? null)) visitValue(value, { kind: 'return', name: 'return', owners: [], siblings: {}, envFallback: false }, scope);
        return;
      case 'call_expression':
        visitValue(node, { kind: 'argument', name: '?', owners: [], siblings: {}, envFallback: false }, scope);
        return;
      case 'composite_literal':
        visitComposite(node, { kind: 'argument', name: '?', owners: [], siblings: {}, envFallback: false }, scope);
        return;
      case 'interpreted_string_literal':
      case 'raw_string_literal':
      case 'comment':
      case 'import_declaration':
      case 'type_declaration':
        return;
      default:
        for (const child of node.namedChildren) if (child) visit(child, scope);
    }
  };
  visit(root, undefined);
  return [...out.values()].sort((a, b) => a.range.start - b.range.start);
}


/** The string entries of a struct or map literal by key, read once per literal and shared by its literals. */
function literalSiblings(cache: Map<number, Readonly<Record<string, string>>>, body: Node): Readonly<Record<string, string>> {
  let entries = cache.get(body.id);
  if (!entries) {
    const out: Record<string, string> = {};
    for (const element of body.namedChildren) {
      if (element?.type !== 'keyed_element') continue;
      const key = element.namedChildren[0]?.namedChildren[0];
      const value = element.namedChildren[1]?.namedChildren[0];
      const name = key?.type === 'identifier' ? key.text : goStringValue(key);
      const text = goStringValue(value);
      if (name !== undefined && text !== undefined) out[name] = text;
    }
    entries = Object.freeze(out);
    cache.set(body.id, entries);
  }
  return entries;
}

/**
 * Per function (by node id), the names it assigns from an environment read, directly or through a variable that
 * holds one (`if v := os.Getenv("X"); v != "" { cfg.Port = v }`).
 */
function collectEnvNames(root: Node): Map<number, Scope> {
  const scopes = new Map<number, Scope>();
  const walk = (node: Node, scope: Scope | undefined) => {
    if (node.type === 'function_declaration' || node.type === 'method_declaration' || node.type === 'func_literal') {
      const inner: Scope = { envNames: new Set(scope?.envNames ?? []) };
      scopes.set(node.id, inner);
      for (const child of node.namedChildren) if (child) walk(child, inner);
      return;
    }
    if (scope && (node.type === 'short_var_declaration' || node.type === 'assignment_statement' || node.type === 'var_spec')) {
      const left = node.type === 'var_spec' ? node.childrenForFieldName('name').filter((n): n is Node => n !== null) : (node.childForFieldName('left')?.namedChildren.filter((n): n is Node => n !== null) ?? []);
      const right = node.childForFieldName(node.type === 'var_spec' ? 'value' : 'right');
      const values = right?.type === 'expression_list' ? right.namedChildren : right ? [right] : [];
      const fromEnv = values.some((v) => v && (readsEnv(v) || (v.type === 'identifier' && scope.envNames.has(v.text))));
      if (fromEnv) for (const target of left) {
        const name = targetName(target)?.name;
        if (name) scope.envNames.add(name);
      }
    }
    if (node.type === 'string' || node.type === 'comment') return;
    for (const child of node.namedChildren) if (child) walk(child, scope);
  };
  walk(root, undefined);
  return scopes;
}

/**
 * Parameter names of well-known calls, by the callee's last two segments (package functions) or by method name: a
 * literal there is judged by that name (`smtp.PlainAuth("", user, "…", host)`, `sessions.NewCookieStore([]byte("…"))`).
 */
const GO_PARAMETERS: Record<string, readonly (string | undefined)[]> = {
  'smtp.PlainAuth': ['identity', 'username', 'password', 'host'],
  'redis.DialPassword': ['password'],
  'url.UserPassword': ['username', 'password'],
  'sessions.NewCookieStore': ['sessionSecret'],
  'cookie.NewStore': ['sessionSecret'],
  'sessions.NewFilesystemStore': ['path', 'sessionSecret'],
};
const GO_METHOD_PARAMETERS: Record<string, readonly (string | undefined)[]> = {
  SetBasicAuth: ['username', 'password'],
};

function parametersOf(callee: string): readonly (string | undefined)[] | undefined {
  return GO_PARAMETERS[callee.split('.').slice(-2).join('.')] ?? GO_METHOD_PARAMETERS[callee.slice(callee.lastIndexOf('.') + 1)];
}
