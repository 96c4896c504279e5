/**
 * Environment branches of a C# file (see EnvBranch in engine/facts.ts): if/else chains ending in an else and
 * conditional expressions on the ASP.NET Core hosting environment — `env.IsProduction()`, `env.IsDevelopment()`,
 * `app.Environment.IsDevelopment()`, `builder.Environment.IsStaging()`, `IsEnvironment("…")` — or on an
 * environment-name variable read (`Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") == "Production"`), or
 * a deploy flag (`isDevelopment`), with the databases each arm names through Entity Framework Core: `UseSqlite` is
 * SQLite, `UseInMemoryDatabase` is in-memory, `UseSqlServer` / `UseNpgsql` / `UseMySql` / `UseOracle`… is another
 * database. Arms that register different DbContext types (`AddDbContext<DataContext, SqliteDataContext>()` in one,
 * `AddDbContext<DataContext>()` in the other) count too: the plain registration is the other database.
 */
import { ifElseChainArms } from '../treesitterAdapter';
import type { Node } from 'web-tree-sitter';
import { isDebugVar, isEnvironmentNameVar } from '../../env';
import type { DatabaseUse, EnvBranch, EnvBranchArm } from '../../facts';
import { deployCheck, DEPLOY_FLAG } from '../deployVocabulary';
import { walkTree } from '../treesitter';
import { csArguments, csCalleeName, csMethodName, csStringValue } from './ast';

const HOSTING_CHECK = /^Is(?:Production|Development|Staging|Environment)$/;
const SQLITE_CALL = /^UseSqlite$/;
const MEMORY_CALL = /^UseInMemoryDatabase$/;
const OTHER_CALL = /^(?:UseSqlServer|UseNpgsql|UseMySql|UseMySQL|UseOracle|UseCosmos|UseMongoDB|UseFirebird|UseJet)$/;
const SQLITE_CONNECTION = /^new (?:\w+\.)*SqliteConnection$/;
const OTHER_CONNECTION = /^new (?:\w+\.)*(?:SqlConnection|NpgsqlConnection|MySqlConnection|OracleConnection)$/;
const REGISTER_CONTEXT = /^AddDbContext(?:Pool|Factory)?$/;
const ENV_READ = /(?:^|\.)Environment\.GetEnvironmentVariable$/;

const isComment = (node: Node) => node.type === 'comment';

/** The method name node of a call (`UseSqlite` in `o.UseSqlite(…)`), for ranges. */
function nameNode(call: Node): Node {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'member_access_expression') return fn.childForFieldName('name') ?? call;
  return fn ?? call;
}

/** The type arguments of a generic call (`AddDbContext<DataContext, SqliteDataContext>` → both). */
function typeArguments(call: Node): Node[] {
  const name = nameNode(call);
  if (name.type !== 'generic_name') return [];
  const list = name.namedChildren.find((c) => c?.type === 'type_argument_list');
  return (list?.namedChildren ?? []).filter((c): c is Node => c !== null);
}

interface ArmScan {
  databases: DatabaseUse[];
  /** `AddDbContext<T>()` calls that name no database themselves. */
  plainRegistrations: Node[];
  /** A DbContext type named SQLite or in-memory was registered. */
  typedContext: boolean;
}

function scanArm(arm: Node): ArmScan {
  const databases: DatabaseUse[] = [];
  const plainRegistrations: Node[] = [];
  let typedContext = false;
  const add = (kind: DatabaseUse['kind'], node: Node) => databases.push({ kind, range: { start: node.startIndex, end: node.endIndex } });
  walkTree(arm, (node) => {
    if (isComment(node)) return false;
    if (node.type === 'object_creation_expression') {
      const callee = csCalleeName(node);
      if (SQLITE_CONNECTION.test(callee)) add(/:memory:|Mode=Memory/i.test(node.text) ? 'memory' : 'sqlite', node);
      else if (OTHER_CONNECTION.test(callee)) add('other', node);
      return true;
    }
    if (node.type !== 'invocation_expression') return true;
    const method = csMethodName(node);
    if (SQLITE_CALL.test(method)) add(/:memory:|Mode=Memory/i.test(node.text) ? 'memory' : 'sqlite', nameNode(node));
    else if (MEMORY_CALL.test(method)) add('memory', nameNode(node));
    else if (OTHER_CALL.test(method)) add('other', nameNode(node));
    else if (REGISTER_CONTEXT.test(method)) {
      const types = typeArguments(node);
      const sqlite = types.find((t) => /Sqlite/i.test(t.text));
      const memory = types.find((t) => /InMemory/i.test(t.text));
      if (sqlite) {
        add('sqlite', sqlite);
        typedContext = true;
      } else if (memory) {
        add('memory', memory);
        typedContext = true;
      } else if (types.length > 0 && csArguments(node).length === 0) plainRegistrations.push(nameNode(node));
    }
    return true;
  });
  return { databases, plainRegistrations, typedContext };
}

