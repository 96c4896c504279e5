/**
 * Environment branches of a Python file (see EnvBranch in engine/facts.ts): if/elif chains ending in an else and
 * conditional expressions on the deploy (FLASK_ENV, DEBUG, settings.DEBUG…), with the databases each arm names or opens.
 * Config classes per deploy (`DevConfig`, `ProdConfig`: the app picks one by its environment) are such a branch too,
 * one arm per class; test classes are left out (a test database is a testing decision, not a deploy's).
 */
import type { Node } from 'web-tree-sitter';
import { isDebugVar, isEnvironmentNameVar } from '../../env';
import type { DatabaseUse, EnvBranch, EnvBranchArm } from '../../facts';
import { databaseOfString, DB_ENV_NAME, deployCheck, DEPLOY_FLAG } from '../deployVocabulary';
import { walkTree } from '../treesitter';
import type { ParsedTree } from '../treesitterAdapter';
import { pyCapturedNodes, pyOutsideProduction, pyStringValue } from './ast';
import { pyEnvRead } from './env';

// The framework table: modules whose `connect()` opens a SQLite database, and calls that read another database's URL.
const SQLITE_CONNECT_MODULES = new Set(['sqlite3', 'aiosqlite']);
/** dj-database-url's `config()`/`parse()`, and django-environ's `env.db()`. */
function readsDatabaseUrl(object: string | undefined, attribute: string | undefined): boolean {
  return object === 'dj_database_url' || (object === 'env' && attribute === 'db');
}

function databasesIn(arm: Node, armKey?: string): DatabaseUse[] {
  const uses: DatabaseUse[] = [];
  const add = (kind: DatabaseUse['kind'], node: Node) => uses.push({ kind, range: { start: node.startIndex, end: node.endIndex } });
  // Top-down, carrying the key a value lands in (`'ENGINE': …`, `dialect=…`, through `a if c else b`): tree-sitter
  // answers `.parent` by a search from the root, so the walk never asks for it.
  // An explicit stack, not recursion: a value can nest thousands deep.
  const stack: { node: Node; key: string | undefined }[] = [{ node: arm, key: armKey }];
  const visit = (node: Node, key: string | undefined): void => {
    stack.push({ node, key });
  };
  while (stack.length > 0) {
    const { node, key } = stack.pop()!;
    const value = pyStringValue(node);
    if (value !== undefined) {
      const kind = databaseOfString(value, key);
      if (kind) add(kind, node);
      continue;
    }
    const read = pyEnvRead(node);
    if (read) {
      if (read.name && DB_ENV_NAME.test(read.name)) add('other', node);
      continue;
    }
    if (node.type === 'call') {
      const fn = node.childForFieldName('function');
      const object = fn?.type === 'attribute' ? fn.childForFieldName('object')?.text : undefined;
      const attribute = fn?.childForFieldName('attribute')?.text;
      // sqlite3.connect('dev.db'), aiosqlite.connect(…): a SQLite connection made in code.
      if (object !== undefined && SQLITE_CONNECT_MODULES.has(object) && attribute === 'connect') {
        add('sqlite', node);
        continue;
      }
      if (readsDatabaseUrl(object, attribute)) {
        add('other', node);
        continue;
      }
    }
    if (node.type === 'pair') {
      const value = node.childForFieldName('value');
      if (value) visit(value, pyStringValue(node.childForFieldName('key')));
      continue;
    }
    if (node.type === 'keyword_argument') {
      const value = node.childForFieldName('value');
      if (value) visit(value, node.childForFieldName('name')?.text);
      continue;
    }
    const passKey = node.type === 'conditional_expression' || node.type === 'parenthesized_expression';
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) visit(child, passKey ? key : undefined);
    }
  }
  return uses;
}

function deployCheckOf(condition: Node | null): string | undefined {
  if (!condition) return undefined;
  let found: string | undefined;
  const compared: string[] = [];
  walkTree(condition, (node) => {
    const read = pyEnvRead(node);
    if (read) {
      if (read.name && (isEnvironmentNameVar(read.name) || isDebugVar(read.name))) found ??= read.name;
      return false;
    }
    const value = pyStringValue(node);
    if (value !== undefined) {
      compared.push(value.toLowerCase());
      return false;
    }
    if (node.type === 'identifier' && DEPLOY_FLAG.test(node.text)) found ??= node.text;
    if (node.type === 'subscript') {
      const key = pyStringValue(node.childForFieldName('subscript'));
      if (key !== undefined && (isEnvironmentNameVar(key) || isDebugVar(key))) found ??= key;
    }
    return true;
  });
  return deployCheck(found, compared, condition.type === 'comparison_operator');
}

/**
 * What is looked at, selected inside WebAssembly instead of a walk over every node: if statements with an else
 * (`alternative: (else_clause)`; without one the arms do not cover every path), conditional expressions, and the
 * pairs and keyword arguments whose value may be one (possibly in parentheses).
 */
