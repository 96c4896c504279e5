/**
 * Environment variable names for values that move out of the code. Small API, used by every rule whose fix is
 * "read it from the environment":
 *
 *   toEnvName('databaseUrl')            → 'DATABASE_URL'
 *   serviceEnvName('mongodb')           → 'MONGODB_URL'
 *   envNameFor(literal, { service })    → the literal's own name when it says something, else the service's
 *   qualifiedEnvName('PASSWORD', literal) → 'DB_PASSWORD' inside a database config, else 'PASSWORD'
 */
import type { ConfigLiteral } from './facts';

/** Splits camelCase, PascalCase, snake_case, kebab-case and dotted names into lower-case words. */
export function nameWords(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? []).map((w) => w.toLowerCase());
}

/** `databaseUrl` → DATABASE_URL, `mongoUri` → MONGO_URI, `APIKey` → API_KEY, `SECRET_KEY` stays. */
export function toEnvName(name: string): string {
  return nameWords(name).join('_').toUpperCase();
}

/** The conventional variable for a service (the names Heroku-style add-ons and most frameworks read). */
const SERVICE_ENV: Record<string, string> = {
  postgres: 'DATABASE_URL', mysql: 'DATABASE_URL', mariadb: 'DATABASE_URL', mssql: 'DATABASE_URL', oracle: 'DATABASE_URL',
  mongodb: 'MONGODB_URL', redis: 'REDIS_URL', amqp: 'AMQP_URL', kafka: 'KAFKA_URL', nats: 'NATS_URL',
  memcached: 'MEMCACHED_URL', ldap: 'LDAP_URL', smtp: 'SMTP_URL', clickhouse: 'CLICKHOUSE_URL', neo4j: 'NEO4J_URL',
  cassandra: 'CASSANDRA_URL', couchbase: 'COUCHBASE_URL', 'azure-storage': 'AZURE_STORAGE_CONNECTION_STRING',
  'azure-servicebus': 'SERVICEBUS_CONNECTION_STRING', http: 'SERVICE_URL', ftp: 'FTP_URL',
};

export function serviceEnvName(service: string): string {
  return SERVICE_ENV[service] ?? `${toEnvName(service) || 'SERVICE'}_URL`;
}

/** Names that say where a value goes but not what it is: the service (or a qualifier) has to name it. */
const GENERIC_WORDS = new Set([
  'url', 'uri', 'dsn', 'href', 'link', 'host', 'hostname', 'connection', 'conn', 'connstr', 'connection string',
  'conn string', 'conn str', 'connection uri', 'connection url', 'connect string', 'default value', 'string', 'str', 'db', 'database', 'server', 'address', 'addr', 'endpoint', 'value', 'default', 'config', 'options',
  'source', 'target', 'location', 'name', 'connect', 'client', 'broker', 'brokers', 'node', 'nodes', 'hosts', 'cluster',
  'jdbc', 'jdbc url', 'servers', 'addresses',
  'password', 'passwd', 'pass', 'pwd', 'secret', 'token', 'key', 'passphrase', 'auth', 'credentials',
]);

export function isGenericName(name: string): boolean {
  const words = nameWords(name);
  return words.length === 0 || name.length <= 2 || GENERIC_WORDS.has(words.join(' '));
}

/** Prefixes guessed from where the value sits (owners and callee), most specific first. */
const QUALIFIERS: [RegExp, string][] = [
  [/session|cookie/, 'SESSION'],
  [/jwt|jsonwebtoken|jose/, 'JWT'],
  [/smtp|mail|transport/, 'SMTP'],
  [/redis|ioredis|cache/, 'REDIS'],
  [/mongo/, 'MONGO'],
  [/amqp|rabbit|pika/, 'AMQP'],
  [/ldap/, 'LDAP'],
  [/\bdb\b|database|data ?source|knex|sequelize|\bpg\b|pool|mysql|postgres|psycopg|type ?orm|prisma|sqlalchemy|connection|client/, 'DB'],
];

/** `PASSWORD` inside `knex({ connection: {…} })` → DB_PASSWORD; inside `session({…})` `SECRET` → SESSION_SECRET. */
export function qualifiedEnvName(base: string, literal: Pick<ConfigLiteral, 'owners' | 'callee'>): string {
  const where = [...literal.owners, literal.callee ?? ''].join(' ').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[._]/g, ' ').toLowerCase();
  const found = QUALIFIERS.find(([pattern]) => pattern.test(where));
  return found ? `${found[1]}_${base}` : base;
}

/** Credential names that say what a value is but not whose: `Stripe.api_key` is STRIPE_API_KEY, not API_KEY. */
const VAGUE_CREDENTIAL_WORDS = new Set(['api', 'key', 'secret', 'token', 'access', 'auth', 'private', 'apikey', 'client']);
/** Owners that hold settings for many services, so they say nothing about whose credential it is. */
const CONTAINER_OWNERS = /^(config|configuration|settings|options|opts|conf|cfg|app|application|rails|env|environment|self|this|os|process|credentials|secrets|params|props|properties|defaults|module|exports|window|global|globals)$/i;

