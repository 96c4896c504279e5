/**
 * Config literals of a Java file (see ConfigLiteral in engine/facts.ts), from one walk down the tree that carries the
 * context of each value: field and local initializers (`static final` constants included, owned by their class),
 * assignments, setter and builder calls (`config.setPassword("…")`, `DataSourceBuilder.create().password("…")` give
 * the value the property's name), `props.put("password", "…")` keys, call and constructor arguments with their
 * callee (parameter names for well-known APIs: `DriverManager.getConnection(url, user, password)`), returns, and
 * Spring's `@Value`. Values pass through parentheses, casts, `"…".getBytes()` and `.toCharArray()`.
 *
 * Environment fallbacks: `@Value("${key:default}")` (the part after `:`; a `${key}` with no default is a property
 * reference, not a value), `System.getenv().getOrDefault("X", "…")`, `System.getProperty("x", "…")`,
 * `env.getProperty("x", "…")`, `Optional.ofNullable(System.getenv("X")).orElse("…")`, a literal argument beside an
 * env read (`Objects.requireNonNullElse(System.getenv("X"), "…")`) and ternaries on an env read.
 */
import { concatenationOf } from '../treesitterAdapter';
import type { Node } from 'web-tree-sitter';
import type { ConfigContextKind, ConfigLiteral } from '../../facts';
import { calleeIgnored, DEFAULT_NAMES, isMessageName } from '../configVocabulary';
import { javaArguments, javaCalleeName, javaDottedName, javaReadsEnv, javaStringValue } from './ast';

type Context = Omit<ConfigLiteral, 'value' | 'range'>;

/** Methods whose arguments after the first are defaults (`getOrDefault(key, default)`). */
const JAVA_FALLBACK_METHODS = /^(getOrDefault|getProperty|getRequiredProperty|requireNonNullElse|defaultIfBlank|defaultIfEmpty|defaultString|firstNonNull|getEnv|getenv|getEnvOrDefault|getenvOrDefault|envOr|getString|getInt)$/;
/** Calls whose string arguments are never config values: logging, messages, string and path helpers, routes. */
const JAVA_IGNORED = /^System\.(getenv|getProperty|setProperty)$|^(System\.out|System\.err|log|logger|LOG|LOGGER|Logger|LoggerFactory|Objects\.requireNonNull|Assert|Assertions|Preconditions|Pattern|String|Paths|Path|Files|Optional)\.|\.(println|print|printf|format|formatted|info|debug|warn|error|trace|fatal|append|equals|equalsIgnoreCase|contains|startsWith|endsWith|matches|split|replace|replaceAll|indexOf|substring|get|getHeader|getParameter|getAttribute|setAttribute|header|path|get|post|put|delete|patch|before|after|addMapping|antMatchers|requestMatchers|mvcMatchers|hasRole|hasAuthority|hasAnyRole|permitAll|queryParam|pathParam|formParam|status|result|render|json|redirect|createQuery|createNativeQuery|query|queryForObject|update|execute|prepareStatement|addHeader|setHeader|allowedOrigins|allowedMethods|allowedHeaders|exposedHeaders|addResourceHandler|addResourceLocations|getLogger)$/;

/** Parameter names of well-known calls and constructors, by the callee's last two segments. */
const JAVA_PARAMETERS: Record<string, readonly (string | undefined)[]> = {
  'DriverManager.getConnection': ['url', 'user', 'password'],
  'new PasswordAuthentication': ['username', 'password'],
  'new UsernamePasswordCredentials': ['username', 'password'],
  'new DriverManagerDataSource': ['url', 'username', 'password'],
  'new SimpleDriverDataSource': [undefined, 'url', 'username', 'password'],
  'Keys.hmacShaKeyFor': ['signingKey'],
  'Algorithm.HMAC256': ['signingKey'],
  'Algorithm.HMAC384': ['signingKey'],
  'Algorithm.HMAC512': ['signingKey'],
  'new SecretKeySpec': ['signingKey'],
  'new JedisPool': [],
  'new MongoClient': ['mongoUri'],
  'MongoClients.create': ['mongoUri'],
};
/** Builder and config methods taking (key, value): the key names the value. */
const KEY_VALUE_METHODS = new Set(['put', 'setProperty', 'addDataSourceProperty', 'property', 'withProperty', 'singletonMap']);

function parametersOf(callee: string): readonly (string | undefined)[] | undefined {
  const key = callee.replace(/\(\)/g, '').split('.').slice(-2).join('.');
  return JAVA_PARAMETERS[key] ?? JAVA_PARAMETERS[callee];
}