/** The deploy check a condition makes, as a message names it; undefined when it checks something else. */
export function csDeployCheckOf(condition: Node): string | undefined {
  let found: string | undefined;
  const compared: string[] = [];
  walkTree(condition, (node) => {
    if (node.type === 'invocation_expression') {
      const method = csMethodName(node);
      if (HOSTING_CHECK.test(method) && node.childForFieldName('function')?.type === 'member_access_expression') {
        if (method === 'IsEnvironment') {
          const name = csStringValue(csArguments(node)[0]?.value);
          if (name === undefined || /^(?:test|testing|ci)$/i.test(name)) return false;
        }
        found ??= 'the ASP.NET Core environment';
        return false;
      }
      if (ENV_READ.test(csCalleeName(node))) {
        const name = csStringValue(csArguments(node)[0]?.value);
        if (name && (isEnvironmentNameVar(name) || isDebugVar(name))) found ??= name;
        return false;
      }
      return true;
    }
    if (node.type === 'identifier' && DEPLOY_FLAG.test(node.text)) found ??= node.text;
    const value = csStringValue(node);
    if (value !== undefined) compared.push(value.toLowerCase());
    return true;
  });
  if (found === 'the ASP.NET Core environment') return found;
  return deployCheck(found, compared, compared.length > 0);
}

/** Whether the then-arm of a deploy condition runs in production; undefined when the condition does not say. */
export function csProductionWhenTrue(condition: Node): boolean | undefined {
  const text = condition.text;
  const negated = /^\(?\s*!/.test(text.trim());
  if (/\bIsProduction\s*\(|"prod(?:uction)?"/i.test(text)) return !negated;
  if (/\bIsDevelopment\s*\(|"(?:dev(?:elopment)?|local)"/i.test(text)) return negated;
  return undefined;
}

/** Whether a node is inside an arm of a deploy branch that runs only outside production (`if (env.IsDevelopment())`). */
export function csNonProduction(node: Node): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type !== 'if_statement') continue;
    const condition = parent.childForFieldName('condition');
    if (!condition || !csDeployCheckOf(condition)) continue;
    const production = csProductionWhenTrue(condition);
    if (production === undefined) continue;
    if (parent.childForFieldName('consequence')?.id === child.id && !production) return true;
    if (parent.childForFieldName('alternative')?.id === child.id && production) return true;
  }
  return false;
}

function armsOf(scans: ArmScan[]): DatabaseUse[][] {
  // `AddDbContext<DataContext, SqliteDataContext>()` in one arm, `AddDbContext<DataContext>()` in another: the plain
  // registration is the production database.
  const typed = scans.some((s) => s.typedContext);
  return scans.map((s) => (typed && s.databases.length === 0 && s.plainRegistrations.length > 0
    ? s.plainRegistrations.map((n) => ({ kind: 'other' as const, range: { start: n.startIndex, end: n.endIndex } }))
    : s.databases));
}

export function csEnvBranches(root: Node): EnvBranch[] {
  const branches: EnvBranch[] = [];
  const range = (node: Node) => ({ start: node.startIndex, end: node.endIndex });
  const chained = new Set<number>();
  walkTree(root, (node) => {
    if (isComment(node)) return false;
    if (node.type === 'if_statement' && !chained.has(node.startIndex)) {
      const condition = node.childForFieldName('condition');
      const check = condition && csDeployCheckOf(condition);
      if (!condition || !check) return true;
      const armNodes = ifElseChainArms(node, chained);
      if (!armNodes) return true;
      const databases = armsOf(armNodes.map(scanArm));
      const arms: EnvBranchArm[] = armNodes.map((arm, i) => ({ range: range(arm), databases: databases[i] }));
      const production = csProductionWhenTrue(condition);
      branches.push({ check, condition: range(condition), ...(production === undefined ? {} : { productionArm: production ? 0 : arms.length - 1 }), arms });
    } else if (node.type === 'conditional_expression') {
      const condition = node.childForFieldName('condition');
      const check = condition && csDeployCheckOf(condition);
      const consequence = node.childForFieldName('consequence');
      const alternative = node.childForFieldName('alternative');
      if (!condition || !check || !consequence || !alternative) return true;
      const production = csProductionWhenTrue(condition);
      const databases = armsOf([consequence, alternative].map(scanArm));
      const arms = [consequence, alternative].map((arm, i) => ({ range: range(arm), databases: databases[i] }));
      branches.push({ check, condition: range(condition), ...(production === undefined ? {} : { productionArm: production ? 0 : 1 }), arms });
    }
    return true;
  });
  return branches;
}
