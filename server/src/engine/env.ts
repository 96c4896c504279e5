/**
 * Recognising environment reads in parsed code — `process.env.X`, `process.env['X']`, `import.meta.env.X`,
 * `os.environ['X']`, `os.environ.get('X')`, `os.getenv('X')` — and a few helpers on literal values that several
 * rules and the project facts share. Everything works on parser nodes, never on the source text.
 */
import type * as ts from 'typescript';
import type { Node as TsNode } from 'web-tree-sitter';

/** Names that say which deploy the process runs in (`NODE_ENV`, `APP_ENV`, `FLASK_ENV`, `ENVIRONMENT`…). */
export function isEnvironmentNameVar(name: string): boolean {
  return /^(?:[A-Z0-9]+_)?(?:ENV|ENVIRONMENT|STAGE)$/.test(name) || name === 'FLASK_CONFIG' || name === 'APP_SETTINGS';
}

/** Names of debug switches (`DEBUG`, `FLASK_DEBUG`, `DJANGO_DEBUG`). */
export function isDebugVar(name: string): boolean {
  return /^(?:[A-Z0-9]+_)?DEBUG$/.test(name);
}

// ---------------------------------------------------------------------------------------------------------------
// JavaScript / TypeScript

/** `process.env` or `import.meta.env`. */
export function isJsEnvObject(t: typeof ts, node: ts.Node): boolean {
  if (!t.isPropertyAccessExpression(node) || node.name.text !== 'env') return false;
  const object = node.expression;
  if (t.isIdentifier(object)) return object.text === 'process';
  return t.isMetaProperty(object) && object.keywordToken === t.SyntaxKind.ImportKeyword && object.name.text === 'meta';
}

