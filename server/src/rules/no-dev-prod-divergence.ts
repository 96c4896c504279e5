import type * as ts from 'typescript';
import type { Node as TsNode } from 'web-tree-sitter';
import { defineRule } from '../engine/defineRule';
import { isDebugVar, isEnvironmentNameVar } from '../engine/env';
import { jsConstInitializer, jsEnvRead, jsPropertyName, jsStringValue } from '../engine/lang/js/env';
import { pyEnvRead } from '../engine/lang/python/env';
import { pyStringValue } from '../engine/lang/python/ast';
import { walkTree } from '../engine/lang/treesitter';
import { moduleBindings, nodesOfKind } from '../engine/lang/js/ast';
import { pyCapturedNodes } from '../engine/lang/python/ast';
import type { JsRuleContext, TreeSitterRuleContext } from '../engine/types';

/**
 * Factor X: a branch on the deploy (NODE_ENV, APP_ENV, FLASK_ENV, DEBUG…) that runs SQLite or an in-memory database
 * in one arm and another database in the other — the "tools gap" the factor warns about. Reported on the SQLite arm.
 */

type Signal = { kind: 'sqlite' | 'memory' | 'other'; start: number; end: number };

/** Names of identifiers that stand for "which deploy is this". */
const DEPLOY_FLAG = /^(?:is_?|IS_)?(?:prod|production|dev|development|debug|local|staging)(?:_?mode|_?env)?$|^__DEV__$/i;
const DEPLOY_VALUES = new Set(['production', 'prod', 'development', 'dev', 'develop', 'staging', 'local']);
const TEST_VALUES = new Set(['test', 'testing', 'ci']);

const SQLITE_VALUE = /^(?:sqlite3?|better-sqlite3|django\.db\.backends\.sqlite3|sqlite3?(?:\+\w+)?:.*)$/i;
const OTHER_DB_URL = /^(?:postgres(?:ql)?|postgis|mysql2?|mariadb|mongodb(?:\+srv)?|mssql|sqlserver|oracle|cockroachdb|redshift)(?:\+[\w]+)?:\/\//i;
const OTHER_DB_DRIVER = new Set(['postgres', 'postgresql', 'pg', 'mysql', 'mysql2', 'mariadb', 'mssql', 'oracledb', 'oracle', 'mongodb', 'cockroachdb', 'tedious']);
const DRIVER_KEYS = new Set(['dialect', 'client', 'type', 'driver', 'engine', 'provider', 'adapter']);
const OTHER_DJANGO_ENGINE = /^django(?:\.contrib\.gis)?\.db\.backends\.(?:postgresql|postgresql_psycopg2|postgis|mysql|oracle)$/;
const DB_ENV_NAME = /(?:^|_)(?:DATABASE|DB|POSTGRES|POSTGRESQL|PG|MYSQL|MONGO|MONGODB)(?:_|$)/;

function classifyString(value: string, key: string | undefined): Signal['kind'] | undefined {
  if (/^(?:sqlite3?:)?:memory:$/i.test(value) || /^file::memory:/i.test(value)) return 'memory';
  if (SQLITE_VALUE.test(value)) return 'sqlite';
  // A bare `dev.sqlite3` file name only counts as the value of a file/storage-like key.
  if (/\.sqlite3?$/i.test(value) && key !== undefined && /file|storage|name|path|database|db/i.test(key)) return 'sqlite';
  if (OTHER_DB_URL.test(value) || OTHER_DJANGO_ENGINE.test(value)) return 'other';
  if (key !== undefined && DRIVER_KEYS.has(key.toLowerCase()) && OTHER_DB_DRIVER.has(value.toLowerCase())) return 'other';
  return undefined;
}

function describe(kind: Signal['kind']): string {
  return kind === 'memory' ? 'an in-memory database' : 'SQLite';
}

// ---------------------------------------------------------------------------------------------------------------
// JavaScript / TypeScript

const JS_SQLITE_MODULES = ['better-sqlite3', 'sqlite3'];

/** `new Database('dev.db')` from better-sqlite3, `new sqlite3.Database(…)`, `new (sqlite3.verbose().Database)(…)`. */
function isJsSqliteConnection(t: typeof ts, ast: ts.SourceFile, node: ts.NewExpression): boolean {
  const locals = new Set(moduleBindings(ast, JS_SQLITE_MODULES).map((b) => b.local));
  if (locals.size === 0) return false;
  let callee: ts.Expression = node.expression;
  while (t.isParenthesizedExpression(callee)) callee = callee.expression;
  if (t.isIdentifier(callee)) return locals.has(callee.text);
  if (!t.isPropertyAccessExpression(callee) || callee.name.text !== 'Database') return false;
  let root: ts.Expression = callee.expression;
  while (t.isPropertyAccessExpression(root) || t.isCallExpression(root)) root = root.expression;
  return t.isIdentifier(root) && locals.has(root.text);
}

