/**
 * Environment branches of a Java file (see EnvBranch in engine/facts.ts): if/else chains ending in an else and
 * conditional expressions on the deploy — Spring's active profiles (`env.acceptsProfiles(Profiles.of("prod"))`,
 * `getActiveProfiles()`), an environment-name variable read (`"production".equals(System.getenv("APP_ENV"))`), a
 * deploy flag (`isProd`) — with the databases each arm names: `jdbc:h2:mem:` / `jdbc:hsqldb:mem:` / `jdbc:derby:memory:`
 * and `EmbeddedDatabaseBuilder` are in-memory, `jdbc:sqlite:` is SQLite, another JDBC URL (`jdbc:postgresql:`,
 * `jdbc:mysql:`…) or an environment read named like a database address (`JDBC_DATABASE_URL`) is another database.
 */
import { ifElseChainArms } from '../treesitterAdapter';
import type { Node } from 'web-tree-sitter';
import { isDebugVar, isEnvironmentNameVar } from '../../env';
import type { DatabaseUse, EnvBranch, EnvBranchArm } from '../../facts';
import { databaseOfString, DB_ENV_NAME, deployCheck, DEPLOY_FLAG } from '../deployVocabulary';
import { walkTree } from '../treesitter';
import { javaArguments, javaCalleeName, javaStringValue } from './ast';

const PROFILE_CALL = /(?:^|\.)(?:acceptsProfiles|matchesProfiles|getActiveProfiles|getDefaultProfiles)$/;
const ENV_READ = /(?:^|\.)System\.(?:getenv|getProperty)$|(?:^|\.)(?:env|environment)\.getProperty$/;

/** The database a JDBC URL names. */
function databaseOfJdbc(value: string): DatabaseUse['kind'] | undefined {
  if (/^jdbc:(?:h2:mem:|hsqldb:mem:|derby:memory:)/i.test(value)) return 'memory';
  if (/^jdbc:sqlite:/i.test(value)) return /:memory:/.test(value) ? 'memory' : 'sqlite';
  if (/^jdbc:(?:postgresql|mysql|mariadb|oracle|sqlserver|db2|cockroachdb):/i.test(value)) return 'other';
  return databaseOfString(value, undefined);
}

function databasesIn(arm: Node): DatabaseUse[] {
  const uses: DatabaseUse[] = [];
  const add = (kind: DatabaseUse['kind'], node: Node) => uses.push({ kind, range: { start: node.startIndex, end: node.endIndex } });
  walkTree(arm, (node) => {
    if (node.type === 'line_comment' || node.type === 'block_comment') return false;
    const value = javaStringValue(node);
    if (value !== undefined) {
      const kind = databaseOfJdbc(value);
      if (kind) add(kind, node);
      return false;
    }
    if (node.type === 'object_creation_expression' && /^new (?:\w+\.)*EmbeddedDatabaseBuilder$/.test(javaCalleeName(node))) {
      add('memory', node);
      return false;
    }
    if (node.type === 'method_invocation' && ENV_READ.test(javaCalleeName(node))) {
      const name = javaStringValue(javaArguments(node)[0]);
      if (name && DB_ENV_NAME.test(name.toUpperCase().replace(/[.-]/g, '_'))) add('other', node);
      return false;
    }
    return true;
  });
  return uses;
}

function deployCheckOf(condition: Node): string | undefined {
  let found: string | undefined;
  const compared: string[] = [];
  walkTree(condition, (node) => {
    if (node.type === 'method_invocation') {
      const callee = javaCalleeName(node);
      if (PROFILE_CALL.test(callee)) found ??= 'the active Spring profile';
      else if (ENV_READ.test(callee)) {
        const name = javaStringValue(javaArguments(node)[0]);
        if (name && (isEnvironmentNameVar(name) || isDebugVar(name) || /^spring\.profiles\.active$|^SPRING_PROFILES_ACTIVE$/.test(name))) found ??= name;
        return false;
      }
      return true;
    }
    if (node.type === 'identifier' && DEPLOY_FLAG.test(node.text)) found ??= node.text;
    const value = javaStringValue(node);
    if (value !== undefined) compared.push(value.toLowerCase());
    return true;
  });
  if (found === 'the active Spring profile') return compared.length > 0 && compared.every((v) => /^(?:test|testing|ci)$/.test(v)) ? undefined : found;
  return deployCheck(found, compared, compared.length > 0);
}

function productionWhenTrue(condition: Node): boolean | undefined {
  const text = condition.text;
  const negated = /^\(?\s*!/.test(text.trim());
  if (/"prod(?:uction)?"/i.test(text)) return !negated;
  if (/"(?:dev(?:elopment)?|local)"/i.test(text)) return negated;
  return undefined;
}

export function javaEnvBranches(root: Node): EnvBranch[] {
  const branches: EnvBranch[] = [];
  const range = (node: Node) => ({ start: node.startIndex, end: node.endIndex });
  const chained = new Set<number>();
  walkTree(root, (node) => {
    if (node.type === 'line_comment' || node.type === 'block_comment') return false;
    if (node.type === 'if_statement' && !chained.has(node.startIndex)) {
      const condition = node.childForFieldName('condition');
      const check = condition && deployCheckOf(condition);
      if (!condition || !check) return true;
      const armNodes = ifElseChainArms(node, chained);
      if (!armNodes) return true;
      const arms: EnvBranchArm[] = armNodes.map((arm) => ({ range: range(arm), databases: databasesIn(arm) }));
      const production = productionWhenTrue(condition);
      branches.push({ check, condition: range(condition), ...(production === undefined ? {} : { productionArm: production ? 0 : arms.length - 1 }), arms });
    } else if (node.type === 'ternary_expression') {
      const condition = node.childForFieldName('condition');
      const check = condition && deployCheckOf(condition);
      const consequence = node.childForFieldName('consequence');
      const alternative = node.childForFieldName('alternative');
      if (!condition || !check || !consequence || !alternative) return true;
      const production = productionWhenTrue(condition);
      const arms = [consequence, alternative].map((arm) => ({ range: range(arm), databases: databasesIn(arm) }));
      branches.push({ check, condition: range(condition), ...(production === undefined ? {} : { productionArm: production ? 0 : 1 }), arms });
    }
    return true;
  });
  return branches;
}
