/**
 * Environment branches of a Go file (see EnvBranch in engine/facts.ts): if/else-if chains ending in an else, and
 * expression switches, on the deploy — gin's `gin.Mode()` / `gin.IsDebugging()`, an environment-name variable read
 * (`os.Getenv("APP_ENV") == "production"`), a deploy flag (`isProd`, `debug`), or a comparison with a deploy name
 * (`env == "production"`) — with the databases each arm opens:
 *
 * - SQLite: gorm's `sqlite.Open(…)` (gorm.io/driver/sqlite, glebarez/sqlite), `sql.Open("sqlite3" | "sqlite", …)`,
 *   gorm v1's `gorm.Open("sqlite3", …)`, a SQLite or `:memory:` string;
 * - another database: `postgres.Open`, `mysql.Open`, `sqlserver.Open`, `sql.Open("postgres" | "mysql" | "pgx", …)`,
 *   a database URL, an environment read named like a database address (`DATABASE_URL`).
 */
import { ifElseChainArms } from '../treesitterAdapter';
import type { Node } from 'web-tree-sitter';
import { isDebugVar, isEnvironmentNameVar } from '../../env';
import type { DatabaseUse, EnvBranch, EnvBranchArm } from '../../facts';
import { databaseOfString, DB_ENV_NAME, deployCheck, DEPLOY_FLAG } from '../deployVocabulary';
import { walkTree } from '../treesitter';
import { goArguments, goCalleeName, goDottedName, goImports, goStringValue, isGoEnvCall } from './ast';

const SQLITE_DRIVERS = ['gorm.io/driver/sqlite', 'github.com/glebarez/sqlite'];
const OTHER_DRIVERS = ['gorm.io/driver/postgres', 'gorm.io/driver/mysql', 'gorm.io/driver/sqlserver', 'gorm.io/driver/clickhouse'];
/** Driver names of `sql.Open` / gorm v1's `gorm.Open`. */
const SQLITE_DRIVER_NAME = /^sqlite3?$/;
const OTHER_DRIVER_NAME = /^(?:postgres|pgx|mysql|sqlserver|mssql|oracle|godror|clickhouse)$/;

function databasesIn(arm: Node, drivers: Map<string, DatabaseUse['kind']>): DatabaseUse[] {
  const uses: DatabaseUse[] = [];
  const add = (kind: DatabaseUse['kind'], node: Node) => uses.push({ kind, range: { start: node.startIndex, end: node.endIndex } });
  walkTree(arm, (node) => {
    if (node.type === 'comment') return false;
    const value = goStringValue(node);
    if (value !== undefined) {
      const kind = databaseOfString(value, undefined);
      if (kind) add(kind, node);
      return false;
    }
    if (node.type !== 'call_expression') return true;
    if (isGoEnvCall(node)) {
      const name = goStringValue(goArguments(node)[0]);
      if (name && DB_ENV_NAME.test(name)) add('other', node);
      return false;
    }
    const callee = goCalleeName(node);
    const [pkg, fn] = callee.split('.');
    const driver = drivers.get(pkg);
    if (driver && fn === 'Open') {
      add(driver, node);
      return false;
    }
    if (callee === 'sql.Open' || callee === 'sqlx.Open' || callee === 'sqlx.Connect' || callee === 'gorm.Open') {
      const name = goStringValue(goArguments(node)[0]);
      if (name !== undefined && SQLITE_DRIVER_NAME.test(name)) {
        add('sqlite', node);
        return false;
      }
      if (name !== undefined && OTHER_DRIVER_NAME.test(name)) {
        add('other', node);
        return false;
      }
    }
    return true;
  });
  return uses;
}

/** What a condition checks about the deploy, or undefined when it checks nothing of it. */
function deployCheckOf(condition: Node): string | undefined {
  let found: string | undefined;
  const compared: string[] = [];
  walkTree(condition, (node) => {
    if (node.type === 'call_expression') {
      const callee = goCalleeName(node);
      if (isGoEnvCall(node)) {
        const name = goStringValue(goArguments(node)[0]);
        if (name && (isEnvironmentNameVar(name) || isDebugVar(name))) found ??= name;
        return false;
      }
      if (/^gin\.(?:Mode|IsDebugging)$/.test(callee)) {
        found ??= `${callee}()`;
        return false;
      }
      return true;
    }
    if (node.type === 'selector_expression') {
      const name = goDottedName(node);
      if (name && /^gin\.(?:ReleaseMode|DebugMode)$/.test(name)) compared.push(name === 'gin.ReleaseMode' ? 'production' : 'development');
      else if (name && DEPLOY_FLAG.test(name.slice(name.lastIndexOf('.') + 1))) found ??= name;
      return false;
    }
    if (node.type === 'identifier' && DEPLOY_FLAG.test(node.text)) found ??= node.text;
    const value = goStringValue(node);
    if (value !== undefined) compared.push(value.toLowerCase());
    return true;
  });
  return deployCheck(found, compared, condition.type === 'binary_expression' || compared.length > 0);
}

/** Whether the condition's truth means production (`== "production"`, `== gin.ReleaseMode`, `isProd`). */
function productionWhenTrue(condition: Node): boolean | undefined {
  const text = condition.text;
  const negated = /!=/.test(text) || /^!/.test(text.trim());
  if (/gin\.ReleaseMode|"prod(?:uction)?"|\bis_?prod/i.test(text)) return !negated;
  if (/gin\.DebugMode|gin\.IsDebugging\(\)|"dev(?:elopment)?"|"local"|\bdebug\b/i.test(text)) return negated;
  return undefined;
}

export function goEnvBranches(root: Node): EnvBranch[] {
  const drivers = new Map<string, DatabaseUse['kind']>();
  for (const [path, { local }] of goImports(root)) {
    if (SQLITE_DRIVERS.includes(path)) drivers.set(local, 'sqlite');
    else if (OTHER_DRIVERS.includes(path)) drivers.set(local, 'other');
  }
  const branches: EnvBranch[] = [];
  const range = (node: Node) => ({ start: node.startIndex, end: node.endIndex });
  const chained = new Set<number>();
  walkTree(root, (node) => {
    if (node.type === 'comment') return false;
    if (node.type === 'if_statement' && !chained.has(node.startIndex)) {
      const condition = node.childForFieldName('condition');
      const check = condition && deployCheckOf(condition);
      if (!condition || !check) return true;
      const armNodes = ifElseChainArms(node, chained);
      if (!armNodes) return true;
      const arms: EnvBranchArm[] = armNodes.map((arm) => ({ range: range(arm), databases: databasesIn(arm, drivers) }));
      const production = productionWhenTrue(condition);
      branches.push({ check, condition: range(condition), ...(production === undefined ? {} : { productionArm: production ? 0 : arms.length - 1 }), arms });
      return true;
    }
    if (node.type === 'expression_switch_statement') {
      const value = node.childForFieldName('value');
      const cases = node.namedChildren.filter((c): c is Node => c?.type === 'expression_case' || c?.type === 'default_case');
      const check = value ? deployCheckOf(value) : undefined;
      if (!value || !check || cases.length < 2) return true;
      const arms = cases.map((c) => ({ range: range(c), databases: databasesIn(c.type === 'expression_case' ? (c.namedChildren.find((n) => n?.type === 'statement_list') ?? c) : c, drivers) }));
      branches.push({ check, condition: range(value), arms });
    }
    return true;
  });
  return branches;
}
