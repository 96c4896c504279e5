/**
 * Small, pure helpers over the TypeScript AST that several rules share: dotted callee names, literal values,
 * object-literal properties, module bindings (`require`/`import`) and same-file constant resolution.
 * Everything per file is computed once and kept in a WeakMap keyed by the SourceFile.
 */
import ts = require('typescript');
import { isEnvironmentNameVar } from '../../env';
import { jsEnvNameOf } from './env';
import type { OffsetRange } from '../../types';

/** Strips parentheses, `as`/`satisfies`/`<T>` assertions and `!`: they do not change the value. */
export function unwrapExpression(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    switch (current.kind) {
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.SatisfiesExpression:
      case ts.SyntaxKind.TypeAssertionExpression:
        current = (current as ts.ParenthesizedExpression | ts.AsExpression | ts.NonNullExpression | ts.SatisfiesExpression | ts.TypeAssertion).expression;
        break;
      default:
        return current;
    }
  }
}

/**
 * `a.b.c` → "a.b.c", `this.app` → "this.app"; undefined for anything that is not a plain member chain. A loop, not
 * recursion (member chains can be 100,000 long).
 */
export function dottedName(node: ts.Expression): string | undefined {
  const names: string[] = [];
  let expression = unwrapExpression(node);
  while (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.name)) {
    names.push(expression.name.text);
    expression = unwrapExpression(expression.expression);
  }
  let head: string;
  if (ts.isIdentifier(expression)) head = expression.text;
  else if (expression.kind === ts.SyntaxKind.ThisKeyword) head = 'this';
  else return undefined;
  names.push(head);
  return names.reverse().join('.');
}

/** The last segment of a dotted name ("app" for `this.app`). */
export function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

export function stringValue(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  const expression = ts.isExpression(node) ? unwrapExpression(node) : node;
  return ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression) ? expression.text : undefined;
}

export function numberValue(node: ts.Node | undefined): number | undefined {
  if (!node) return undefined;
  const expression = ts.isExpression(node) ? unwrapExpression(node) : node;
  return ts.isNumericLiteral(expression) ? Number(expression.text.replace(/_/g, '')) : undefined;
}

/**
 * The name of a property or binding as written: identifiers, string and numeric literals, `#private` names without
 * the `#`, and computed names holding a string; undefined for anything computed from code.
 */