/** `setJdbcUrl` → JdbcUrl; a builder step `.password(…)` on a chain → password; undefined for anything else. */
function propertyOfCall(call: Node, argumentCount: number): { name: string; owner?: string } | undefined {
  if (argumentCount !== 1 || call.type !== 'method_invocation') return undefined;
  const name = call.childForFieldName('name')?.text ?? '';
  const object = call.childForFieldName('object');
  const owner = object ? (javaDottedName(object) ?? javaCalleeName(object).split('.')[0].replace(/^new /, '')) : undefined;
  const setter = /^set([A-Z]\w*)$/.exec(name);
  if (setter) return { name: setter[1], owner };
  // A builder: a step on a chain that starts with a builder or a constructor.
  if (object && (object.type === 'method_invocation' || object.type === 'object_creation_expression') && /^[a-z]\w*$/.test(name) && /builder|Builder|create\(\)|^new /.test(javaCalleeName(object))) {
    return { name, owner };
  }
  return undefined;
}

/** Every config literal of the file, in document order. */
export function javaConfigLiterals(root: Node): ConfigLiteral[] {
  const out = new Map<number, ConfigLiteral>();
  const add = (leaf: Node, context: Context, value: string, template = false) => {
    if (out.has(leaf.startIndex)) return;
    out.set(leaf.startIndex, { value, range: { start: leaf.startIndex, end: leaf.endIndex }, ...context, ...(template ? { template: true } : {}) });
  };

  const visitValue = (node: Node, context: Context, owners: string[]): void => {
    switch (node.type) {
      case 'string_literal': {
        const value = javaStringValue(node);
        if (value !== undefined) add(node, context, value);
        return;
      }
      case 'parenthesized_expression':
      case 'cast_expression': {
        const value = node.childForFieldName('value') ?? node.namedChildren[node.namedChildren.length - 1];
        if (value) visitValue(value, context, owners);
        return;
      }
      case 'ternary_expression': {
        const condition = node.childForFieldName('condition');
        const whenTrue = node.childForFieldName('consequence');
        const whenFalse = node.childForFieldName('alternative');
        if (condition) visit(condition, owners);
        for (const [branch, other] of [[whenTrue, whenFalse], [whenFalse, whenTrue]] as const) {
          if (!branch) continue;
          const fallback = (condition !== null && javaReadsEnv(condition)) || (other !== null && javaReadsEnv(other));
          visitValue(branch, { ...context, envFallback: context.envFallback || fallback }, owners);
        }
        return;
      }
      case 'binary_expression': {
        const concatenation = node.childForFieldName('operator')?.text === '+' ? concatenationOf(node, javaStringValue) : undefined;
        if (concatenation) add(node, context, concatenation.value, concatenation.template);
        else visit(node, owners);
        return;
      }
      case 'method_invocation': {
        // `"…".getBytes(UTF_8)`, `"…".toCharArray()`: the value is the string's.
        const object = node.childForFieldName('object');
        if (object?.type === 'string_literal' && /^(getBytes|toCharArray|trim|strip)$/.test(node.childForFieldName('name')?.text ?? '')) {
          visitValue(object, context, owners);
          return;
        }
        visitCall(node, context.kind === 'argument' || context.kind === 'return' ? context.owners : [...context.owners, context.name], owners);
        return;
      }
      case 'object_creation_expression':
        visitCall(node, context.kind === 'argument' || context.kind === 'return' ? context.owners : [...context.owners, context.name], owners);
        return;
      case 'array_initializer':
        for (const element of node.namedChildren) if (element) visitValue(element, context, owners);
        return;
      default:
        visit(node, owners);
    }
  };

  const visitCall = (call: Node, holders: string[], owners: string[]) => {
    const object = call.childForFieldName('object');
    if (object) visit(object, owners);
    const callee = javaCalleeName(call);
    const method = call.type === 'method_invocation' ? (call.childForFieldName('name')?.text ?? '') : '';
    const args = javaArguments(call);
    const body = call.type === 'object_creation_expression' ? call.namedChildren.find((c) => c?.type === 'class_body') : undefined;
    if (body) visit(body, owners);
    const besideEnv = args.some((a) => javaReadsEnv(a)) || (/^(orElse|orElseGet)$/.test(method) && object !== null && javaReadsEnv(object));
    // `props.put("password", "…")`: the key names the value (before the ignored callees: routes are `put` too).
    const key = KEY_VALUE_METHODS.has(method) && args.length === 2 ? javaStringValue(args[0]) : undefined;
    if (key !== undefined) {
      const value = args[1];
      visitValue(value, { kind: 'key', name: key, callee, owners: holders, siblings: {}, envFallback: besideEnv || DEFAULT_NAMES.has(key) }, owners);
      return;
    }
    if (calleeIgnored(callee) || JAVA_IGNORED.test(callee)) {
      for (const argument of args) visit(argument, owners);
      return;
    }
    const property = propertyOfCall(call, args.length);
    if (property && args[0]) {
      visitValue(args[0], { kind: 'property', name: property.name, callee, owners: property.owner ? [...holders, property.owner] : holders, siblings: {}, envFallback: besideEnv }, owners);
      return;
    }
    const parameters = parametersOf(callee);
    args.forEach((argument, index) => {
      // Beside an env read is a fallback only for calls of unknown meaning (`requireNonNullElse(getenv(…), "…")`):
      // `getConnection(System.getenv("URL"), "app", "pw")` still hardcodes its password.
      const fallback = (index >= 1 && JAVA_FALLBACK_METHODS.test(method)) || (besideEnv && !parameters);
      const parameter = parameters?.[index];
      const context: Context = parameter
        ? { kind: 'keyword', name: parameter, callee, owners: holders, siblings: {}, envFallback: fallback }
        : { kind: 'argument', name: callee, callee, argumentIndex: index, owners: holders, siblings: {}, envFallback: fallback };
      visitValue(argument, context, owners);
    });
  };

  /** `@Value("${key:default}")` on a field or parameter: a default is a fallback; a bare literal is the field's value. */
  const visitValueAnnotation = (annotation: Node, target: string | undefined, owners: string[]) => {
    const argument = annotation.childForFieldName('arguments')?.namedChildren.find((c) => c?.type === 'string_literal' || c?.type === 'element_value_pair');
    const literal = argument?.type === 'element_value_pair' ? argument.childForFieldName('value') : argument;
    const value = javaStringValue(literal);
    if (!literal || value === undefined) return;
    const reference = /^\$\{([^:}]+)(?::(.*))?\}$/s.exec(value);
    if (reference) add(literal, { kind: 'default', name: reference[1], callee: '@Value', owners, siblings: {}, envFallback: true }, reference[2] ?? value);
    else if (!/[$#]\{/.test(value) && target) add(literal, { kind: 'variable', name: target, owners, siblings: {}, envFallback: false }, value);
  };

  const declarators = (node: Node): { name: string; value: Node | null }[] =>
    node.childrenForFieldName('declarator').flatMap((d) => (d ? [{ name: d.childForFieldName('name')?.text ?? '', value: d.childForFieldName('value') }] : []));

  const visit = (node: Node, owners: string[]): void => {
    switch (node.type) {
      case 'class_declaration':
      case 'interface_declaration':
      case 'enum_declaration':
      case 'record_declaration': {
        const name = node.childForFieldName('name')?.text;
        const inner = name ? [...owners, name] : owners;
        for (const child of node.namedChildren) if (child && child.type !== 'modifiers') visit(child, inner);
        return;
      }
      case 'field_declaration':
      case 'local_variable_declaration':
      case 'constant_declaration': {
        const all = declarators(node);
        const modifiers = node.namedChildren.find((c) => c?.type === 'modifiers');
        for (const annotation of modifiers?.namedChildren ?? []) {
          if (annotation && /^(annotation|marker_annotation)$/.test(annotation.type) && annotation.childForFieldName('name')?.text === 'Value') visitValueAnnotation(annotation, all[0]?.name, owners);
        }
        for (const { name, value } of all) {
          if (value && isMessageName(name)) visit(value, owners);
          else if (value) visitValue(value, { kind: 'variable', name, owners, siblings: {}, envFallback: false }, owners);
        }
        return;
      }
      case 'method_declaration':
      case 'constructor_declaration':
      case 'lambda_expression':
        // A local's owners are its own names: the class (`JwtConfig`) would qualify every local password as JWT's.
        for (const child of node.namedChildren) if (child && child.type !== 'modifiers') visit(child, []);
        return;
      case 'formal_parameter': {
        const modifiers = node.namedChildren.find((c) => c?.type === 'modifiers');
        const name = node.childForFieldName('name')?.text;
        for (const annotation of modifiers?.namedChildren ?? []) {
          if (annotation?.type === 'annotation' && annotation.childForFieldName('name')?.text === 'Value') visitValueAnnotation(annotation, name, owners);
        }
        return;
      }
      case 'assignment_expression': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const operator = node.childForFieldName('operator')?.text ?? '=';
        const named = left && operator === '=' ? targetName(left) : undefined;
        if (right && named) visitValue(right, { kind: named.kind, name: named.name, owners: named.owner ? [...owners, named.owner] : owners, siblings: {}, envFallback: false }, owners);
        else if (right) visit(right, owners);
        return;
      }
      case 'return_statement':
        for (const value of node.namedChildren) if (value) visitValue(value, { kind: 'return', name: 'return', owners, siblings: {}, envFallback: false }, owners);
        return;
      case 'method_invocation':
      case 'object_creation_expression':
        visitCall(node, owners, owners);
        return;
      case 'annotation':
      case 'marker_annotation':
      case 'string_literal':
      case 'line_comment':
      case 'block_comment':
      case 'import_declaration':
      case 'package_declaration':
        return;
      default:
        for (const child of node.namedChildren) if (child) visit(child, owners);
    }
  };
  visit(root, []);
  return [...out.values()].sort((a, b) => a.range.start - b.range.start);
}

function targetName(target: Node): { kind: ConfigContextKind; name: string; owner?: string } | undefined {
  if (target.type === 'identifier') return { kind: 'variable', name: target.text };
  if (target.type === 'field_access') {
    const field = target.childForFieldName('field');
    const object = target.childForFieldName('object');
    if (!field) return undefined;
    return object?.type === 'this' ? { kind: 'variable', name: field.text } : { kind: 'property', name: field.text, owner: javaDottedName(object) };
  }
  return undefined;
}

