/** Helpers over tree-sitter-c-sharp nodes shared by the C# extractors: string values, names, callees, env reads. */
import type { Node } from 'web-tree-sitter';

/**
 * The value of a string literal (escapes decoded; a `u8` suffix is still the same text), a verbatim `@"…"` or a raw
 * `"""…"""` literal; undefined for anything else (an interpolated string is a template: see csTemplateValue).
 */
export function csStringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'verbatim_string_literal') return node.text.replace(/^@"|"(u8)?$/g, '').replace(/""/g, '"');
  if (node.type === 'raw_string_literal') return node.namedChildren.filter((c) => c?.type === 'raw_string_content').map((c) => c!.text).join('');
  if (node.type !== 'string_literal') return undefined;
  let value = '';
  for (const child of node.namedChildren) {
    if (child?.type === 'string_literal_content') value += child.text;
    else if (child?.type === 'escape_sequence') value += decodeCsEscape(child.text);
  }
  return value;
}

export function isCsString(node: Node | null | undefined): boolean {
  return node?.type === 'string_literal' || node?.type === 'verbatim_string_literal' || node?.type === 'raw_string_literal';
}

function decodeCsEscape(text: string): string {
  switch (text[1]) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case '0': return '\0';
    case 'u': case 'x': case 'U': {
      const code = parseInt(text.slice(2), 16);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : text;
    }
    default: return text.slice(1);
  }
}

/** `$"postgres://{host}/app"` → `postgres://${host}/app` (a template: rules judge its fixed parts only). */
export function csTemplateValue(node: Node): string | undefined {
  if (node.type !== 'interpolated_string_expression') return undefined;
  let value = '';
  for (const child of node.namedChildren) {
    if (!child || child.type === 'interpolation_start' || child.type === 'interpolation_quote') continue;
    if (child.type === 'interpolation') value += `\${${child.namedChildren.filter((c) => c?.type !== 'interpolation_brace').map((c) => c!.text).join('')}}`;
    else if (child.type === 'escape_sequence') value += decodeCsEscape(child.text);
    else value += child.text;
  }
  return value;
}

/** A decimal int literal's value (`5000`, `5_000`). */
export function csIntValue(node: Node | null | undefined): number | undefined {
  if (node?.type !== 'integer_literal' || !/^[0-9][0-9_]*$/.test(node.text)) return undefined;
  return Number(node.text.replace(/_/g, ''));
}

/** `a.b.c` for identifiers and member accesses (generic names lose their type arguments); undefined otherwise. */
export function csDottedName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier' || node.type === 'predefined_type' || node.type === 'this' || node.type === 'base') return node.text;
  if (node.type === 'generic_name') return node.namedChildren[0]?.text;
  if (node.type === 'qualified_name' || node.type === 'member_access_expression') {
    const left = csDottedName(node.childForFieldName(node.type === 'qualified_name' ? 'qualifier' : 'expression'));
    const right = csDottedName(node.childForFieldName('name'));
    return left === undefined || right === undefined ? undefined : `${left}.${right}`;
  }
  return undefined;
}

/** The method a call calls (`UseSqlServer`), or `new T` for a constructor. */
export function csMethodName(call: Node): string {
  if (call.type === 'object_creation_expression') return `new ${csDottedName(call.childForFieldName('type')) ?? '?'}`;
  const fn = call.childForFieldName('function');
  if (fn?.type === 'member_access_expression') return csDottedName(fn.childForFieldName('name')) ?? '?';
  return csDottedName(fn) ?? '?';
}

/**
 * What a call calls, as the callee tables read it: `Environment.GetEnvironmentVariable`,
 * `services.AddAuthentication().AddFacebook`, `new SymmetricSecurityKey`; `?` for what is computed.
 */
export function csCalleeName(call: Node): string {
  if (call.type === 'object_creation_expression') return csMethodName(call);
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'member_access_expression') return csDottedName(fn) ?? '?';
  const object = fn.childForFieldName('expression');
  const name = csDottedName(fn.childForFieldName('name')) ?? '?';
  if (object?.type === 'invocation_expression' || object?.type === 'object_creation_expression') return `${csCalleeName(object)}().${name}`;
  return `${csDottedName(object) ?? '?'}.${name}`;
}

/** A call's arguments: the expression of each and its name when it is a named argument (`name: "…"`). */
export function csArguments(call: Node): { name?: string; value: Node }[] {
  const list = call.childForFieldName('arguments');
  const out: { name?: string; value: Node }[] = [];
  for (const argument of list?.namedChildren ?? []) {
    if (argument?.type !== 'argument') continue;
    const name = argument.childForFieldName('name')?.text;
    const value = argument.namedChildren.filter((c) => c !== null && c !== argument.childForFieldName('name') && c.type !== 'comment').pop();
    if (value) out.push({ ...(name ? { name } : {}), value });
  }
  return out;
}

/** Configuration names that read from outside the code: `configuration["X"]`, `Configuration.GetValue`, `_config`. */
const CONFIG_RECEIVER = /(^|\.)(_?[cC]onfig(uration)?|_?[cC]onfig(uration)?Root|[cC]fg|Settings|settings)$/;

/**
 * Reads configuration from outside the code: `Environment.GetEnvironmentVariable`, `configuration["X"]`,
 * `configuration.GetValue<T>(…)`, `GetConnectionString`, `GetSection(…).Value`.
 */
export function csReadsEnv(node: Node): boolean {
  if (node.type === 'invocation_expression') {
    const callee = csCalleeName(node);
    if (/(^|\.)Environment\.GetEnvironmentVariable$|(^|\.)(GetValue|GetConnectionString|GetSection|GetRequiredSection)$/.test(callee)) return true;
  }
  if (node.type === 'element_access_expression' && CONFIG_RECEIVER.test(csDottedName(node.childForFieldName('expression')) ?? '')) return true;
  for (const child of node.namedChildren) if (child && child.type !== 'lambda_expression' && csReadsEnv(child)) return true;
  return false;
}