export function propertyName(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name)) return name.text;
  if (ts.isPrivateIdentifier(name)) return name.text.replace(/^#/, '');
  if (ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** The property named `name` of an object literal (last one wins, as at run time). */
export function findProperty(object: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  let found: ts.ObjectLiteralElementLike | undefined;
  for (const property of object.properties) {
    if ((ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) && propertyName(property.name) === name) found = property;
  }
  return found;
}

/** The value expression of property `name` (the identifier itself for `{ port }`). */
export function propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const property = findProperty(object, name);
  if (!property) return undefined;
  // A value the parser had to invent while the user is still typing (`{ dest: }`) is no value.
  if (ts.isPropertyAssignment(property)) return ts.isIdentifier(property.initializer) && property.initializer.text === '' ? undefined : property.initializer;
  if (ts.isShorthandPropertyAssignment(property)) return property.name;
  return undefined;
}

export function hasSpread(object: ts.ObjectLiteralExpression): boolean {
  return object.properties.some((p) => ts.isSpreadAssignment(p));
}

export function rangeOf(node: ts.Node, sourceFile: ts.SourceFile): OffsetRange {
  return { start: node.getStart(sourceFile), end: node.end };
}

/** The node's children in source order (what `ts.forEachChild` visits), as an array. */
export function childrenOf(node: ts.Node): ts.Node[] {
  const children: ts.Node[] = [];
  ts.forEachChild(node, (child) => {
    children.push(child);
  });
  return children;
}

/**
 * Visits every node under `root` (itself included), depth first, in pre-order; `visit` returning false skips the
 * node's children. An explicit stack instead of recursion: the parser builds a 150,000-deep tree for a 1 MB chain of
 * `"ab" +` lines, which a recursive walk cannot descend.
 */
export function forEachNode(root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** True when `process.env` (or `import.meta.env`) appears anywhere inside the node. */
export function readsEnvironment(node: ts.Node): boolean {
  let found = false;
  forEachNode(node, (n) => {
    if (found || !ts.isPropertyAccessExpression(n) || n.name.text !== 'env') return;
    const name = dottedName(n.expression);
    if (name === 'process' || ts.isMetaProperty(n.expression)) found = true;
  });
  return found;
}

/** "node:fs" → "fs". */
export function normalizeModule(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}

/** `require('m')` → "m". */
export function requiredModule(node: ts.Node): string | undefined {
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'require') return undefined;
  const specifier = stringValue(node.arguments[0]);
  return specifier === undefined ? undefined : normalizeModule(specifier);
}

/**
 * A local name bound to a module: `imported` is "*" for the module object (`import * as m`, `const m =
 * require('m')`), "default", an export name, or "()" for the result of calling the module
 * (`const MemoryStore = require('memorystore')(session)`).
 */
export interface ModuleBinding {
  local: string;
  module: string;
  imported: string;
}

interface FileIndex {
  bindings: ModuleBinding[];
  /** Every declaration of each name: variables, parameters, destructuring, functions, classes, imports. */
  declarations: Map<string, ts.Node[]>;
  /** Names assigned to after their declaration (`x = …`, `x++`). */
  reassigned: Set<string>;
  /** Every module the file imports or requires, bound or not (`require('winston-daily-rotate-file')`). */
  modules: Set<string>;
  /** Every node in depth-first pre-order (the order of `forEachNode`). */
  nodes: ts.Node[];
  /** Positions in `nodes` of the nodes of each kind, ascending; indexed by kind. */
  byKind: (number[] | undefined)[];
  /** String and template literals outside imports/exports, types, JSX attributes and enums, in walk order. */
  valueLiterals: (ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression)[];
  /** `nodesOfKind` answers, by their kinds. */
  selections: Map<string, readonly ts.Node[]>;
}

const indexes = new WeakMap<ts.SourceFile, FileIndex>();

function bindingFromRequireChain(initializer: ts.Expression): { module: string; imported: string } | undefined {
  const expression = unwrapExpression(initializer);
  const direct = requiredModule(expression);
  if (direct !== undefined) return { module: direct, imported: '*' };
  if (ts.isPropertyAccessExpression(expression)) {
    const module = requiredModule(unwrapExpression(expression.expression));
    if (module !== undefined) return { module, imported: expression.name.text };
  }
  if (ts.isCallExpression(expression)) {
    const module = requiredModule(unwrapExpression(expression.expression));
    if (module !== undefined) return { module, imported: '()' };
  }
  return undefined;
}

/** Nodes whose strings are never values: import/export declarations, types, JSX attributes, enums. */
function excludesValues(node: ts.Node): boolean {
  return ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isImportEqualsDeclaration(node) || ts.isTypeNode(node) || ts.isJsxAttribute(node) || ts.isEnumDeclaration(node);
}

/** `excludesValues` by kind (those tests read nothing but the kind), so the walk pays one array read per node. */
const EXCLUDES_VALUES = (() => {
  const table = new Uint8Array(ts.SyntaxKind.Count);
  for (let kind = 0; kind < table.length; kind++) table[kind] = excludesValues({ kind } as ts.Node) ? 1 : 0;
  return table;
})();

/**
 * The file's one full walk: module bindings, declarations and reassignments, and every node by kind, so that rules
 * iterate the nodes they care about (`nodesOfKind`) instead of each walking the whole tree again.
 */
function buildIndex(sourceFile: ts.SourceFile): FileIndex {
  const bindings: ModuleBinding[] = [];
  const declarations = new Map<string, ts.Node[]>();
  const reassigned = new Set<string>();
  const modules = new Set<string>();
  const nodes: ts.Node[] = [];
  const byKind: (number[] | undefined)[] = [];
  const valueLiterals: FileIndex['valueLiterals'] = [];
  let excludedDepth = 0;
  const declare = (name: ts.Node, node: ts.Node) => {
    if (!ts.isIdentifier(name)) return;
    const list = declarations.get(name.text);
    if (list) list.push(node);
    else declarations.set(name.text, [node]);
  };
  const S = ts.SyntaxKind;
  // Iterative (a stack, not recursion: trees can be 100,000s deep); `EXIT` marks where an excluding node's children end.
  const EXIT = null;
  const stack: (ts.Node | typeof EXIT)[] = [sourceFile];
  const pending: ts.Node[] = [];
  const pushChild = (child: ts.Node): void => {
    pending.push(child);
  };
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next === EXIT) {
      excludedDepth--;
      continue;
    }
    visit(next);
    if (EXCLUDES_VALUES[next.kind] === 1) stack.push(EXIT);
    pending.length = 0;
    ts.forEachChild(next, pushChild);
    for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]);
  }
  function visit(node: ts.Node): void {
    const kind = node.kind;
    const position = nodes.push(node) - 1;
    const positions = byKind[kind];
    if (positions) positions.push(position);
    else byKind[kind] = [position];
    const excludes = EXCLUDES_VALUES[kind] === 1;
    if (excludes) excludedDepth++;
    else if (excludedDepth === 0 && (kind === S.StringLiteral || kind === S.NoSubstitutionTemplateLiteral || kind === S.TemplateExpression)) {
      valueLiterals.push(node as FileIndex['valueLiterals'][number]);
    }
    switch (kind) {
      case S.CallExpression: {
        const required = requiredModule(node);
        if (required !== undefined) modules.add(required);
        break;
      }
      case S.ImportDeclaration: {
        const declaration = node as ts.ImportDeclaration;
        if (!ts.isStringLiteral(declaration.moduleSpecifier)) break;
        const module = normalizeModule(declaration.moduleSpecifier.text);
        modules.add(module);
        const clause = declaration.importClause;
        if (clause?.name) bindings.push({ local: clause.name.text, module, imported: 'default' });
        const named = clause?.namedBindings;
        if (named && ts.isNamespaceImport(named)) bindings.push({ local: named.name.text, module, imported: '*' });
        if (named && ts.isNamedImports(named)) {
          for (const element of named.elements) {
            bindings.push({ local: element.name.text, module, imported: (element.propertyName ?? element.name).text });
          }
        }
        break;
      }
      case S.ImportEqualsDeclaration: {
        const declaration = node as ts.ImportEqualsDeclaration;
        if (!ts.isExternalModuleReference(declaration.moduleReference)) break;
        const specifier = stringValue(declaration.moduleReference.expression);
        if (specifier !== undefined) bindings.push({ local: declaration.name.text, module: normalizeModule(specifier), imported: '*' });
        break;
      }
      case S.VariableDeclaration: {
        const declaration = node as ts.VariableDeclaration;
        if (declaration.initializer) {
          const origin = bindingFromRequireChain(declaration.initializer);
          if (origin && ts.isIdentifier(declaration.name)) bindings.push({ local: declaration.name.text, ...origin });
          if (origin?.imported === '*' && ts.isObjectBindingPattern(declaration.name)) {
            for (const element of declaration.name.elements) {
              const key = element.propertyName ? propertyName(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
              if (key !== undefined && ts.isIdentifier(element.name)) bindings.push({ local: element.name.text, module: origin.module, imported: key });
            }
          }
        }
        declare(declaration.name, node);
        break;
      }
      case S.Parameter:
      case S.BindingElement:
        declare((node as ts.ParameterDeclaration | ts.BindingElement).name, node);
        break;
      case S.FunctionDeclaration:
      case S.ClassDeclaration:
      case S.ImportClause: {
        const name = (node as ts.FunctionDeclaration | ts.ClassDeclaration | ts.ImportClause).name;
        if (name) declare(name, node);
        break;
      }
      case S.ImportSpecifier:
      case S.NamespaceImport:
        declare((node as ts.ImportSpecifier | ts.NamespaceImport).name, node);
        break;
      case S.BinaryExpression: {
        const binary = node as ts.BinaryExpression;
        const operator = binary.operatorToken.kind;
        if (operator >= S.FirstAssignment && operator <= S.LastAssignment) {
          const left = unwrapExpression(binary.left);
          if (ts.isIdentifier(left)) reassigned.add(left.text);
        }
        break;
      }
      case S.PrefixUnaryExpression:
      case S.PostfixUnaryExpression: {
        const unary = node as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
        if (unary.operator === S.PlusPlusToken || unary.operator === S.MinusMinusToken) {
          const operand = unwrapExpression(unary.operand);
          if (ts.isIdentifier(operand)) reassigned.add(operand.text);
        }
        break;
      }
    }
  }
  return { bindings, declarations, reassigned, modules, nodes, byKind, valueLiterals, selections: new Map() };
}

