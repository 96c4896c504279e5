/**
 * The vocabulary of config grouped by environment (factor III), shared by every adapter that finds such groups:
 * environment names used as keys, words that make a key a piece of config, address-shaped values, and names of
 * modules and variables that hold config sets.
 */

export const ENV_KEYS = new Set(['development', 'dev', 'staging', 'production', 'prod', 'test']);

/** Words that make a property a piece of config (a backing service, a credential, an address). */
const CONFIG_WORDS = new Set([
  'url', 'uri', 'urls', 'host', 'hostname', 'hosts', 'port', 'database', 'db', 'dbname', 'user', 'username', 'password',
  'passwd', 'pwd', 'secret', 'token', 'key', 'apikey', 'endpoint', 'dsn', 'connection', 'bucket', 'region', 'server',
  'domain', 'origin', 'dialect', 'client', 'redis', 'mongo', 'mongodb', 'postgres', 'mysql', 'storage', 'credentials',
  'smtp', 'api', 'uri', 'broker', 'amqp', 'sqlalchemy',
]);

export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    // A look-ahead, not `([A-Z]+)([A-Z][a-z])`, which retried every start of a long capital run (quadratic).
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function isConfigKey(name: string): boolean {
  return words(name).some((w) => CONFIG_WORDS.has(w));
}

/** A URL, `host:port` or `localhost` — the shape of a backing-service address. */
export function isAddressLike(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value) || /^[\w.-]+:\d{2,5}$/.test(value) || /^localhost$/i.test(value);
}

/** Names of modules and variables that hold config sets (`config`, `appConfig`, `./config/database.json`). */
export const CONFIG_NAME = /(?:^|[^a-z])(?:conf|config|configs|configuration|settings|environments|envs|database|databases)(?:$|[^a-z])/i;
