/**
 * Config literals of a JS/TS file (see ConfigLiteral in engine/facts.ts): each string or template literal that gives
 * a value to something with a name, with its context and whether an environment read guards it.
 */
import ts = require('typescript');
import type { ConfigLiteral } from '../../facts';
import { calleeIgnored, DEFAULT_NAMES } from '../configVocabulary';
import { childrenOf, dottedName, propertyName, valueLiterals } from './ast';

/** Calls that read a value with a default: the default argument (index ≥ 1, or `default=`) is a fallback. */
const JS_FALLBACK_CALLEE = /^(env|getEnv|readEnv|envOr|fromEnv|Deno\.env\.get)$|(^|\.)(config|conf|nconf|settings|env|environment|configService|convict)\.(get|getOrDefault|getOrThrow)$/i;


/** Per node: does an environment read or a config lookup appear inside it (jsEnvRead)? */
const jsEnvReads = new WeakMap<ts.Node, boolean>();

/**
 * True when `process.env`, an `env`/`environ` name or a config lookup (`config.get(…)`) appears inside the node.
 * Memoised per node and computed bottom-up without recursion, so climbing a 10,000-operand `a || 'b' || …` chain
 * asks about each operand once instead of walking the chain again for every literal in it (that was quadratic).
 */
function jsEnvRead(tsApi: typeof ts, node: ts.Node): boolean {
  const known = jsEnvReads.get(node);
  if (known !== undefined) return known;
  const stack: { node: ts.Node; exit: boolean }[] = [{ node, exit: false }];
  while (stack.length > 0) {
    const { node: n, exit } = stack.pop()!;
    if (jsEnvReads.has(n)) continue;
    const children = childrenOf(n);
    if (!exit) {
      stack.push({ node: n, exit: true });
      for (let i = children.length - 1; i >= 0; i--) if (!jsEnvReads.has(children[i])) stack.push({ node: children[i], exit: false });
      continue;
    }
    const own =
      (tsApi.isIdentifier(n) && /^(env|ENV|environ|environment)$/.test(n.text)) ||
      (tsApi.isCallExpression(n) && JS_FALLBACK_CALLEE.test(dottedName(n.expression) ?? ''));
    jsEnvReads.set(n, own || children.some((child) => jsEnvReads.get(child) === true));
  }
  return jsEnvReads.get(node) === true;
}

function calleeName(tsApi: typeof ts, call: ts.CallExpression | ts.NewExpression): string {
  return dottedName(call.expression) ?? (tsApi.isPropertyAccessExpression(call.expression) ? `?.${call.expression.name.text}` : '?');
}

interface Climb {
  top: ts.Node;
  fallback: boolean;
}

/** `||`, `??`, `&&`: the value passes through. */
function isValueOperator(tsApi: typeof ts, kind: ts.SyntaxKind): boolean {
  return kind === tsApi.SyntaxKind.BarBarToken || kind === tsApi.SyntaxKind.QuestionQuestionToken || kind === tsApi.SyntaxKind.AmpersandAmpersandToken;
}

/** Per node: where its climb ends (climbJs), so the literals of one long `a || 'b' || …` chain share one climb. */
const jsClimbs = new WeakMap<ts.Node, Climb>();

/**
 * One step of a climb: the parent when it passes the node's value on unchanged (parentheses, assertions,
 * `||`/`??`/`&&`, ternary arms, arrays), with whether the other operand reads the environment; undefined otherwise.
 */
function climbStep(tsApi: typeof ts, node: ts.Node): { parent: ts.Node; fallback: boolean } | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  if (tsApi.isParenthesizedExpression(parent) || tsApi.isAsExpression(parent) || tsApi.isSatisfiesExpression(parent) || tsApi.isNonNullExpression(parent) || tsApi.isTypeAssertionExpression(parent)) {
    return { parent, fallback: false };
  }
  if (tsApi.isBinaryExpression(parent) && isValueOperator(tsApi, parent.operatorToken.kind)) {
    return { parent, fallback: jsEnvRead(tsApi, parent.left === node ? parent.right : parent.left) };
  }
  if (tsApi.isConditionalExpression(parent) && parent.condition !== node) {
    return { parent, fallback: jsEnvRead(tsApi, parent.whenTrue === node ? parent.whenFalse : parent.whenTrue) };
  }
  if (tsApi.isArrayLiteralExpression(parent)) return { parent, fallback: false };
  return undefined;
}