function indexOf(sourceFile: ts.SourceFile): FileIndex {
  let index = indexes.get(sourceFile);
  if (!index) {
    index = buildIndex(sourceFile);
    indexes.set(sourceFile, index);
  }
  return index;
}

/**
 * String literals, templates without substitutions and template expressions that can be values — none inside an
 * import/export declaration, a type, a JSX attribute or an enum — in the order a depth-first walk meets them.
 */
export function valueLiterals(sourceFile: ts.SourceFile): readonly (ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression)[] {
  return indexOf(sourceFile).valueLiterals;
}

/**
 * Every node of the file whose kind is one of `kinds`, in the order a depth-first walk (`forEachNode`) meets them.
 * Comes from the file's single indexing walk: iterate it instead of walking the tree.
 */
export function nodesOfKind<T extends ts.Node = ts.Node>(sourceFile: ts.SourceFile, kinds: readonly ts.SyntaxKind[]): readonly T[] {
  const index = indexOf(sourceFile);
  const key = kinds.join(',');
  let selection = index.selections.get(key);
  if (!selection) {
    const positions: number[] = [];
    for (const kind of new Set(kinds)) {
      const found = index.byKind[kind];
      if (found) for (const p of found) positions.push(p);
    }
    if (kinds.length > 1) positions.sort((a, b) => a - b);
    selection = positions.map((p) => index.nodes[p]);
    index.selections.set(key, selection);
  }
  return selection as readonly T[];
}

