/** Helpers over tree-sitter-ruby nodes shared by the Ruby extractors: string values, names, callees, env reads. */
import type { Node } from 'web-tree-sitter';

/**
 * The value of a string literal (`"…"` with escapes decoded, `'…'`, `%q(…)`, adjacent literals joined); with
 * `template`, an interpolated string rendered with `${…}` for each `#{…}`. Undefined for anything else.
 */
export function rbStringValue(node: Node | null | undefined, template = false): string | undefined {
  if (!node) return undefined;
  if (node.type === 'chained_string') {
    const parts = node.namedChildren.map((c) => rbStringValue(c, template));
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string') return undefined;
  const single = /^('|%q)/.test(node.text);
  let value = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'string_content') value += single ? child.text.replace(/\\([\\'])/g, '$1') : child.text;
    else if (child.type === 'escape_sequence') value += decodeRubyEscape(child.text);
    else if (child.type === 'interpolation') {
      if (!template) return undefined;
      value += `\${${child.namedChildren.map((c) => c?.text ?? '').join('')}}`;
    }
  }
  return value;
}

export function isRbInterpolated(node: Node): boolean {
  return node.namedChildren.some((c) => c?.type === 'interpolation');
}

function decodeRubyEscape(text: string): string {
  switch (text[1]) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case 's': return ' ';
    case '0': return '\0';
    case 'e': return '\x1b';
    case 'u': {
      const code = parseInt(text.replace(/^\\u\{?|\}$/g, ''), 16);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : text;
    }
    case 'x': return String.fromCharCode(parseInt(text.slice(2), 16));
    default: return text.slice(1);
  }
}

/** An integer literal's value (`3000`, `3_000`). */
export function rbIntValue(node: Node | null | undefined): number | undefined {
  if (node?.type !== 'integer' || !/^[0-9][0-9_]*$/.test(node.text)) return undefined;
  return Number(node.text.replace(/_/g, ''));
}

/** A symbol's or hash key's name: `:port` → port, `password:` → password, `"password" =>` → password. */
export function rbKeyName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'hash_key_symbol' || node.type === 'identifier' || node.type === 'constant') return node.text;
  if (node.type === 'simple_symbol') return node.text.replace(/^:/, '');
  if (node.type === 'delimited_symbol') return node.namedChildren.every((c) => c?.type === 'string_content') ? node.namedChildren.map((c) => c!.text).join('') : undefined;
  return rbStringValue(node);
}

/** `Rails.application.config`, `ActiveRecord::Base`, `self.x`: a dotted name for receivers; undefined when computed. */
export function rbDottedName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (/^(identifier|constant|self|instance_variable|class_variable|global_variable)$/.test(node.type)) return node.text;
  if (node.type === 'scope_resolution') {
    const scope = node.childForFieldName('scope');
    const name = node.childForFieldName('name')?.text;
    if (!name) return undefined;
    if (!scope) return name;
    const left = rbDottedName(scope);
    return left === undefined ? undefined : `${left}::${name}`;
  }
  if (node.type === 'call' && !node.childForFieldName('arguments') && !node.childForFieldName('block')) {
    const method = node.childForFieldName('method')?.text;
    const receiver = node.childForFieldName('receiver');
    if (!method) return undefined;
    if (!receiver) return method;
    const left = rbDottedName(receiver);
    return left === undefined ? undefined : `${left}.${method}`;
  }
  return undefined;
}

/** What a call calls: `Redis.new`, `ActiveRecord::Base.establish_connection`, `set`; `?.m` on a computed receiver. */
export function rbCalleeName(call: Node): string {
  const method = call.childForFieldName('method')?.text ?? '?';
  const receiver = call.childForFieldName('receiver');
  if (!receiver) return method;
  return `${rbDottedName(receiver) ?? '?'}.${method}`;
}

/** The arguments of a call (hash pairs among them), comments left out. */
export function rbArguments(call: Node): Node[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? [];
}

/** `ENV["X"]`, `ENV.fetch("X")`, `ENV.fetch("X") { … }`, `Rails.application.credentials…`, `Figaro.env.x`. */
export function rbIsEnvRead(node: Node): boolean {
  if (node.type === 'element_reference') return rbDottedName(node.childForFieldName('object')) === 'ENV';
  if (node.type === 'call') {
    const callee = rbCalleeName(node);
    return /^ENV\.(fetch|\[\]|key\?|dig)$|(^|\.)credentials(\.|$)|^Figaro\.env\.|^Rails\.application\.secrets\./.test(callee);
  }
  return false;
}

/** Reads configuration from outside the code anywhere inside `node` (blocks excepted). */
export function rbReadsEnv(node: Node): boolean {
  if (rbIsEnvRead(node)) return true;
  for (const child of node.namedChildren) if (child && child.type !== 'block' && child.type !== 'do_block' && rbReadsEnv(child)) return true;
  return false;
}
