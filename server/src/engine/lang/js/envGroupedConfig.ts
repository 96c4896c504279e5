/**
 * Config grouped by environment in JS/TS: objects keyed by environment names holding config (`{ development: {…},
 * production: {…} }`), and config sets picked by an environment-name variable (`configs[process.env.NODE_ENV]`).
 */
import ts = require('typescript');
import { isEnvironmentNameVar } from '../../env';
import type { EnvGroupedConfig } from '../../facts';
import { CONFIG_NAME, ENV_KEYS, isAddressLike, isConfigKey, words } from '../envGroups';
import { nodesOfKind, propertyName, stringValue, unwrapExpression } from './ast';
import { jsConstInitializer, jsEnvNameOf } from './env';


/** Whether a value holds config: an object with config-named keys (at any depth up to 3) or an address string. */
function jsIsConfigValue(t: typeof ts, value: ts.Expression, depth = 0): boolean {
  const node = unwrapExpression(value);
  const text = stringValue(node);
  if (text !== undefined) return isAddressLike(text);
  if (!t.isObjectLiteralExpression(node) || depth > 3) return false;
  return node.properties.some((p) => {
    const name = propertyName(p.name);
    if (name !== undefined && isConfigKey(name)) return true;
    return t.isPropertyAssignment(p) && jsIsConfigValue(t, p.initializer, depth + 1);
  });
}

interface JsGroup {
  object: ts.ObjectLiteralExpression;
  envKeys: { name: string; node: ts.Node; value: ts.Expression }[];
}

function jsEnvGroup(t: typeof ts, object: ts.ObjectLiteralExpression): JsGroup | undefined {
  const envKeys: JsGroup['envKeys'] = [];
  for (const p of object.properties) {
    if (!t.isPropertyAssignment(p) && !t.isShorthandPropertyAssignment(p)) continue;
    const name = propertyName(p.name);
    if (name === undefined || !ENV_KEYS.has(name.toLowerCase())) continue;
    envKeys.push({ name, node: p.name, value: t.isPropertyAssignment(p) ? p.initializer : p.name });
  }
  return envKeys.length >= 2 ? { object, envKeys } : undefined;
}

function jsIsPrimitiveNonConfig(t: typeof ts, value: ts.Expression): boolean {
  const node = unwrapExpression(value);
  const text = stringValue(node);
  if (text !== undefined) return !isAddressLike(text);
  return (
    t.isNumericLiteral(node) ||
    node.kind === t.SyntaxKind.TrueKeyword ||
    node.kind === t.SyntaxKind.FalseKeyword ||
    node.kind === t.SyntaxKind.NullKeyword ||
    t.isArrayLiteralExpression(node) ||
    t.isArrowFunction(node) ||
    t.isFunctionExpression(node)
  );
}

export function jsEnvGroupedConfig(ast: ts.SourceFile): EnvGroupedConfig[] {
  const t = ts;
  const found: EnvGroupedConfig[] = [];
  const groups: JsGroup[] = [];
  const indexes: { access: ts.ElementAccessExpression; variable: string }[] = [];

  const visit = (node: ts.Node): void => {
    if (t.isObjectLiteralExpression(node)) {
      const group = jsEnvGroup(t, node);
      if (group) groups.push(group);
    } else if (t.isElementAccessExpression(node)) {
      const variable = jsEnvNameOf(t, node.argumentExpression);
      if (variable && isEnvironmentNameVar(variable)) indexes.push({ access: node, variable });
    }
  };
  for (const node of nodesOfKind(ast, [t.SyntaxKind.ObjectLiteralExpression, t.SyntaxKind.ElementAccessExpression])) visit(node);

  // Which groups are indexed by an environment-name variable, directly or through a const.
  const indexedBy = new Map<ts.ObjectLiteralExpression, string>();
  const unresolved: typeof indexes = [];
  for (const index of indexes) {
    let target = unwrapExpression(index.access.expression);
    if (t.isIdentifier(target)) target = jsConstInitializer(t, target) ?? target;
    target = unwrapExpression(target);
    if (t.isObjectLiteralExpression(target)) {
      if (groups.some((g) => g.object === target)) indexedBy.set(target, index.variable);
    } else {
      unresolved.push(index);
    }
  }

  for (const group of groups) {
    const hasConfig = group.envKeys.some((k) => jsIsConfigValue(t, k.value));
    const variable = indexedBy.get(group.object);
    // Picked by NODE_ENV and holding values defined elsewhere (`{ development: devConfig, … }`): config by shape.
    // Inline objects must show config keys themselves (a logger's `{ level: 'debug' }` per env is not config).
    const indexedConfig =
      variable !== undefined && group.envKeys.every((k) => !jsIsPrimitiveNonConfig(t, k.value) && !t.isObjectLiteralExpression(unwrapExpression(k.value)));
    if (!hasConfig && !indexedConfig) continue;
    const first = group.envKeys[0].node;
    found.push({ form: 'mapping', names: group.envKeys.map((k) => k.name), variable, range: { start: first.getStart(ast), end: first.end } });
  }

  // `require('./config')[process.env.NODE_ENV]`, `configs[env]` with the object defined elsewhere.
  for (const { access, variable } of unresolved) {
    const target = unwrapExpression(access.expression);
    let name: string | undefined;
    if (t.isIdentifier(target)) name = target.text;
    else if (t.isPropertyAccessExpression(target)) name = target.name.text;
    else if (t.isCallExpression(target) && t.isIdentifier(target.expression) && target.expression.text === 'require') {
      // `require('./config/database.json')`, `require(__dirname + '/../config/config.json')` (sequelize-cli)
      const literalParts = (node: ts.Node | undefined): string =>
        !node ? '' : t.isStringLiteralLike(node) ? node.text : t.isBinaryExpression(node) ? literalParts(node.left) + literalParts(node.right) : t.isTemplateExpression(node) ? node.head.text + node.templateSpans.map((span) => span.literal.text).join('') : '';
      name = literalParts(target.arguments[0]) || undefined;
    }
    if (!name || !CONFIG_NAME.test(words(name).join(' '))) continue;
    found.push({ form: 'lookup', names: [], variable, range: { start: access.getStart(ast), end: access.end } });
  }
  return found;
}