/**
 * Climbs through wrappers that pass a value on unchanged: parentheses, assertions, `||`/`??`/`&&`, ternaries, arrays.
 * Memoised per node (each climb stops at the first node already climbed from), so a chain of n operands costs n
 * steps in all rather than n per literal.
 */
function climbJs(tsApi: typeof ts, start: ts.Node): Climb {
  const path: { node: ts.Node; fallback: boolean }[] = [];
  let node = start;
  let result: Climb | undefined = jsClimbs.get(node);
  while (!result) {
    const step = climbStep(tsApi, node);
    if (!step) {
      result = { top: node, fallback: false };
      jsClimbs.set(node, result);
      break;
    }
    path.push({ node, fallback: step.fallback });
    node = step.parent;
    result = jsClimbs.get(node);
  }
  for (let i = path.length - 1; i >= 0; i--) {
    result = { top: result.top, fallback: path[i].fallback || result.fallback };
    jsClimbs.set(path[i].node, result);
  }
  return result;
}

/** Names and the call around an object literal: `app.use(session({ cookie: { … } }))` → owners ['cookie'], callee 'session'. */
function jsOwners(tsApi: typeof ts, object: ts.Node): { owners: string[]; callee?: string; fallback: boolean } {
  const owners: string[] = [];
  let fallback = false;
  let node = object;
  for (let depth = 0; depth < 20; depth++) {
    const climb = climbJs(tsApi, node);
    fallback ||= climb.fallback;
    const parent = climb.top.parent;
    if (tsApi.isPropertyAssignment(parent)) {
      const name = propertyName(parent.name);
      if (name !== undefined) owners.unshift(name);
      node = parent.parent;
      continue;
    }
    if (tsApi.isVariableDeclaration(parent) && tsApi.isIdentifier(parent.name)) owners.unshift(parent.name.text);
    else if (tsApi.isBinaryExpression(parent) && parent.operatorToken.kind === tsApi.SyntaxKind.EqualsToken) owners.unshift(dottedName(parent.left) ?? parent.left.getText());
    else if (tsApi.isPropertyDeclaration(parent)) owners.unshift(propertyName(parent.name) ?? '?');
    else if ((tsApi.isCallExpression(parent) || tsApi.isNewExpression(parent)) && climb.top !== parent.expression) return { owners, callee: calleeName(tsApi, parent), fallback };
    return { owners, fallback };
  }
  return { owners, fallback };
}

/**
 * Each object literal's string-valued properties by name, built once per object and shared by its literals (a map
 * per literal without its own entry was quadratic: seconds on an i18n object of a few thousand keys).
 */
const jsEntries = new WeakMap<ts.ObjectLiteralExpression, Readonly<Record<string, string>>>();

function jsSiblings(tsApi: typeof ts, object: ts.ObjectLiteralExpression): Readonly<Record<string, string>> {
  let entries = jsEntries.get(object);
  if (!entries) {
    const out: Record<string, string> = {};
    for (const property of object.properties) {
      if (!tsApi.isPropertyAssignment(property)) continue;
      const name = propertyName(property.name);
      const init = property.initializer;
      if (name !== undefined && (tsApi.isStringLiteral(init) || tsApi.isNoSubstitutionTemplateLiteral(init))) out[name] = init.text;
    }
    entries = Object.freeze(out);
    jsEntries.set(object, entries);
  }
  return entries;
}

/** Every config literal of the file, in document order. */
export function jsConfigLiterals(ast: ts.SourceFile): ConfigLiteral[] {
  const tsApi = ts;
  const out: ConfigLiteral[] = [];
  // The literals in the order a depth-first walk meets them, none under imports, types, JSX attributes or enums: from
  // the file's shared index (no walk of our own).
  const literals = valueLiterals(ast);
  for (const node of literals) {
    if (tsApi.isStringLiteral(node) || tsApi.isNoSubstitutionTemplateLiteral(node)) {
      const found = jsContext(tsApi, node);
      if (found) out.push({ value: node.text, range: { start: node.getStart(ast), end: node.end }, ...found });
    } else if (!tsApi.isTaggedTemplateExpression(node.parent)) {
      const found = jsContext(tsApi, node);
      const value = node.head.text + node.templateSpans.map((span) => `\${${span.expression.getText(ast)}}${span.literal.text}`).join('');
      if (found) out.push({ value, range: { start: node.getStart(ast), end: node.end }, ...found, template: true });
    }
  }
  return out;
}

