/**
 * Helpers over tree-sitter-go nodes shared by the Go extractors: string values, dotted names, imports (and the edit
 * that adds a missing one), environment reads, and `host:port` addresses.
 */
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../../types';

/** The value of an interpreted (`"…"`, escapes decoded) or raw (`` `…` ``) string literal. */
export function goStringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'raw_string_literal') return node.text.slice(1, -1);
  if (node.type !== 'interpreted_string_literal') return undefined;
  let value = '';
  for (const child of node.namedChildren) {
    if (child?.type === 'interpreted_string_literal_content') value += child.text;
    else if (child?.type === 'escape_sequence') value += decodeGoEscape(child.text);
  }
  return value;
}

function decodeGoEscape(text: string): string {
  switch (text[1]) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case 'x': case 'u': case 'U': return String.fromCodePoint(parseInt(text.slice(2), 16));
    default: return /^\\[0-7]{3}$/.test(text) ? String.fromCharCode(parseInt(text.slice(1), 8)) : text.slice(1);
  }
}

export function isGoString(node: Node | null | undefined): boolean {
  return node?.type === 'interpreted_string_literal' || node?.type === 'raw_string_literal';
}

/** `a.b.c` → "a.b.c" for identifiers and selector chains; undefined for anything computed. */
export function goDottedName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier' || node.type === 'field_identifier' || node.type === 'package_identifier' || node.type === 'type_identifier') return node.text;
  if (node.type === 'selector_expression') {
    const operand = goDottedName(node.childForFieldName('operand'));
    const field = node.childForFieldName('field');
    return operand === undefined || !field ? undefined : `${operand}.${field.text}`;
  }
  if (node.type === 'qualified_type') {
    const pkg = node.childForFieldName('package');
    const name = node.childForFieldName('name');
    return pkg && name ? `${pkg.text}.${name.text}` : undefined;
  }
  return undefined;
}

/**
 * What a call calls, as a message and the callee tables read it: `sql.Open`, `r.Run`; on a computed receiver the
 * method alone after `?.` (`?.Start` for `router.New().Start`), else '?'.
 */
export function goCalleeName(call: Node): string {
  const fn = call.childForFieldName('function');
  const dotted = goDottedName(fn);
  if (dotted !== undefined) return dotted;
  if (fn?.type === 'selector_expression') return `?.${fn.childForFieldName('field')?.text ?? ''}`;
  return '?';
}

export function goArguments(call: Node): Node[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? [];
}

/** `os.Getenv("X")`, `os.LookupEnv("X")`, `syscall.Getenv("X")`. */
export function isGoEnvCall(call: Node): boolean {
  return /^(os|syscall)\.(Getenv|LookupEnv)$/.test(goCalleeName(call));
}

/** The file's imports by path: `"os"` → its local name (the alias, or the path's last segment). */
export function goImports(root: Node): Map<string, { local: string; spec: Node }> {
  const out = new Map<string, { local: string; spec: Node }>();
  for (const declaration of root.namedChildren) {
    if (declaration?.type !== 'import_declaration') continue;
    const specs = declaration.namedChildren.flatMap((c) => (c?.type === 'import_spec_list' ? c.namedChildren : [c]));
    for (const spec of specs) {
      if (spec?.type !== 'import_spec') continue;
      const path = goStringValue(spec.childForFieldName('path'));
      if (path === undefined) continue;
      const alias = spec.childForFieldName('name')?.text;
      const segments = path.split('/');
      const last = /^v\d+$/.test(segments[segments.length - 1]) && segments.length > 1 ? segments[segments.length - 2] : segments[segments.length - 1];
      out.set(path, { local: alias ?? last.replace(/^go-/, '').replace(/[.-].*$/, ''), spec });
    }
  }
  return out;
}

/**
 * The edit that adds `import "<path>"` to a file that lacks it: as the first line of the import block, after a single
 * import declaration, or below the package clause. The same path always gives the same edit, so fix-all merges them.
 */
export function goAddImportEdit(root: Node, text: string, path: string): TextEdit | undefined {
  const imports = goImports(root);
  const existing = imports.get(path);
  if (existing && existing.local !== '_' && existing.local !== '.') return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const declarations = root.namedChildren.filter((n): n is Node => n?.type === 'import_declaration');
  const block = declarations.map((d) => d.namedChildren.find((c) => c?.type === 'import_spec_list')).find((b) => b);
  if (block) {
    const open = block.startIndex + block.text.indexOf('(') + 1;
    return { start: open, end: open, newText: `${eol}\t${JSON.stringify(path)}` };
  }
  const anchor = declarations[declarations.length - 1] ?? root.namedChildren.find((n) => n?.type === 'package_clause');
  if (!anchor) return { start: 0, end: 0, newText: `import ${JSON.stringify(path)}${eol}` };
  return { start: anchor.endIndex, end: anchor.endIndex, newText: `${eol}${eol}import ${JSON.stringify(path)}` };
}

/** The local name `os` is imported under (`os`, or its alias), or undefined when the file does not import it. */
export function goImportName(root: Node, path: string): string | undefined {
  const local = goImports(root).get(path)?.local;
  return local === '_' || local === '.' ? undefined : local;
}

/** `'host:port'` → its parts: `":8080"`, `"0.0.0.0:8080"`, `"[::]:50051"`, `"localhost:3000"`. */
export function splitAddress(text: string | undefined): { host: string; port: number } | undefined {
  const match = /^(\[[0-9a-fA-F:.]*\]|[\w.-]*):(\d{1,5})$/.exec(text ?? '');
  const port = match ? Number(match[2]) : 0;
  return match && port >= 1 && port <= 65535 ? { host: match[1], port } : undefined;
}

/**
 * The edit that turns the `const` declaration holding `offset` into a `var` (a constant cannot hold a call such as
 * `os.Getenv`), or undefined when the offset is in no constant's value. A grouped `const ( … )` becomes a `var ( … )`
 * as a whole; a group that counts with `iota` is left alone (its specs without values would not compile as vars).
 */
export function goConstToVarEdit(root: Node, offset: number): TextEdit | undefined {
  for (let node: Node | null = root.descendantForIndex(offset, offset); node; node = node.parent) {
    if (node.type === 'function_declaration' || node.type === 'method_declaration' || node.type === 'func_literal') return undefined;
    if (node.type !== 'const_declaration') continue;
    const specs = node.namedChildren.filter((c): c is Node => c?.type === 'const_spec');
    if (specs.some((spec) => !spec.childForFieldName('value') || /\biota\b/.test(spec.text))) return undefined;
    return node.text.startsWith('const') ? { start: node.startIndex, end: node.startIndex + 'const'.length, newText: 'var' } : undefined;
  }
  return undefined;
}