export interface JsEnvRead {
  /** The variable name, or null when it is computed (`process.env[name]`). */
  name: string | null;
  /** The whole read expression. */
  node: ts.Expression;
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X`; undefined for anything else. */
export function jsEnvRead(t: typeof ts, node: ts.Node): JsEnvRead | undefined {
  if (t.isPropertyAccessExpression(node) && isJsEnvObject(t, node.expression)) {
    return { name: node.name.text, node };
  }
  if (t.isElementAccessExpression(node) && isJsEnvObject(t, node.expression)) {
    const arg = node.argumentExpression;
    return { name: t.isStringLiteralLike(arg) ? arg.text : null, node };
  }
  return undefined;
}

/** Skips parentheses, `as`/`!`/`satisfies` wrappers. */
export function jsUnwrap(t: typeof ts, node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (t.isParenthesizedExpression(current) || t.isAsExpression(current) || t.isNonNullExpression(current) || t.isSatisfiesExpression(current) || t.isTypeAssertionExpression(current)) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/**
 * The env variable an expression reads, looking through `||`/`??` defaults, `.toLowerCase()` and the like, and one
 * level of `const env = process.env.NODE_ENV || 'development'` indirection within the same file.
 */
export function jsEnvNameOf(t: typeof ts, expression: ts.Expression, depth = 0): string | undefined {
  const node = jsUnwrap(t, expression);
  const read = jsEnvRead(t, node);
  if (read) return read.name ?? undefined;
  if (t.isBinaryExpression(node) && [t.SyntaxKind.BarBarToken, t.SyntaxKind.QuestionQuestionToken].includes(node.operatorToken.kind)) {
    return jsEnvNameOf(t, node.left, depth);
  }
  if (t.isCallExpression(node) && t.isPropertyAccessExpression(node.expression) && node.arguments.length === 0) {
    return jsEnvNameOf(t, node.expression.expression, depth);
  }
  if (t.isIdentifier(node) && depth === 0) {
    const init = jsConstInitializer(t, node);
    if (init) return jsEnvNameOf(t, init, depth + 1);
  }
  return undefined;
}

/** Per file, per scope: its statements' variable declarations with an identifier name, by name, in order. */
const scopeDeclarations = new WeakMap<ts.SourceFile, Map<ts.Node, Map<string, ts.VariableDeclaration[]>>>();

function declarationsIn(t: typeof ts, sourceFile: ts.SourceFile | undefined, scope: ts.SourceFile | ts.Block | ts.ModuleBlock): Map<string, ts.VariableDeclaration[]> {
  let scopes = sourceFile && scopeDeclarations.get(sourceFile);
  if (sourceFile && !scopes) scopeDeclarations.set(sourceFile, (scopes = new Map()));
  let byName = scopes?.get(scope);
  if (!byName) {
    byName = new Map();
    for (const statement of scope.statements) {
      if (!t.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (!t.isIdentifier(declaration.name)) continue;
        const list = byName.get(declaration.name.text);
        if (list) list.push(declaration);
        else byName.set(declaration.name.text, [declaration]);
      }
    }
    scopes?.set(scope, byName);
  }
  return byName;
}

/**
 * The initializer of the `const`/`let`/`var` an identifier names, found by walking up the enclosing scopes. Each
 * scope's declarations are read once per file (a large file's top level used to be rescanned for every identifier).
 */
export function jsConstInitializer(t: typeof ts, identifier: ts.Identifier): ts.Expression | undefined {
  const name = identifier.text;
  const scopes: (ts.SourceFile | ts.Block | ts.ModuleBlock)[] = [];
  let root: ts.Node = identifier;
  for (let scope: ts.Node | undefined = identifier.parent; scope; scope = scope.parent) {
    root = scope;
    if (t.isSourceFile(scope) || t.isBlock(scope) || t.isModuleBlock(scope)) scopes.push(scope);
  }
  const sourceFile = t.isSourceFile(root) ? root : undefined; // a detached subtree is searched without a cache
  for (const scope of scopes) {
    const declarations = declarationsIn(t, sourceFile, scope).get(name);
    const declaration = declarations?.find((d) => d !== identifier.parent);
    if (declaration) return declaration.initializer;
  }
  return undefined;
}

/** The text of a string literal or a template without substitutions. */
export function jsStringValue(t: typeof ts, node: ts.Node): string | undefined {
  return t.isStringLiteralLike(node) ? node.text : undefined;
}

/** Text of a property name (identifier, string or numeric literal); undefined when computed. */
export function jsPropertyName(t: typeof ts, name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (t.isIdentifier(name) || t.isPrivateIdentifier(name)) return name.text;
  if (t.isStringLiteralLike(name) || t.isNumericLiteral(name)) return name.text;
  if (t.isComputedPropertyName(name) && t.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Python (tree-sitter)

/** The value of a plain Python string literal; undefined for f-strings with interpolations and non-strings. */
export function pyStringValue(node: TsNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    let out = '';
    for (const part of node.namedChildren) {
      const value = pyStringValue(part);
      if (value === undefined) return undefined;
      out += value;
    }
    return out;
  }
  if (node.type !== 'string') return undefined;
  let out = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'interpolation') return undefined;
    if (child.type === 'string_content' || child.type === 'escape_sequence') out += child.text;
  }
  return out;
}

/** `os.environ` or a bare `environ` (from `from os import environ`). */
export function isPyEnviron(node: TsNode | null | undefined): boolean {
  if (!node) return false;
  if (node.type === 'identifier') return node.text === 'environ';
  return node.type === 'attribute' && node.childForFieldName('object')?.text === 'os' && node.childForFieldName('attribute')?.text === 'environ';
}

export interface PyEnvRead {
  name: string | null;
  node: TsNode;
}

/** `os.environ['X']`, `os.environ.get('X')`, `os.getenv('X')`, `getenv('X')`; undefined for anything else. */
export function pyEnvRead(node: TsNode): PyEnvRead | undefined {
  if (node.type === 'subscript') {
    if (!isPyEnviron(node.childForFieldName('value'))) return undefined;
    const key = node.childForFieldName('subscript');
    return { name: pyStringValue(key) ?? null, node };
  }
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    if (!fn) return undefined;
    const isGetenv =
      (fn.type === 'identifier' && fn.text === 'getenv') ||
      (fn.type === 'attribute' && fn.childForFieldName('object')?.text === 'os' && fn.childForFieldName('attribute')?.text === 'getenv');
    const isEnvironGet = fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get' && isPyEnviron(fn.childForFieldName('object'));
    if (!isGetenv && !isEnvironGet) return undefined;
    const first = node.childForFieldName('arguments')?.namedChildren[0];
    return { name: pyStringValue(first) ?? null, node };
  }
  return undefined;
}

/** The env variable a Python expression reads, through `or` defaults, parentheses and `.lower()`-style calls. */
export function pyEnvNameOf(node: TsNode | null | undefined): string | undefined {
  if (!node) return undefined;
  const read = pyEnvRead(node);
  if (read) return read.name ?? undefined;
  if (node.type === 'parenthesized_expression') return pyEnvNameOf(node.namedChildren[0]);
  if (node.type === 'boolean_operator') return pyEnvNameOf(node.childForFieldName('left'));
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    if (fn?.type === 'attribute' && (node.childForFieldName('arguments')?.namedChildCount ?? 0) === 0) {
      return pyEnvNameOf(fn.childForFieldName('object'));
    }
  }
  return undefined;
}

/** Depth-first walk over named nodes; `visit` returning false skips the node's children. */
export function walkTree(node: TsNode, visit: (node: TsNode) => boolean | void): void {
  if (visit(node) === false) return;
  for (const child of node.namedChildren) if (child) walkTree(child, visit);
}
