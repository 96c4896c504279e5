/**
 * Config grouped by environment in config files (III):
 * - a profile or environment file of one deploy (`application-prod.yml`, `application-staging.properties`,
 *   `appsettings.Production.json`: ConfigScope.deployEnvironment) that holds config — reported on its first key;
 * - a YAML file whose top-level keys are environment names (Rails' `config/database.yml`, `secrets.yml`) whose deploy
 *   group (`production:`, `staging:`) holds config written as a literal — reported on that group's key.
 * Holding config: a credential (password, secret, token, key, connection string), a backing-service locator or an
 * address, or a host, written as a literal (`${…}` and ERB `<%= ENV[…] %>` values are environment reads). A database
 * *name* or user name is not enough (Rails generates `database: app_production`, `username: app` in every app); a
 * database *file* (`db/production.sqlite3`) is. Groups for development and tests (`dev`, `test`, `local`) and
 * log-level-only files stay quiet.
 */
import { classifyBackingService } from '../../backingServices';
import type { EnvGroupedConfig } from '../../facts';
import type { OffsetRange } from '../../types';
import { ENV_KEYS, isAddressLike, words } from '../envGroups';
import { ENV_SYNTAX, splitKey, type ConfigEntry } from './literals';
import { DEPLOY_NAMES, type ConfigScope } from './scope';

const CREDENTIAL_WORDS = new Set(['password', 'passwd', 'pwd', 'secret', 'token', 'apikey', 'key', 'credentials', 'dsn', 'connectionstring', 'connectionstrings']);
const ADDRESS_WORDS = new Set(['url', 'uri', 'host', 'hostname', 'endpoint', 'address', 'addresses', 'server']);
/** Keys whose words look like config but name something else (.NET's host filter, a key's length or lifetime). */
const NOT_CONFIG = /^(allowedhosts|.*(expir|lifetime|length|size|timeout|level).*)$/i;

/** Does this literal give a deploy its config (a credential, a locator, an address, a database file)? */
export function holdsConfig(entry: ConfigEntry): boolean {
  const value = entry.value.trim();
  if (value === '' || ENV_SYNTAX.test(value)) return false;
  const path = entry.keys.flatMap(splitKey);
  const name = path[path.length - 1] ?? '';
  if (NOT_CONFIG.test(name)) return false;
  const nameWords = words(name);
  if (path.some((k) => /^connectionstrings$/i.test(k))) return true;
  const locator = classifyBackingService(value);
  // A backing service, or a web URL with a real password; a plain web address (the app's own `Urls`) is not enough.
  if (locator && (locator.isBackingService || locator.password)) return true;
  if (nameWords.some((w) => CREDENTIAL_WORDS.has(w)) || CREDENTIAL_WORDS.has(name.toLowerCase())) return value.length >= 4;
  if (nameWords.some((w) => ADDRESS_WORDS.has(w))) return isAddressLike(value) || /^[\w-]+(\.[\w-]+)+$/.test(value);
  if (/^database$/i.test(name)) return /[/\\]|\.(sqlite3?|db)$/i.test(value);
  return false;
}

/** The range of the file's first key, or its start. */
function firstKey(entries: readonly ConfigEntry[]): OffsetRange {
  let first: OffsetRange | undefined;
  for (const e of entries) if (e.rootKey && (!first || e.rootKey.start < first.start)) first = e.rootKey;
  return first ?? { start: 0, end: 0 };
}

/** A top-level key of a YAML file, for the grouped form. */
export interface TopKey {
  name: string;
  range: OffsetRange;
}

export function configEnvGroupedConfig(entries: readonly ConfigEntry[], scope: ConfigScope, topKeys: readonly TopKey[] = []): EnvGroupedConfig[] {
  if (scope.nonProduction || scope.envNames || scope.flavour === 'compose') return [];
  const out: EnvGroupedConfig[] = [];
  if (scope.deployEnvironment) {
    if (entries.some(holdsConfig)) out.push({ form: 'mapping', range: firstKey(entries), names: [scope.deployEnvironment] });
    return out;
  }
  // Top-level environment groups: at least two environment names, one of them a deploy.
  const envKeys = topKeys.filter((k) => ENV_KEYS.has(k.name.toLowerCase()) || DEPLOY_NAMES.has(k.name.toLowerCase()));
  if (envKeys.length < 2) return out;
  for (const key of envKeys) {
    if (!DEPLOY_NAMES.has(key.name.toLowerCase())) continue;
    const held = entries.some((e) => e.keys[0] === key.name && e.rootKey?.start === key.range.start && holdsConfig(e));
    if (!held) continue;
    out.push({ form: 'mapping', range: key.range, names: envKeys.map((k) => k.name) });
    break; // one finding per file: the first deploy group that holds config
  }
  return out;
}
