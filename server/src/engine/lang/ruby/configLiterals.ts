/**
 * Config literals of a Ruby file (see ConfigLiteral in engine/facts.ts), from one walk down the tree that carries the
 * context of each value: constant, local, instance-variable and attribute assignments (`config.secret_token = "…"`
 * owned by `config`; `||=` too), hash pairs (`password: "…"`, `"password" => "…"`, siblings shared), method-call
 * arguments with their callee (`establish_connection("postgres://…")`; a hash pair argument is a keyword:
 * `Redis.new(url: "…")`), and method bodies' last values. Values pass through parentheses, `.freeze` and adjacent
 * literals; `#{…}` makes a template.
 *
 * Environment fallbacks: `ENV.fetch("X", "…")`, the block of `ENV.fetch("X") { "…" }`, the right of `||` whose left
 * reads the environment (`ENV["X"] || "…"`), ternaries on a read. Method parameter defaults are left alone.
 */
import type { Node } from 'web-tree-sitter';
import type { ConfigContextKind, ConfigLiteral } from '../../facts';
import { calleeIgnored, isMessageName } from '../configVocabulary';
import { isRbInterpolated, rbArguments, rbCalleeName, rbDottedName, rbIsEnvRead, rbKeyName, rbReadsEnv, rbStringValue } from './ast';

type Context = Omit<ConfigLiteral, 'value' | 'range'>;

/**
 * Calls whose string arguments are never config values: output, errors, routes, views, validations and associations,
 * queries, i18n, requires, string helpers, and the environment read's own name.
 */
const RB_IGNORED_METHODS = new Set([
  'puts', 'print', 'p', 'pp', 'warn', 'raise', 'fail', 'require', 'require_relative', 'load', 'autoload', 'include',
  'extend', 'render', 'redirect_to', 'redirect', 'get', 'post', 'put', 'patch', 'delete', 'match', 'root', 'resources',
  'resource', 'namespace', 'scope', 'mount', 'validates', 'validate', 'validates_presence_of', 'validates_format_of',
  'has_many', 'has_one', 'belongs_to', 'has_and_belongs_to_many', 'where', 'order', 'select', 'joins', 'find_by_sql',
  'pluck', 'group', 'having', 'not', 'exec', 'execute', 'query', 'sanitize_sql', 't', 'l', 'translate', 'fetch',
  'sub', 'gsub', 'split', 'start_with?', 'end_with?', 'include?', 'match?', 'scan', 'tr', 'format', 'sprintf',
  'send', 'public_send', 'respond_to?', 'instance_variable_get', 'const_get', 'define_method', 'attr_accessor',
  'content_tag', 'link_to', 'image_tag', 'button_to', 'form_with', 'form_for', 'label', 'text_field', 'submit',
  'field', 'describe', 'context', 'it', 'let', 'expect', 'task', 'desc', 'before_action', 'after_action', 'helper_method',
  'add_index', 'add_column', 'create_table', 'rename_column', 'remove_column', 'column', 'string', 'text', 'integer',
  'gem', 'source', 'ruby', 'group', 'header', 'headers', 'content_type', 'set_cookie', 'cookies', 'session', 'erb',
  'haml', 'slim', 'json', 'halt', 'send_file', 'attachment', 'status', 'flash', 'notice', 'alert', 'sleep',
]);
/** `before_action :x, only: …`, `validates :email, presence: true`: Rails class-level DSL is never config. */
const RB_IGNORED_CALLEE = /^(Rails\.logger|logger|log|Logger|I18n|File|Dir|Pathname|Regexp|Time|Date|DateTime|JSON|YAML|URI|ERB|Kernel|STDOUT|STDERR|\$stdout|\$stderr)\./;

