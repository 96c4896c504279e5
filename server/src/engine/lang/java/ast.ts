/** Helpers over tree-sitter-java nodes shared by the Java extractors: string values, names, callees, env reads. */
import type { Node } from 'web-tree-sitter';

/** The value of a string literal or text block, escapes decoded; undefined for anything else. */
export function javaStringValue(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string_literal') return undefined;
  let value = '';
  for (const child of node.namedChildren) {
    if (child?.type === 'string_fragment' || child?.type === 'multiline_string_fragment') value += child.text;
    else if (child?.type === 'escape_sequence') value += decodeJavaEscape(child.text);
    else if (child?.type === 'string_interpolation') return undefined;
  }
  return node.text.startsWith('"""') ? value.replace(/^[ \t]*\r?\n/, '') : value;
}

function decodeJavaEscape(text: string): string {
  switch (text[1]) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case 'u': return String.fromCharCode(parseInt(text.replace(/^\\u+/, ''), 16));
    default: return /^\\[0-7]{1,3}$/.test(text) ? String.fromCharCode(parseInt(text.slice(1), 8)) : text.slice(1);
  }
}

/** A decimal int literal's value (`8080`, `8_080`). */
export function javaIntValue(node: Node | null | undefined): number | undefined {
  if (node?.type !== 'decimal_integer_literal' || !/^[0-9][0-9_]*$/.test(node.text)) return undefined;
  return Number(node.text.replace(/_/g, ''));
}

/** `a.b.c` for identifiers, field accesses and scoped names; `this.x` → "this.x". */
export function javaDottedName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier' || node.type === 'type_identifier' || node.type === 'this') return node.text;
  if (node.type === 'field_access') {
    const object = javaDottedName(node.childForFieldName('object'));
    const field = node.childForFieldName('field');
    return object === undefined || !field ? undefined : `${object}.${field.text}`;
  }
  if (node.type === 'scoped_identifier' || node.type === 'scoped_type_identifier') return node.text.replace(/\s+/g, '');
  if (node.type === 'generic_type') return javaDottedName(node.namedChildren[0]);
  return undefined;
}

/**
 * What a call calls, as the callee tables read it: `DriverManager.getConnection`, `System.getenv().getOrDefault`,
 * `DataSourceBuilder.create().password`, `new HikariConfig` for a constructor; `?` parts for what is computed.
 */
export function javaCalleeName(call: Node): string {
  if (call.type === 'object_creation_expression') return `new ${javaDottedName(call.childForFieldName('type')) ?? '?'}`;
  const name = call.childForFieldName('name')?.text ?? '?';
  const object = call.childForFieldName('object');
  if (!object) return name;
  if (object.type === 'method_invocation' || object.type === 'object_creation_expression') return `${javaCalleeName(object)}().${name}`;
  return `${javaDottedName(object) ?? '?'}.${name}`;
}

export function javaArguments(call: Node): Node[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment' && n.type !== 'line_comment' && n.type !== 'block_comment') ?? [];
}

/** Reads configuration from outside the code: `System.getenv`, `System.getProperty`, Spring's `env.getProperty`. */
export function javaReadsEnv(node: Node): boolean {
  if (node.type === 'method_invocation') {
    const callee = javaCalleeName(node);
    if (/(^|\.)System\.(getenv|getProperty)$|^System\.getenv\(\)|(^|\.)(env|environment)\.(getProperty|getRequiredProperty)$|^Dotenv\b|^dotenv\./.test(callee)) return true;
  }
  for (const child of node.namedChildren) if (child && child.type !== 'lambda_expression' && javaReadsEnv(child)) return true;
  return false;
}

/** The file's imports as written: `io.javalin.Javalin`, `spark.Spark.*` (static imports too). */
export function javaImports(root: Node): string[] {
  return root.namedChildren.filter((n): n is Node => n?.type === 'import_declaration').map((n) => n.text.replace(/^import\s+(static\s+)?/, '').replace(/;\s*$/, '').replace(/\s+/g, ''));
}