/** `STRIPE_` for a vague credential name set on a vendor's object (`Stripe.api_key`, `stripe.api_key`), else ''. */
function vendorPrefix(literal: ConfigLiteral): string {
  const words = nameWords(literal.name);
  if (words.length === 0 || !words.every((w) => VAGUE_CREDENTIAL_WORDS.has(w))) return '';
  const owner = literal.owners.at(-1);
  if (!owner || !/^[A-Za-z]{3,}$/.test(owner) || CONTAINER_OWNERS.test(owner)) return '';
  return `${toEnvName(owner)}_`;
}

/**
 * The variable a literal should come from. Its own name wins when it is specific (`mongoUri` → MONGO_URI,
 * `SQLALCHEMY_DATABASE_URI` stays); otherwise the service's conventional name, else `base`.
 * Positional arguments and returned values have no name of their own. Undefined when nothing sensible can be said.
 */
export function envNameFor(literal: ConfigLiteral, hints: { service?: string; base?: string }): string | undefined {
  if (literal.kind !== 'argument' && literal.kind !== 'return' && !isGenericName(literal.name) && !/^(default|fallback)$/i.test(literal.name)) {
    const name = toEnvName(literal.name);
    if (/^[A-Z][A-Z0-9_]*$/.test(name)) return `${vendorPrefix(literal)}${name}`;
  }
  if (hints.service) return serviceEnvName(hints.service);
  return hints.base;
}

/**
 * What tells one value of a kind from another, for a name: the database of a connection URL (`…/analytics` →
 * ANALYTICS), else the first label of its host (`orders-db.internal` → ORDERS_DB). Empty when nothing does.
 */
/** Calls and holders named by what they do, not by what they reach (`createClient`, `jwt.sign`, `module.exports`). */
const CALL_VERBS = /^(?:new|create|make|build|init|get|set|use|connect|open|start|run|sign|verify|encode|decode|config|configure|settings|options|default|exports)(?:[A-Z_]|$)/;

function distinguishers(value: string, where: { callee?: string; owners?: readonly string[] }): string[] {
  const out: string[] = [];
  const url = /^[a-z][a-z0-9+.:-]*:\/\/(?:[^@/?#]*@)?([^/?#:]+)(?::\d+)?(?:\/([A-Za-z][A-Za-z0-9_-]*))?/i.exec(value);
  if (url?.[2]) out.push(toEnvName(url[2]));
  const host = url?.[1] ?? /(?:^|;)\s*(?:server|host|data source)\s*=\s*([^;,:\s]+)/i.exec(value)?.[1];
  const label = host?.split('.')[0];
  if (label && !/^\d+$/.test(label)) out.push(toEnvName(label));
  // Where the value goes: `new OpenAI({ apiKey })` → OPENAI, `stripe: { key }` → STRIPE.
  for (const around of [where.callee, where.owners?.[where.owners.length - 1]]) {
    const last = around?.slice(around.lastIndexOf('.') + 1);
    if (last && !isGenericName(last) && !CALL_VERBS.test(last)) out.push(toEnvName(last));
  }
  return out.filter((d) => /^[A-Z][A-Z0-9_]*$/.test(d));
}

/**
 * The name a fix may give `value` in this file without merging it with another: the first of `name` and its
 * distinguished forms (ANALYTICS_DATABASE_URL) that no other value of the file took and the file does not already
 * read. `preferred` is false when every candidate is taken: the fix is then offered only as a suggestion, never
 * applied by fix-all. Names are claimed per file, in the order rules judge their literals.
 */
export function claimEnvName(
  context: { memo<T>(key: string, compute: () => T): T; readEnvNames(): ReadonlySet<string> },
  name: string,
  literal: { value: string; callee?: string; owners?: readonly string[] },
): { name: string; preferred: boolean } {
  const claimed = context.memo('engine.envNames.claimed', () => new Map<string, { value: string; traits: string[] }>());
  const value = literal.value;
  const traits = distinguishers(value, literal);
  const first = name.split('_')[0];
  // REDIS_QUEUE + REDIS_URL → REDIS_QUEUE_URL; ANALYTICS + DATABASE_URL → ANALYTICS_DATABASE_URL.
  const qualify = (d: string) => (name.startsWith(`${d}_`) ? name : d.startsWith(`${first}_`) ? `${d}_${name.slice(first.length + 1)}` : `${d}_${name}`);
  // What tells this value from the one holding the plain name comes first (replica.acme.io/app vs db.acme.io/app:
  // the host, not the shared database name).
  const holder = claimed.get(name);
  const ordered = holder ? [...traits.filter((d) => !holder.traits.includes(d)), ...traits] : traits;
  for (const candidate of [name, ...ordered.map(qualify)]) {
    const owner = claimed.get(candidate);
    if (owner?.value === value) return { name: candidate, preferred: true };
    if (owner === undefined && !context.readEnvNames().has(candidate)) {
      claimed.set(candidate, { value, traits });
      return { name: candidate, preferred: true };
    }
  }
  return { name, preferred: false };
}