function jsSignals(t: typeof ts, ast: ts.SourceFile, arm: ts.Node): Signal[] {
  const signals: Signal[] = [];
  const visit = (node: ts.Node): void => {
    const value = jsStringValue(t, node);
    if (value !== undefined) {
      // The property the value lands in, through `cond ? 'pg' : 'sqlite3'` and parentheses.
      let holder: ts.Node = node;
      while (holder.parent && (t.isConditionalExpression(holder.parent) || t.isParenthesizedExpression(holder.parent)) && holder.parent !== arm) holder = holder.parent;
      const parent = holder.parent;
      const key = parent && t.isPropertyAssignment(parent) && parent.initializer === holder ? jsPropertyName(t, parent.name) : undefined;
      const kind = classifyString(value, key);
      if (kind) signals.push({ kind, start: node.getStart(ast), end: node.end });
      return;
    }
    if (t.isNewExpression(node) && isJsSqliteConnection(t, ast, node)) {
      signals.push({ kind: 'sqlite', start: node.getStart(ast), end: node.end });
      return;
    }
    if (t.isIdentifier(node) && node.text === 'MongoMemoryServer') {
      signals.push({ kind: 'memory', start: node.getStart(ast), end: node.end });
      return;
    }
    const read = jsEnvRead(t, node);
    if (read) {
      if (read.name && DB_ENV_NAME.test(read.name)) signals.push({ kind: 'other', start: node.getStart(ast), end: node.end });
      return;
    }
    t.forEachChild(node, visit);
  };
  visit(arm);
  return signals;
}

/** The deploy check a condition makes (`NODE_ENV`, `DEBUG`, `isProduction`…), or undefined. */
function jsDeployCheck(t: typeof ts, condition: ts.Node, level = 0): string | undefined {
  let found: string | undefined;
  const compared: string[] = [];
  const visit = (node: ts.Node): void => {
    const read = jsEnvRead(t, node);
    if (read) {
      if (read.name && (isEnvironmentNameVar(read.name) || isDebugVar(read.name))) found ??= read.name;
      return;
    }
    const value = jsStringValue(t, node);
    if (value !== undefined) {
      compared.push(value.toLowerCase());
      return;
    }
    if (t.isIdentifier(node) || t.isPropertyAccessExpression(node)) {
      const name = t.isIdentifier(node) ? node.text : node.name.text;
      if (DEPLOY_FLAG.test(name)) found ??= name;
      else if (t.isIdentifier(node) && level === 0) {
        // One hop through `const isProd = process.env.NODE_ENV === 'production'`.
        const init = jsConstInitializer(t, node);
        if (init) {
          const inner = jsDeployCheck(t, init, level + 1);
          if (inner) found ??= inner;
        }
      }
      if (t.isIdentifier(node)) return;
    }
    t.forEachChild(node, visit);
  };
  visit(condition);
  if (compared.length > 0 && compared.every((v) => TEST_VALUES.has(v))) return undefined;
  if (!found && compared.some((v) => DEPLOY_VALUES.has(v)) && t.isBinaryExpression(condition)) found = 'the environment';
  return found;
}

function jsCheck(context: JsRuleContext): void {
  const { ts: t, ast } = context;
  const judge = (conditions: ts.Node[], arms: ts.Node[]): void => {
    const check = conditions.map((c) => jsDeployCheck(t, c)).find(Boolean);
    if (!check) return;
    judgeArms(context, check, arms.map((arm) => jsSignals(t, ast, arm)));
  };
  const visit = (node: ts.Node): void => {
    if (t.isIfStatement(node) && !(t.isIfStatement(node.parent) && node.parent.elseStatement === node)) {
      const conditions: ts.Node[] = [];
      const arms: ts.Node[] = [];
      let current: ts.Statement | undefined = node;
      while (current && t.isIfStatement(current)) {
        conditions.push(current.expression);
        arms.push(current.thenStatement);
        current = current.elseStatement;
      }
      if (current) {
        arms.push(current);
        judge(conditions, arms);
      }
    } else if (t.isConditionalExpression(node)) {
      judge([node.condition], [node.whenTrue, node.whenFalse]);
    } else if (t.isSwitchStatement(node)) {
      judge([node.expression, ...node.caseBlock.clauses.flatMap((c) => (t.isCaseClause(c) ? [c.expression] : []))], node.caseBlock.clauses.map((c) => c));
    }
  };
  for (const node of nodesOfKind(ast, [t.SyntaxKind.IfStatement, t.SyntaxKind.ConditionalExpression, t.SyntaxKind.SwitchStatement])) visit(node);
}

