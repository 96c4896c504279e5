/**
 * Environment reads in JavaScript/TypeScript: `process.env.X`, `process.env['X']`, `import.meta.env.X`, the name an
 * expression reads through `||`/`??` defaults, and same-file constant resolution.
 */
import type * as ts from 'typescript';
import { unwrapExpression } from './ast';

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
/**
 * The env variable an expression reads, looking through `||`/`??` defaults, `.toLowerCase()` and the like, and one
 * level of `const env = process.env.NODE_ENV || 'development'` indirection within the same file.
 */
export function jsEnvNameOf(t: typeof ts, expression: ts.Expression, depth = 0): string | undefined {
  const node = unwrapExpression(expression);
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

