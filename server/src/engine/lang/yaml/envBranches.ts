/**
 * Environment branches of a YAML file (X): Rails' `config/database.yml` (and Sinatra's, Hanami's) groups its
 * connection by environment, and Rails picks one group by RAILS_ENV — a branch whose arms are the groups. Each arm's
 * database is its `adapter:` (written in the group or merged in with `<<: *default`): `sqlite3` in development and
 * `postgresql` in production is the gap factor X warns about. Only files with at least two environment groups, one
 * of them a deploy (production, staging…), are branches. Two arms that inherit the same `adapter:` line share one
 * database, listed on the first arm only (one finding per line).
 */
import type { DatabaseUse, EnvBranch, EnvBranchArm } from '../../facts';
import { databaseOfString } from '../deployVocabulary';
import { ENV_KEYS } from '../envGroups';
import { DEPLOY_NAMES, type ConfigScope } from '../config/scope';
import type { YamlTopKey } from './index';

export function yamlEnvBranches(topKeys: readonly YamlTopKey[], scope: ConfigScope): EnvBranch[] {
  if (scope.nonProduction || scope.envNames || scope.flavour === 'compose' || scope.flavour === 'spring') return [];
  const groups = topKeys.filter((k) => ENV_KEYS.has(k.name.toLowerCase()) || DEPLOY_NAMES.has(k.name.toLowerCase()));
  if (groups.length < 2 || !groups.some((k) => DEPLOY_NAMES.has(k.name.toLowerCase()))) return [];
  const seen = new Set<number>();
  const arms: EnvBranchArm[] = groups.map((group) => {
    const databases: DatabaseUse[] = [];
    const adapter = group.adapter;
    const kind = adapter && databaseOfString(adapter.value, 'adapter');
    if (adapter && kind && !seen.has(adapter.range.start)) {
      seen.add(adapter.range.start);
      databases.push({ kind, range: adapter.range });
    }
    return { range: group.range, databases };
  });
  const production = groups.findIndex((k) => /^prod(uction)?$/i.test(k.name));
  return [{ check: 'the environment groups', condition: groups[0].range, productionArm: production === -1 ? undefined : production, arms }];
}