/** Local names bound to any of `modules` (compared after stripping `node:`). */
export function moduleBindings(sourceFile: ts.SourceFile, modules: readonly string[]): ModuleBinding[] {
  return indexOf(sourceFile).bindings.filter((b) => modules.includes(b.module));
}

/** True when the file imports or requires one of `modules` anywhere (including bare `require('m')` calls). */
export function importsModule(sourceFile: ts.SourceFile, modules: readonly string[]): boolean {
  const seen = indexOf(sourceFile).modules;
  return modules.some((m) => seen.has(m));
}

/**
 * The single variable declaration that gives `name` its value in this file, when there is exactly one
 * declaration of that name anywhere (no shadowing parameter or inner variable) and it is never reassigned
 * (`const`, or a `let`/`var` nobody assigns to). Scope-blind on purpose: ambiguity means "unknown".
 */
export function resolveConstant(sourceFile: ts.SourceFile, name: string): ts.VariableDeclaration | undefined {
  const index = indexOf(sourceFile);
  const declared = index.declarations.get(name);
  if (!declared || declared.length !== 1) return undefined;
  const declaration = declared[0];
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const list = declaration.parent;
  const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
  if (!isConst && index.reassigned.has(name)) return undefined;
  return declaration;
}

/** Follows an identifier to its constant initializer (one hop); other expressions come back unwrapped. */
export function resolveValue(sourceFile: ts.SourceFile, node: ts.Expression): ts.Expression {
  const expression = unwrapExpression(node);
  if (!ts.isIdentifier(expression)) return expression;
  const declaration = resolveConstant(sourceFile, expression.text);
  return declaration?.initializer ? unwrapExpression(declaration.initializer) : expression;
}

const PRODUCTION = /^(?:prod|production)$/i;
const NON_PRODUCTION = /^(?:dev|development|local|test)$/i;

/**
 * Whether a condition holds only outside production (true: `NODE_ENV !== 'production'`, `NODE_ENV === 'development'`),
 * only in production (false: `NODE_ENV === 'production'`), or neither (undefined).
 */
export function outsideProduction(condition: ts.Expression): boolean | undefined {
  const test = unwrapExpression(condition);
  if (!ts.isBinaryExpression(test)) return undefined;
  const kind = test.operatorToken.kind;
  const equal = kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.EqualsEqualsToken;
  const notEqual = kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsToken;
  const [envSide, valueSide] = stringValue(test.right) !== undefined ? [test.left, test.right] : [test.right, test.left];
  const variable = jsEnvNameOf(ts, envSide);
  const value = stringValue(valueSide);
  if ((!equal && !notEqual) || variable === undefined || !isEnvironmentNameVar(variable) || value === undefined) return undefined;
  if ((notEqual && PRODUCTION.test(value)) || (equal && NON_PRODUCTION.test(value))) return true;
  if ((equal && PRODUCTION.test(value)) || (notEqual && NON_PRODUCTION.test(value))) return false;
  return undefined;
}

/**
 * True when the node only runs outside production: `if (process.env.NODE_ENV !== 'production') app.listen(3000)`
 * (serverless handlers often start a local server that way; dev-only loggers and stores look alike), the else arm of `=== 'production'`, `&&` guards and
 * conditional expressions alike.
 */
export function inNonProductionBranch(node: ts.Node): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    let condition: ts.Expression | undefined;
    let inThen = true;
    if (ts.isIfStatement(parent) && child !== parent.expression) [condition, inThen] = [parent.expression, child === parent.thenStatement];
    else if (ts.isConditionalExpression(parent) && child !== parent.condition) [condition, inThen] = [parent.condition, child === parent.whenTrue];
    else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === parent.right) condition = parent.left;
    const outside = condition && outsideProduction(condition);
    if (outside === undefined) continue;
    if (inThen ? outside : !outside) return true;
  }
  return false;
}
