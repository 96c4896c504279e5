/**
 * Environment branches of a JS/TS file (see EnvBranch in engine/facts.ts): if/else chains, conditional expressions
 * and switches on the deploy (NODE_ENV, APP_ENV, DEBUG, isProduction…), with the databases each arm names or opens.
 */
import ts = require('typescript');
import { isDebugVar, isEnvironmentNameVar } from '../../env';
import type { DatabaseUse, EnvBranch } from '../../facts';
import { databaseOfString, DB_ENV_NAME, deployCheck, DEPLOY_FLAG } from '../deployVocabulary';
import { forEachNode, moduleBindings, nodesOfKind, outsideProduction, propertyName, stringValue } from './ast';
import { jsConstInitializer, jsEnvRead } from './env';

// The framework table: the modules whose `new …()` opens a SQLite database, and the in-memory MongoDB server.
const SQLITE_MODULES = ['better-sqlite3', 'sqlite3'];
const MEMORY_DATABASE_CLASS = 'MongoMemoryServer';

/** `new Database('dev.db')` from better-sqlite3, `new sqlite3.Database(…)`, `new (sqlite3.verbose().Database)(…)`. */
function isSqliteConnection(ast: ts.SourceFile, node: ts.NewExpression): boolean {
  const locals = new Set(moduleBindings(ast, SQLITE_MODULES).map((b) => b.local));
  if (locals.size === 0) return false;
  let callee: ts.Expression = node.expression;
  while (ts.isParenthesizedExpression(callee)) callee = callee.expression;
  if (ts.isIdentifier(callee)) return locals.has(callee.text);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'Database') return false;
  let root: ts.Expression = callee.expression;
  while (ts.isPropertyAccessExpression(root) || ts.isCallExpression(root)) root = root.expression;
  return ts.isIdentifier(root) && locals.has(root.text);
}

function databasesIn(ast: ts.SourceFile, arm: ts.Node): DatabaseUse[] {
  const uses: DatabaseUse[] = [];
  const add = (kind: DatabaseUse['kind'], node: ts.Node) => uses.push({ kind, range: { start: node.getStart(ast), end: node.end } });
  const visit = (node: ts.Node): boolean => {
    const value = stringValue(node);
    if (value !== undefined) {
      // The property the value lands in, through `cond ? 'pg' : 'sqlite3'` and parentheses.
      let holder: ts.Node = node;
      while (holder.parent && (ts.isConditionalExpression(holder.parent) || ts.isParenthesizedExpression(holder.parent)) && holder.parent !== arm) holder = holder.parent;
      const parent = holder.parent;
      const key = parent && ts.isPropertyAssignment(parent) && parent.initializer === holder ? propertyName(parent.name) : undefined;
      const kind = databaseOfString(value, key);
      if (kind) add(kind, node);
      return false;
    }
    if (ts.isNewExpression(node) && isSqliteConnection(ast, node)) {
      add('sqlite', node);
      return false;
    }
    if (ts.isIdentifier(node) && node.text === MEMORY_DATABASE_CLASS) {
      add('memory', node);
      return false;
    }
    const read = jsEnvRead(ts, node);
    if (read) {
      if (read.name && DB_ENV_NAME.test(read.name)) add('other', node);
      return false;
    }
    return true;
  };
  // An explicit stack (forEachNode), not recursion: an arm can nest thousands deep.
  forEachNode(arm, visit);
  return uses;
}

/** The deploy check a condition makes (`NODE_ENV`, `DEBUG`, `isProduction`…), or undefined. */
function deployCheckOf(condition: ts.Node, level = 0): string | undefined {
  let found: string | undefined;
  const compared: string[] = [];
  const visit = (node: ts.Node): boolean => {
    const read = jsEnvRead(ts, node);
    if (read) {
      if (read.name && (isEnvironmentNameVar(read.name) || isDebugVar(read.name))) found ??= read.name;
      return false;
    }
    const value = stringValue(node);
    if (value !== undefined) {
      compared.push(value.toLowerCase());
      return false;
    }
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
      const name = ts.isIdentifier(node) ? node.text : node.name.text;
      if (DEPLOY_FLAG.test(name)) found ??= name;
      else if (ts.isIdentifier(node) && level === 0) {
        // One hop through `const isProd = process.env.NODE_ENV === 'production'`.
        const init = jsConstInitializer(ts, node);
        if (init) {
          const inner = deployCheckOf(init, level + 1);
          if (inner) found ??= inner;
        }
      }
      if (ts.isIdentifier(node)) return false;
    }
    return true;
  };
  forEachNode(condition, visit);
  return deployCheck(found, compared, ts.isBinaryExpression(condition));
}

export function jsEnvBranches(ast: ts.SourceFile): EnvBranch[] {
  const branches: EnvBranch[] = [];
  const range = (node: ts.Node) => ({ start: node.getStart(ast), end: node.end });
  const add = (conditions: ts.Expression[], arms: ts.Node[], twoWay: boolean): void => {
    const check = conditions.map((c) => deployCheckOf(c)).find(Boolean);
    if (!check) return;
    // With a two-way condition, `=== 'production'` makes the first arm production's, `!== 'production'` the second.
    const outside = twoWay ? outsideProduction(conditions[0]) : undefined;
    const productionArm = outside === false ? 0 : outside === true && arms.length === 2 ? 1 : undefined;
    branches.push({ check, condition: range(conditions[0]), productionArm, arms: arms.map((arm) => ({ range: range(arm), databases: databasesIn(ast, arm) })) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isIfStatement(node) && !(ts.isIfStatement(node.parent) && node.parent.elseStatement === node)) {
      const conditions: ts.Expression[] = [];
      const arms: ts.Node[] = [];
      let current: ts.Statement | undefined = node;
      while (current && ts.isIfStatement(current)) {
        conditions.push(current.expression);
        arms.push(current.thenStatement);
        current = current.elseStatement;
      }
      if (current) {
        arms.push(current);
        add(conditions, arms, true);
      }
    } else if (ts.isConditionalExpression(node)) {
      add([node.condition], [node.whenTrue, node.whenFalse], true);
    } else if (ts.isSwitchStatement(node)) {
      add([node.expression, ...node.caseBlock.clauses.flatMap((c) => (ts.isCaseClause(c) ? [c.expression] : []))], [...node.caseBlock.clauses], false);
    }
  };
  for (const node of nodesOfKind(ast, [ts.SyntaxKind.IfStatement, ts.SyntaxKind.ConditionalExpression, ts.SyntaxKind.SwitchStatement])) visit(node);
  return branches;
}