const BRANCHES = `
(if_statement alternative: (else_clause)) @branch
(conditional_expression) @branch
`;
const KEYED_VALUES = `
(pair value: [(conditional_expression) (parenthesized_expression)]) @keyed
(keyword_argument value: [(conditional_expression) (parenthesized_expression)]) @keyed
`;

const rangeOf = (node: Node) => ({ start: node.startIndex, end: node.endIndex });

/** `productionArm` from the first condition, when it says which arm production runs (`if DEBUG:`, `ENV == 'production'`). */
function productionArmOf(condition: Node | null, arms: number): number | undefined {
  const outside = condition ? pyOutsideProduction(condition) : undefined;
  return outside === false ? 0 : outside === true && arms === 2 ? 1 : undefined;
}

/** Config classes of one deploy each (Flask's `class ProdConfig(Config)`); test classes are not deploys. */
const DEPLOY_CLASS = /^(?:Development|Dev|Staging|Production|Prod|Local)(?:Config|Configuration|Settings)$/;
const CLASSES = '(class_definition name: (identifier) @name (#match? @name "^(Development|Dev|Staging|Production|Prod|Local)(Config|Configuration|Settings)$")) @class';

function configClassBranch(parsed: ParsedTree): EnvBranch | undefined {
  const classes = pyCapturedNodes(parsed.query(CLASSES).matches(parsed.root), 'class').filter((c) => DEPLOY_CLASS.test(c.childForFieldName('name')?.text ?? ''));
  if (classes.length < 2) return undefined;
  const production = classes.findIndex((c) => /^Prod/.test(c.childForFieldName('name')!.text));
  const arms = classes.map((c) => {
    const body = c.childForFieldName('body');
    return { range: rangeOf(c), databases: body ? databasesIn(body) : [] };
  });
  return { check: 'the config class per environment', condition: rangeOf(classes[0].childForFieldName('name')!), productionArm: production === -1 ? undefined : production, arms };
}

export function pyEnvBranches(parsed: ParsedTree): EnvBranch[] {
  // The key a conditional expression's value lands in (`dialect=('sqlite' if DEBUG else 'postgresql')`).
  const conditionalKeys = new Map<number, string>();
  for (const node of pyCapturedNodes(parsed.query(KEYED_VALUES).matches(parsed.root), 'keyed')) {
    let value = node.childForFieldName('value');
    while (value?.type === 'parenthesized_expression') value = value.namedChildren[0];
    const key = node.type === 'pair' ? pyStringValue(node.childForFieldName('key')) : node.childForFieldName('name')?.text;
    if (value?.type === 'conditional_expression' && key !== undefined) conditionalKeys.set(value.id, key);
  }
  const branches: EnvBranch[] = [];
  // Document pre-order (start, then the longer node first).
  for (const node of pyCapturedNodes(parsed.query(BRANCHES).matches(parsed.root), 'branch')) {
    if (node.type === 'if_statement') {
      const conditions = [node.childForFieldName('condition')];
      const arms = [node.childForFieldName('consequence')];
      let hasElse = false;
      for (const alternative of node.childrenForFieldName('alternative')) {
        if (alternative?.type === 'elif_clause') {
          conditions.push(alternative.childForFieldName('condition'));
          arms.push(alternative.childForFieldName('consequence'));
        } else if (alternative?.type === 'else_clause') {
          arms.push(alternative.childForFieldName('body'));
          hasElse = true;
        }
      }
      if (!hasElse) continue;
      const check = conditions.map(deployCheckOf).find(Boolean);
      if (!check) continue;
      // A part the parser could not recover (a syntax error) is an empty range at the statement's start; such an arm uses nothing.
      const missing = { start: node.startIndex, end: node.startIndex };
      const armFacts: EnvBranchArm[] = arms.map((arm) => (arm ? { range: rangeOf(arm), databases: databasesIn(arm) } : { range: missing, databases: [] }));
      const first = conditions[0];
      branches.push({ check, condition: first ? rangeOf(first) : missing, productionArm: productionArmOf(first, arms.length), arms: armFacts });
    } else if (node.type === 'conditional_expression') {
      const [whenTrue, condition, whenFalse] = node.namedChildren;
      const check = deployCheckOf(condition);
      const key = conditionalKeys.get(node.id);
      if (!check || !condition || !whenTrue || !whenFalse) continue;
      branches.push({
        check,
        condition: rangeOf(condition),
        productionArm: productionArmOf(condition, 2),
        arms: [{ range: rangeOf(whenTrue), databases: databasesIn(whenTrue, key) }, { range: rangeOf(whenFalse), databases: databasesIn(whenFalse, key) }],
      });
    }
  }
  const classBranch = configClassBranch(parsed);
  if (classBranch) branches.push(classBranch);
  return branches;
}
