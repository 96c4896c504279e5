/**
 * Config grouped by environment in Python: dicts keyed by environment names holding config, config classes per
 * environment (`DevelopmentConfig`, `ProductionConfig`), and config sets picked by an environment-name variable.
 */
import type { Node as TsNode, Query } from 'web-tree-sitter';
import { isEnvironmentNameVar } from '../../env';
import type { EnvGroupedConfig } from '../../facts';
import { CONFIG_NAME, ENV_KEYS, isAddressLike, isConfigKey, words } from '../envGroups';
import { pyCapturedNodes, pyStringValue } from './ast';
import { pyEnvNameOf } from './env';


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

export function pyEnvGroupedConfig(context: { root: TsNode; query(source: string): Query }): EnvGroupedConfig[] {
  const { root } = context;
  const found: EnvGroupedConfig[] = [];
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
    found.push({ form: 'classes', names: classes.map((c) => c.name), range: { start: classes[0].node.startIndex, end: classes[0].node.endIndex } });
  }

  const indexedBy = new Map<number, string>();
  for (const index of indexes) {
    let target: TsNode | undefined = index.object;
    if (target.type === 'identifier') target = assignments.get(target.text) ?? target;
    if (target.type === 'dictionary') indexedBy.set(target.id, index.variable);
    // `from config import config` … `config[os.getenv('FLASK_CONFIG') or 'default']`: the groups live elsewhere.
    else if (target.type === 'identifier' && !reportClasses && CONFIG_NAME.test(words(target.text).join(' '))) {
      found.push({ form: 'lookup', names: [], variable: index.variable, range: { start: index.node.startIndex, end: index.node.endIndex } });
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
    found.push({ form: 'mapping', names: dict.envKeys.map((k) => k.name), variable, range: { start: first.startIndex, end: first.endIndex } });
  }
  return found.sort((a, b) => a.range.start - b.range.start);
}