/** Every config literal of the file, in document order. */
export function rbConfigLiterals(root: Node): ConfigLiteral[] {
  const out = new Map<number, ConfigLiteral>();
  const add = (leaf: Node, context: Context, value: string, template = false) => {
    if (out.has(leaf.startIndex)) return;
    out.set(leaf.startIndex, { value, range: { start: leaf.startIndex, end: leaf.endIndex }, ...context, ...(template ? { template: true } : {}) });
  };

  const visitValue = (node: Node, context: Context): void => {
    switch (node.type) {
      case 'string':
      case 'chained_string': {
        const template = node.type === 'string' && isRbInterpolated(node);
        const value = rbStringValue(node, true);
        if (value !== undefined) add(node, context, value, template);
        return;
      }
      case 'parenthesized_statements':
      case 'begin_block':
        for (const child of node.namedChildren) if (child) visitValue(child, context);
        return;
      case 'conditional': {
        const condition = node.childForFieldName('condition');
        const whenTrue = node.childForFieldName('consequence');
        const whenFalse = node.childForFieldName('alternative');
        if (condition) visit(condition, []);
        for (const [branch, other] of [[whenTrue, whenFalse], [whenFalse, whenTrue]] as const) {
          if (!branch) continue;
          const fallback = (condition !== null && rbReadsEnv(condition)) || (other !== null && rbReadsEnv(other));
          visitValue(branch, { ...context, envFallback: context.envFallback || fallback });
        }
        return;
      }
      case 'binary': {
        const operator = node.childForFieldName('operator')?.text;
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if ((operator === '||' || operator === 'or') && left && right) {
          visitValue(left, context);
          visitValue(right, { ...context, envFallback: context.envFallback || rbReadsEnv(left) });
          return;
        }
        visit(node, context.owners);
        return;
      }
      case 'hash':
        visitHash(node.namedChildren.filter((c): c is Node => c !== null), context.kind === 'argument' || context.kind === 'return' ? context.owners : [...context.owners, context.name], context.callee, context.envFallback);
        return;
      case 'array':
        for (const element of node.namedChildren) if (element) visitValue(element, context);
        return;
      case 'call': {
        const receiver = node.childForFieldName('receiver');
        const method = node.childForFieldName('method')?.text ?? '';
        // `"…".freeze`, `"…".dup`: the value is the string's.
        if (receiver && (receiver.type === 'string' || receiver.type === 'chained_string') && /^(freeze|dup|strip|to_s|b)$/.test(method) && !node.childForFieldName('arguments')) {
          visitValue(receiver, context);
          return;
        }
        visitCall(node, context.kind === 'argument' || context.kind === 'return' ? context.owners : [...context.owners, context.name]);
        return;
      }
      default:
        visit(node, context.owners);
    }
  };

  /** Hash pairs (a hash literal, or the pairs of an argument list): each value named by its key, siblings shared. */
  const visitHash = (entries: Node[], owners: string[], callee: string | undefined, envFallback: boolean) => {
    const siblings: Record<string, string> = {};
    const pairs: { name: string; value: Node }[] = [];
    for (const entry of entries) {
      if (entry.type !== 'pair') continue;
      // A key with spaces or punctuation is a message or a label (`'email or password' => […]`), not a setting.
      const key = rbKeyName(entry.childForFieldName('key'));
      const name = key !== undefined && /^[\w.:-]+$/.test(key) ? key : undefined;
      const value = entry.childForFieldName('value');
      if (name === undefined || !value) {
        if (value) visit(value, owners);
        continue;
      }
      pairs.push({ name, value });
      const text = rbStringValue(value);
      if (text !== undefined) siblings[name] = text;
    }
    for (const { name, value } of pairs) {
      if (isMessageName(name)) visit(value, owners);
      else visitValue(value, { kind: 'key', name, ...(callee ? { callee } : {}), owners, siblings, envFallback });
    }
  };

  const visitCall = (call: Node, holders: string[]) => {
    const receiver = call.childForFieldName('receiver');
    if (receiver) visit(receiver, holders);
    const callee = rbCalleeName(call);
    const method = call.childForFieldName('method')?.text ?? '';
    const args = rbArguments(call);
    const block = call.childForFieldName('block');
    // `ENV.fetch("X", "…")`, `ENV.fetch("X") { "…" }`: the defaults are fallbacks.
    if (callee === 'ENV.fetch') {
      for (const argument of args.slice(1)) visitValue(argument, { kind: 'default', name: rbStringValue(args[0]) ?? 'ENV', callee, owners: holders, siblings: {}, envFallback: true });
      const body = block?.childForFieldName('body');
      for (const value of body?.namedChildren ?? []) if (value) visitValue(value, { kind: 'default', name: rbStringValue(args[0]) ?? 'ENV', callee, owners: holders, siblings: {}, envFallback: true });
      return;
    }
    const ignored = RB_IGNORED_METHODS.has(method) || calleeIgnored(callee) || RB_IGNORED_CALLEE.test(callee) || /(Error|Exception)$/.test(receiver?.text ?? '');
    if (ignored) {
      // `render json: { errors: { 'email or password' => […] } }`: its hashes are data, not settings; calls inside
      // them are still visited.
      for (const argument of args) visitCallsOnly(argument, holders);
      if (block) visit(block, []);
      return;
    }
    const besideEnv = args.some((a) => rbReadsEnv(a));
    const pairs = args.filter((a) => a.type === 'pair');
    if (pairs.length > 0) visitHash(pairs, holders, callee, false);
    args.forEach((argument, index) => {
      if (argument.type === 'pair') return;
      if (argument.type === 'hash') return visitHash(argument.namedChildren.filter((c): c is Node => c !== null), holders, callee, false);
      visitValue(argument, { kind: 'argument', name: callee, callee, argumentIndex: index, owners: holders, siblings: {}, envFallback: besideEnv });
    });
    if (block) visit(block, []);
  };

  const visitCallsOnly = (node: Node, owners: string[]): void => {
    if (node.type === 'call' || node.type === 'block' || node.type === 'do_block') return visit(node, owners);
    for (const child of node.namedChildren) if (child) visitCallsOnly(child, owners);
  };

  const visit = (node: Node, owners: string[]): void => {
    switch (node.type) {
      case 'class':
      case 'module': {
        const name = rbDottedName(node.childForFieldName('name'));
        const inner = name ? [...owners, name] : owners;
        for (const child of node.namedChildren) if (child) visit(child, inner);
        return;
      }
      case 'method':
      case 'singleton_method': {
        // The last value of a method body is what it returns.
        const body = node.childForFieldName('body');
        const statements = body?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
        statements.forEach((statement, index) => {
          if (index === statements.length - 1 && (statement.type === 'string' || statement.type === 'chained_string')) {
            visitValue(statement, { kind: 'return', name: 'return', owners: [], siblings: {}, envFallback: false });
          } else visit(statement, []);
        });
        return;
      }
      case 'assignment':
      case 'operator_assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const operator = node.type === 'assignment' ? '=' : node.childForFieldName('operator')?.text ?? node.text.slice((left?.endIndex ?? 0) - node.startIndex).trim().split(/\s/)[0];
        const named = left && (operator === '=' || operator === '||=') ? targetName(left) : undefined;
        if (left) visit(left, owners);
        if (right && named && !isMessageName(named.name)) visitValue(right, { kind: named.kind, name: named.name, owners: named.owner ? [...owners, named.owner] : owners, siblings: {}, envFallback: false });
        else if (right) visit(right, owners);
        return;
      }
      case 'hash':
        visitHash(node.namedChildren.filter((c): c is Node => c !== null), owners, undefined, false);
        return;
      case 'call':
        visitCall(node, owners);
        return;
      case 'return': {
        const list = node.namedChildren[0];
        const values = list?.type === 'argument_list' ? list.namedChildren : [list];
        for (const value of values) if (value) visitValue(value, { kind: 'return', name: 'return', owners, siblings: {}, envFallback: false });
        return;
      }
      case 'binary':
        if (/^(\|\||or)$/.test(node.childForFieldName('operator')?.text ?? '') && rbIsEnvRead(node.childForFieldName('left') ?? node)) {
          const right = node.childForFieldName('right');
          if (right) visitValue(right, { kind: 'default', name: 'ENV', owners, siblings: {}, envFallback: true });
          return;
        }
        for (const child of node.namedChildren) if (child) visit(child, owners);
        return;
      case 'method_parameters':
      case 'string':
      case 'chained_string':
      case 'heredoc_body':
      case 'comment':
        return;
      default:
        for (const child of node.namedChildren) if (child) visit(child, owners);
    }
  };
  visit(root, []);
  return [...out.values()].sort((a, b) => a.range.start - b.range.start);
}

function targetName(target: Node): { kind: ConfigContextKind; name: string; owner?: string } | undefined {
  if (target.type === 'identifier' || target.type === 'constant') return { kind: 'variable', name: target.text };
  if (target.type === 'instance_variable' || target.type === 'class_variable' || target.type === 'global_variable') return { kind: 'variable', name: target.text.replace(/^[@$]+/, '') };
  if (target.type === 'call' && !target.childForFieldName('arguments')) {
    const method = target.childForFieldName('method')?.text;
    const receiver = target.childForFieldName('receiver');
    if (!method) return undefined;
    if (receiver?.type === 'self') return { kind: 'variable', name: method };
    const owner = rbDottedName(receiver);
    return { kind: 'property', name: method, ...(owner ? { owner: owner.slice(owner.lastIndexOf('.') + 1) } : {}) };
  }
  // `flash[:notice] = "…"`, `session[:x] = …`: request state, not config.
  return undefined;
}