type Context = Omit<ConfigLiteral, 'value' | 'range'>;

function jsContext(tsApi: typeof ts, literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): Context | undefined {
  const { top, fallback } = climbJs(tsApi, literal);
  const parent = top.parent;
  const base = { owners: [] as string[], siblings: {} as Record<string, string>, envFallback: fallback };
  if (tsApi.isVariableDeclaration(parent) && parent.initializer === top && tsApi.isIdentifier(parent.name)) {
    return { ...base, kind: 'variable', name: parent.name.text };
  }
  if ((tsApi.isPropertyAssignment(parent) && parent.initializer === top) || (tsApi.isPropertyDeclaration(parent) && parent.initializer === top)) {
    const name = propertyName(parent.name);
    if (name === undefined) return undefined;
    const around = tsApi.isPropertyAssignment(parent) ? jsOwners(tsApi, parent.parent) : { owners: [parent.parent.name?.getText() ?? '?'], fallback: false };
    const siblings = tsApi.isPropertyAssignment(parent) ? jsSiblings(tsApi, parent.parent) : {};
    const schemaDefault = DEFAULT_NAMES.has(name) || (name !== 'env' && 'env' in siblings);
    return { kind: 'property', name, owners: around.owners, callee: 'callee' in around ? around.callee : undefined, siblings, envFallback: fallback || around.fallback || schemaDefault };
  }
  if (tsApi.isBinaryExpression(parent) && parent.right === top && parent.operatorToken.kind === tsApi.SyntaxKind.EqualsToken) {
    const left = parent.left;
    if (tsApi.isIdentifier(left)) return { ...base, kind: 'variable', name: left.text };
    if (tsApi.isPropertyAccessExpression(left)) return { ...base, kind: 'property', name: left.name.text, owners: [dottedName(left.expression) ?? left.expression.getText()] };
    if (tsApi.isElementAccessExpression(left) && (tsApi.isStringLiteral(left.argumentExpression) || tsApi.isNoSubstitutionTemplateLiteral(left.argumentExpression))) {
      return { ...base, kind: 'key', name: left.argumentExpression.text, owners: [dottedName(left.expression) ?? left.expression.getText()] };
    }
    return undefined;
  }
  if ((tsApi.isParameter(parent) || tsApi.isBindingElement(parent)) && parent.initializer === top && tsApi.isIdentifier(parent.name)) {
    let envFallback = fallback;
    if (tsApi.isBindingElement(parent)) {
      let pattern: ts.Node = parent.parent;
      while (tsApi.isBindingElement(pattern.parent) || tsApi.isObjectBindingPattern(pattern.parent) || tsApi.isArrayBindingPattern(pattern.parent)) pattern = pattern.parent;
      const declaration = pattern.parent;
      if (tsApi.isVariableDeclaration(declaration) && declaration.initializer && jsEnvRead(tsApi, declaration.initializer)) envFallback = true;
    }
    return { ...base, kind: 'default', name: parent.name.text, envFallback };
  }
  if ((tsApi.isCallExpression(parent) || tsApi.isNewExpression(parent)) && parent.expression !== top) {
    const callee = calleeName(tsApi, parent);
    if (tsApi.isCallExpression(parent) && parent.expression.kind === tsApi.SyntaxKind.ImportKeyword) return undefined;
    if (calleeIgnored(callee)) return undefined;
    const argumentIndex = parent.arguments?.indexOf(top as ts.Expression) ?? -1;
    if (argumentIndex < 0) return undefined;
    const envFallback = fallback || (argumentIndex >= 1 && JS_FALLBACK_CALLEE.test(callee)) || /(^|\.)default$/.test(callee);
    return { ...base, kind: 'argument', name: callee, callee, argumentIndex, envFallback };
  }
  if (tsApi.isReturnStatement(parent) || (tsApi.isArrowFunction(parent) && parent.body === top)) {
    return { ...base, kind: 'return', name: 'return' };
  }
  return undefined;
}
