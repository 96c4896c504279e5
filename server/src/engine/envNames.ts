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

/**
 * The variable a literal should come from. Its own name wins when it is specific (`mongoUri` → MONGO_URI,
 * `SQLALCHEMY_DATABASE_URI` stays); otherwise the service's conventional name, else `base`.
 * Positional arguments and returned values have no name of their own. Undefined when nothing sensible can be said.
 */
export function envNameFor(literal: ConfigLiteral, hints: { service?: string; base?: string }): string | undefined {
  if (literal.kind !== 'argument' && literal.kind !== 'return' && !isGenericName(literal.name) && !/^(default|fallback)$/i.test(literal.name)) {
    const name = toEnvName(literal.name);
    if (/^[A-Z][A-Z0-9_]*$/.test(name)) return name;
  }
  if (hints.service) return serviceEnvName(hints.service);
  return hints.base;
}
