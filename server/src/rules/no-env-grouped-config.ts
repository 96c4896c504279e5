import type * as ts from 'typescript';
import type { Node as TsNode } from 'web-tree-sitter';
import { unwrapExpression } from '../engine/lang/js/ast';
import { defineRule } from '../engine/defineRule';
import { isEnvironmentNameVar } from '../engine/env';
import { jsConstInitializer, jsEnvNameOf, jsPropertyName, jsStringValue } from '../engine/lang/js/env';
import { pyEnvNameOf } from '../engine/lang/python/env';
import { pyStringValue } from '../engine/lang/python/ast';
import { nodesOfKind } from '../engine/lang/js/ast';
import { pyCapturedNodes } from '../engine/lang/python/ast';

/**
 * Factor III: config grouped into named environments (`{ development: {...}, production: {...} }`,
 * `DevelopmentConfig`/`ProductionConfig` classes) instead of one value per environment variable. Such groups grow
 * with every deploy and put each deploy's config in the code.
 */

const ENV_KEYS = new Set(['development', 'dev', 'staging', 'production', 'prod', 'test']);

/** Words that make a property a piece of config (a backing service, a credential, an address). */
const CONFIG_WORDS = new Set([
  'url', 'uri', 'urls', 'host', 'hostname', 'hosts', 'port', 'database', 'db', 'dbname', 'user', 'username', 'password',
  'passwd', 'pwd', 'secret', 'token', 'key', 'apikey', 'endpoint', 'dsn', 'connection', 'bucket', 'region', 'server',
  'domain', 'origin', 'dialect', 'client', 'redis', 'mongo', 'mongodb', 'postgres', 'mysql', 'storage', 'credentials',
  'smtp', 'api', 'uri', 'broker', 'amqp', 'sqlalchemy',
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function isConfigKey(name: string): boolean {
  return words(name).some((w) => CONFIG_WORDS.has(w));
}

/** A URL, `host:port` or `localhost` — the shape of a backing-service address. */
function isAddressLike(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value) || /^[\w.-]+:\d{2,5}$/.test(value) || /^localhost$/i.test(value);
}

/** Names of modules and variables that hold config sets (`config`, `appConfig`, `./config/database.json`). */
const CONFIG_NAME = /(?:^|[^a-z])(?:conf|config|configs|configuration|settings|environments|envs|database|databases)(?:$|[^a-z])/i;

// ---------------------------------------------------------------------------------------------------------------
// JavaScript / TypeScript

/** Whether a value holds config: an object with config-named keys (at any depth up to 3) or an address string. */
function jsIsConfigValue(t: typeof ts, value: ts.Expression, depth = 0): boolean {
  const node = unwrapExpression(value);
  const text = jsStringValue(t, node);
  if (text !== undefined) return isAddressLike(text);
  if (!t.isObjectLiteralExpression(node) || depth > 3) return false;
  return node.properties.some((p) => {
    const name = jsPropertyName(t, p.name);
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
    const name = jsPropertyName(t, p.name);
    if (name === undefined || !ENV_KEYS.has(name.toLowerCase())) continue;
    envKeys.push({ name, node: p.name, value: t.isPropertyAssignment(p) ? p.initializer : p.name });
  }
  return envKeys.length >= 2 ? { object, envKeys } : undefined;
}

function jsIsPrimitiveNonConfig(t: typeof ts, value: ts.Expression): boolean {
  const node = unwrapExpression(value);
  const text = jsStringValue(t, node);
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

function jsCheck(context: import('../engine/types').JsRuleContext): void {
  const { ts: t, ast, report } = context;
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
    report({
      messageId: variable ? 'groupedIndexed' : 'grouped',
      data: { envs: group.envKeys.map((k) => k.name).join(', '), variable: variable ?? '' },
      range: { start: first.getStart(ast), end: first.end },
    });
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
    report({
      messageId: 'indexedByEnv',
      data: { variable },
      range: { start: access.getStart(ast), end: access.end },
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Python

function pyIsConfigValue(node: TsNode | null | undefined, depth = 0): boolean {
  if (!node) return false;
  const text = pyStringValue(node);
  if (text !== undefined) return isAddressLike(text);
  if (node.type === 'call' && node.childForFieldName('function')?.text === 'dict') {
    return (node.childForFieldName('arguments')?.namedChildren ?? []).some(
      (arg) => arg?.type === 'keyword_argument' && (isConfigKey(arg.childForFieldName('name')?.text ?? '') || pyIsConfigValue(arg.childForFieldName('value'), depth + 1)),
    );
  }
  if (node.type !== 'dictionary' || depth > 3) return false;
  return node.namedChildren.some((pair) => {
    if (pair?.type !== 'pair') return false;
    const key = pyStringValue(pair.childForFieldName('key'));
    return (key !== undefined && isConfigKey(key)) || pyIsConfigValue(pair.childForFieldName('value'), depth + 1);
  });
}

const PY_ENV_CLASS = /^(Development|Dev|Staging|Production|Prod|Testing|Test|Local)(Config|Configuration|Settings)$/;

/**
 * Candidates, a superset of what the rule judges: dicts with a key that may name an environment (its text holds one
 * of ENV_KEYS in any case — pyStringValue keeps escapes raw, so a key with one never names an environment — or it
 * is a concatenation), classes named like PY_ENV_CLASS, and subscripts
 * and `.get(…)` calls whose key could read an environment variable (pyEnvNameOf accepts only these node types).
 */
const PY_CANDIDATES = `
(dictionary (pair key: (string) @key (#match? @key "[dD][eE][vV]|[sS][tT][aA][gG][iI][nN][gG]|[pP][rR][oO][dD]|[tT][eE][sS][tT]"))) @dict
(dictionary (pair key: (concatenated_string))) @dict
(class_definition name: (identifier) @name (#match? @name "^(Development|Dev|Staging|Production|Prod|Testing|Test|Local)(Config|Configuration|Settings)$")) @class
(subscript subscript: [(subscript) (call) (parenthesized_expression) (boolean_operator)]) @index
(call function: (attribute attribute: (identifier) @get (#eq? @get "get")) arguments: (argument_list . [(subscript) (call) (parenthesized_expression) (boolean_operator)])) @index
`;
const PY_ASSIGNMENTS = '(assignment left: (identifier) right: (_)) @assign';

function pyCheck(context: import('../engine/types').TreeSitterRuleContext): void {
  const { root, report } = context;
  const dicts: { node: TsNode; envKeys: { name: string; node: TsNode; value: TsNode | null }[] }[] = [];
  const classes: { name: string; node: TsNode; body: TsNode | null }[] = [];
  const indexes: { node: TsNode; object: TsNode; variable: string }[] = [];
  const assignments = new Map<string, TsNode>();

  // Queries select the candidates inside WebAssembly (a walk over every node was most of this rule's time); each
  // candidate is then judged as before. Sorting by (start, longest first) restores the document pre-order of a walk.
  const candidates = context.query(PY_CANDIDATES).matches(root);
  const ofName = (name: string) => pyCapturedNodes(candidates, name);

  for (const node of ofName('dict')) {
    const envKeys: (typeof dicts)[number]['envKeys'] = [];
    for (const pair of node.namedChildren) {
      if (pair?.type !== 'pair') continue;
      const keyNode = pair.childForFieldName('key');
      const key = pyStringValue(keyNode);
      if (key !== undefined && keyNode && ENV_KEYS.has(key.toLowerCase())) envKeys.push({ name: key, node: keyNode, value: pair.childForFieldName('value') });
    }
    if (envKeys.length >= 2) dicts.push({ node, envKeys });
  }
  for (const node of ofName('class')) {
    const name = node.childForFieldName('name');
    if (name && PY_ENV_CLASS.test(name.text)) classes.push({ name: name.text, node: name, body: node.childForFieldName('body') });
  }
  for (const node of ofName('index')) {
    if (node.type === 'subscript') {
      const variable = pyEnvNameOf(node.childForFieldName('subscript'));
      const object = node.childForFieldName('value');
      if (object && variable && isEnvironmentNameVar(variable)) indexes.push({ node, object, variable });
    } else {
      const fn = node.childForFieldName('function');
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get') {
        const variable = pyEnvNameOf(node.childForFieldName('arguments')?.namedChildren[0]);
        const object = fn.childForFieldName('object');
        if (object && variable && isEnvironmentNameVar(variable)) indexes.push({ node, object, variable });
      }
    }
  }
  // Name → last value assigned anywhere, needed only to follow an indexed name (rare): read on demand.
  if (indexes.some((i) => i.object.type === 'identifier')) {
    for (const node of pyCapturedNodes(context.query(PY_ASSIGNMENTS).matches(root), 'assign')) {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left?.type === 'identifier' && right) assignments.set(left.text, right);
    }
  }

  // Config classes per environment: two or more, at least one holding config-named settings or addresses.
  const configClasses = classes.filter((c) =>
    (c.body?.namedChildren ?? []).some((statement) => {
      const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
      if (assignment?.type !== 'assignment') return false;
      const left = assignment.childForFieldName('left');
      return (left?.type === 'identifier' && isConfigKey(left.text)) || pyIsConfigValue(assignment.childForFieldName('right'));
    }),
  );
  const reportClasses = classes.length >= 2 && configClasses.length >= 1;
  if (reportClasses) {
    report({ messageId: 'classes', data: { classes: classes.map((c) => c.name).join(', ') }, range: { start: classes[0].node.startIndex, end: classes[0].node.endIndex } });
  }

  const indexedBy = new Map<number, string>();
  for (const index of indexes) {
    let target: TsNode | undefined = index.object;
    if (target.type === 'identifier') target = assignments.get(target.text) ?? target;
    if (target.type === 'dictionary') indexedBy.set(target.id, index.variable);
    // `from config import config` … `config[os.getenv('FLASK_CONFIG') or 'default']`: the groups live elsewhere.
    else if (target.type === 'identifier' && !reportClasses && CONFIG_NAME.test(words(target.text).join(' '))) {
      report({ messageId: 'indexedByEnv', data: { variable: index.variable }, range: { start: index.node.startIndex, end: index.node.endIndex } });
    }
  }

  const classNames = new Set(classes.map((c) => c.name));
  for (const dict of dicts) {
    const hasConfig = dict.envKeys.some((k) => pyIsConfigValue(k.value));
    const variable = indexedBy.get(dict.node.id);
    // `{'development': DevelopmentConfig, ...}` maps to the classes already reported.
    const refersToClasses = dict.envKeys.every((k) => k.value?.type === 'identifier' && classNames.has(k.value.text));
    const indexedConfig =
      variable !== undefined &&
      !refersToClasses &&
      dict.envKeys.every((k) => k.value && ['identifier', 'call', 'attribute'].includes(k.value.type));
    if (!hasConfig && !indexedConfig) continue;
    if (refersToClasses && reportClasses) continue;
    const first = dict.envKeys[0].node;
    report({
      messageId: variable ? 'groupedIndexed' : 'grouped',
      data: { envs: dict.envKeys.map((k) => k.name).join(', '), variable: variable ?? '' },
      range: { start: first.startIndex, end: first.endIndex },
    });
  }
}

export default defineRule({
  id: 'no-env-grouped-config',
  factor: 'III',
  defaultSeverity: 'warning',
  description: 'Config grouped by environment name (development, staging, production) instead of read from environment variables.',
  messages: {
    grouped: 'Config is grouped by environment name ({{envs}}); read each value from its own environment variable instead.',
    groupedIndexed:
      'Config is grouped by environment name ({{envs}}) and picked by {{variable}}; read each value from its own environment variable instead.',
    indexedByEnv: 'Config is picked by {{variable}} from a set grouped by environment name; read each value from its own environment variable instead.',
    classes: 'Config classes per environment ({{classes}}); read each value from its own environment variable instead.',
  },
  checkers: { js: jsCheck, python: pyCheck },
});