/** Reports the SQLite arm when another arm uses a different database. */
function judgeArms(context: { report: JsRuleContext['report'] }, check: string, arms: Signal[][]): void {
  const otherArm = arms.findIndex((signals) => signals.some((s) => s.kind === 'other'));
  if (otherArm === -1) return;
  arms.forEach((signals, i) => {
    if (i === otherArm) return;
    if (signals.some((s) => s.kind === 'other')) return;
    const sqlite = signals.find((s) => s.kind !== 'other');
    if (!sqlite) return;
    context.report({
      messageId: 'divergentDatabase',
      data: { database: describe(sqlite.kind), check },
      range: { start: sqlite.start, end: sqlite.end },
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Python

function pySignals(arm: TsNode | null, armKey?: string): Signal[] {
  const signals: Signal[] = [];
  // Top-down, carrying the key a value lands in (`'ENGINE': …`, `dialect=…`, through `a if c else b`): tree-sitter
  // answers `.parent` by a search from the root, so the walk never asks for it.
  const visit = (node: TsNode, key: string | undefined): void => {
    const value = pyStringValue(node);
    if (value !== undefined) {
      const kind = classifyString(value, key);
      if (kind) signals.push({ kind, start: node.startIndex, end: node.endIndex });
      return;
    }
    const read = pyEnvRead(node);
    if (read) {
      if (read.name && DB_ENV_NAME.test(read.name)) signals.push({ kind: 'other', start: node.startIndex, end: node.endIndex });
      return;
    }
    if (node.type === 'call') {
      const fn = node.childForFieldName('function');
      const object = fn?.type === 'attribute' ? fn.childForFieldName('object')?.text : undefined;
      // sqlite3.connect('dev.db'), aiosqlite.connect(…): a SQLite connection made in code.
      if ((object === 'sqlite3' || object === 'aiosqlite') && fn?.childForFieldName('attribute')?.text === 'connect') {
        signals.push({ kind: 'sqlite', start: node.startIndex, end: node.endIndex });
        return;
      }
      // dj_database_url.config()/parse(), django-environ's env.db()
      if (object === 'dj_database_url' || (object === 'env' && fn?.childForFieldName('attribute')?.text === 'db')) {
        signals.push({ kind: 'other', start: node.startIndex, end: node.endIndex });
        return;
      }
    }
    if (node.type === 'pair') {
      const value = node.childForFieldName('value');
      if (value) visit(value, pyStringValue(node.childForFieldName('key')));
      return;
    }
    if (node.type === 'keyword_argument') {
      const value = node.childForFieldName('value');
      if (value) visit(value, node.childForFieldName('name')?.text);
      return;
    }
    const passKey = node.type === 'conditional_expression' || node.type === 'parenthesized_expression';
    for (const child of node.namedChildren) if (child) visit(child, passKey ? key : undefined);
  };
  if (arm) visit(arm, armKey);
  return signals;
}

function pyDeployCheck(condition: TsNode | null): string | undefined {
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
  if (compared.length > 0 && compared.every((v) => TEST_VALUES.has(v))) return undefined;
  if (!found && compared.some((v) => DEPLOY_VALUES.has(v)) && condition.type === 'comparison_operator') found = 'the environment';
  return found;
}

/**
 * What the Python check looks at, selected inside WebAssembly instead of a walk over every node: if statements with
 * an else (`alternative: (else_clause)`; without one nothing is judged), conditional expressions, and the pairs and
 * keyword arguments whose value may be one (possibly in parentheses).
 */
const PY_BRANCHES = `
(if_statement alternative: (else_clause)) @branch
(conditional_expression) @branch
`;
const PY_KEYED_VALUES = `
(pair value: [(conditional_expression) (parenthesized_expression)]) @keyed
(keyword_argument value: [(conditional_expression) (parenthesized_expression)]) @keyed
`;

function pyCheck(context: TreeSitterRuleContext): void {
  // The key a conditional expression's value lands in (`dialect=('sqlite' if DEBUG else 'postgresql')`).
  const conditionalKeys = new Map<number, string>();
  for (const node of pyCapturedNodes(context.query(PY_KEYED_VALUES).matches(context.root), 'keyed')) {
    let value = node.childForFieldName('value');
    while (value?.type === 'parenthesized_expression') value = value.namedChildren[0];
    const key = node.type === 'pair' ? pyStringValue(node.childForFieldName('key')) : node.childForFieldName('name')?.text;
    if (value?.type === 'conditional_expression' && key !== undefined) conditionalKeys.set(value.id, key);
  }
  // Document pre-order, as the walk this replaces reported (start, then the longer node first).
  const branches = pyCapturedNodes(context.query(PY_BRANCHES).matches(context.root), 'branch');
  for (const node of branches) {
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
      if (hasElse) {
        const check = conditions.map(pyDeployCheck).find(Boolean);
        if (check) judgeArms(context, check, arms.map((arm) => pySignals(arm)));
      }
    } else if (node.type === 'conditional_expression') {
      const [whenTrue, condition, whenFalse] = node.namedChildren;
      const check = pyDeployCheck(condition);
      const key = conditionalKeys.get(node.id);
      if (check && whenTrue && whenFalse) judgeArms(context, check, [pySignals(whenTrue, key), pySignals(whenFalse, key)]);
    }
  }
}

export default defineRule({
  id: 'no-dev-prod-divergence',
  factor: 'X',
  defaultSeverity: 'warning',
  description: 'A branch on the deploy environment that uses SQLite or an in-memory database in one arm and another database in the other.',
  messages: {
    divergentDatabase:
      'This branch on {{check}} uses {{database}} here and another database elsewhere, so development and production run different backing services; use the same database everywhere, configured by DATABASE_URL.',
  },
  checkers: { js: jsCheck, python: pyCheck },
});
