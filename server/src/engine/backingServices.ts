/**
 * Classifies one string value as a backing-service locator (factor IV): a URL such as `postgres://app:pw@db/app`, a
 * JDBC URL, a libpq key=value DSN (`host=db password=pw`) or an ADO.NET / Azure connection string
 * (`Server=db;Password=pw`). Pure string work on a literal's value; the rules decide what to report.
 *
 * Decisions (see docs/rules/no-hardcoded-backing-service-url.md):
 * - Plain http(s)/ftp URLs are never backing services; they only matter when they carry a password.
 * - Local hosts are not deployment config: localhost (and *.localhost), 127.0.0.0/8, ::1, 0.0.0.0,
 *   host.docker.internal, *.local, *.localdomain, the reserved example/test/invalid names, the documentation
 *   address ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32), and single-label names
 *   (`db`, `redis`, `mongo`), which only resolve inside a docker-compose or dev network. Anchored: `localhost.evil.com`
 *   is a real host.
 */
import { isPlaceholder, isTemplatePlaceholder } from './placeholders';

export type BackingServiceForm = 'url' | 'jdbc' | 'keyValue' | 'connectionString';

export interface BackingService {
  form: BackingServiceForm;
  /** Normalised service: postgres, mysql, mariadb, mssql, oracle, mongodb, redis, amqp, kafka, nats, memcached,
   * ldap, smtp, clickhouse, neo4j, cassandra, couchbase, azure-storage, azure-servicebus, http, ftp. */
  service: string;
  /** The scheme as written, lower case (`postgresql+psycopg2`, `jdbc:mysql`, `mongodb+srv`); '' for DSNs. */
  scheme: string;
  hosts: string[];
  user?: string;
  /** The raw password, only when it is real (not a placeholder). Never print it: use `masked`. */
  password?: string;
  /** A password-like field is present but holds a placeholder (`${PW}`, `<password>`, user = password…). */
  placeholderPassword: boolean;
  /** Every host is local or reserved (or a placeholder, or there is none). */
  localOnly: boolean;
  /** The value with the password replaced by `****`. */
  masked: string;
  /** False for http(s)/ftp: those are reported only for their credentials, never as backing services. */
  isBackingService: boolean;
}

/** Scheme (after stripping a SQLAlchemy `+driver`) → service. */
const SCHEMES: Record<string, string> = {
  postgres: 'postgres', postgresql: 'postgres', pgsql: 'postgres', postgis: 'postgres', cockroachdb: 'postgres',
  cockroach: 'postgres', timescaledb: 'postgres', redshift: 'postgres',
  mysql: 'mysql', mysql2: 'mysql', mysqlx: 'mysql', mariadb: 'mariadb',
  mssql: 'mssql', sqlserver: 'mssql', oracle: 'oracle',
  mongodb: 'mongodb', 'mongodb+srv': 'mongodb',
  redis: 'redis', rediss: 'redis', 'redis+sentinel': 'redis', valkey: 'redis', valkeys: 'redis',
  amqp: 'amqp', amqps: 'amqp', kafka: 'kafka', 'kafka+ssl': 'kafka', nats: 'nats',
  memcached: 'memcached', memcache: 'memcached', ldap: 'ldap', ldaps: 'ldap', smtp: 'smtp', smtps: 'smtp',
  clickhouse: 'clickhouse', neo4j: 'neo4j', 'neo4j+s': 'neo4j', 'neo4j+ssc': 'neo4j', bolt: 'neo4j', 'bolt+s': 'neo4j',
  cassandra: 'cassandra', couchbase: 'couchbase', couchbases: 'couchbase',
  http: 'http', https: 'http', ftp: 'ftp', ftps: 'ftp', sftp: 'ftp',
};

const NOT_BACKING = new Set(['http', 'ftp']);
const MASK = '****';

const LOCAL_NAMES = new Set(['localhost', '0.0.0.0', '::1', '::', 'host.docker.internal', 'gateway.docker.internal', 'example.com', 'example.org', 'example.net']);
const LOCAL_SUFFIXES = ['.localhost', '.local', '.localdomain', '.example', '.test', '.invalid', '.example.com', '.example.org', '.example.net'];

/** Local or reserved host names (see the module comment). Takes a bare host, without port or brackets. */
export function isLocalHost(rawHost: string): boolean {
  const host = rawHost.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === '' || isTemplatePlaceholder(host)) return true;
  if (LOCAL_NAMES.has(host)) return true;
  if (/^127(\.\d{1,3}){1,3}$/.test(host)) return true; // also the short forms 127.1 and 127.0.1 (inet_aton)
  // Documentation addresses (RFC 5737, RFC 3849), the IP counterpart of example.com.
  if (/^(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$/.test(host) || /^2001:0?db8:/.test(host)) return true;
  if (LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return true;
  if (/^[a-z0-9_-]+$/.test(host) && !/^\d+$/.test(host)) return true; // single label: compose / dev network
  return false;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function splice(value: string, start: number, end: number): string {
  return value.slice(0, start) + MASK + value.slice(end);
}

/** `h1:27017,[::1]:6379` → bare host names. */
function splitHosts(hostList: string): string[] {
  return hostList
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '')
    .map((h) => (h.startsWith('[') ? h.slice(1, h.indexOf(']') === -1 ? undefined : h.indexOf(']')) : h.replace(/:[^:]*$/, '')));
}

interface Secret {
  user?: string;
  password?: string;
  /** Offsets of the password in the whole value, for masking. */
  start: number;
  end: number;
}

function finish(
  value: string,
  base: Omit<BackingService, 'password' | 'placeholderPassword' | 'localOnly' | 'masked' | 'user'> & { user?: string },
  secret: Secret | undefined,
): BackingService {
  const rawPassword = secret?.password;
  const user = base.user ?? secret?.user;
  const present = rawPassword !== undefined && rawPassword !== '';
  const decoded = present ? decode(rawPassword) : undefined;
  const placeholder = present && (isPlaceholder(rawPassword) || isPlaceholder(decoded!) || (user !== undefined && decode(user) === decoded));
  return {
    ...base,
    user,
    password: present && !placeholder ? rawPassword : undefined,
    placeholderPassword: placeholder,
    localOnly: base.hosts.every(isLocalHost),
    masked: present && secret ? splice(value, secret.start, secret.end) : value,
  };
}

const PASSWORD_PARAM = /^(?:ssl)?(password|passwd|pass|pwd)$/i;
const USER_PARAM = /^(user|username|uid|user_?id)$/i;

/** `key=value` pairs of a query string or a `;`-separated tail, with offsets of each value. */
function params(text: string, offset: number, separator: RegExp): { key: string; value: string; start: number; end: number }[] {
  const out: { key: string; value: string; start: number; end: number }[] = [];
  let position = 0;
  for (const part of text.split(separator)) {
    const eq = part.indexOf('=');
    if (eq > 0) out.push({ key: part.slice(0, eq).trim(), value: part.slice(eq + 1), start: offset + position + eq + 1, end: offset + position + part.length });
    position += part.length + 1;
  }
  return out;
}

function parseUrl(value: string): BackingService | undefined {
  const match = /^(jdbc:)?([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(value);
  if (!match || /\s/.test(match[3].replace(/\{\{[^{}]*\}\}/g, 'T'))) return undefined; // spaces only inside {{ … }}
  const jdbc = match[1] !== undefined;
  const written = match[2].toLowerCase();
  const base = SCHEMES[written] ? written : written.replace(/\+[^]*$/, '');
  const service = SCHEMES[base];
  if (!service) return undefined;
  const restStart = value.length - match[3].length;
  const rest = match[3];
  // The userinfo ends at the last '@' of the authority. An '@' further on counts only when the text before it looks
  // like `user:password` (an unencoded '/' or '#' in a password); an '@' in the query (an e-mail) never does.
  const authorityEnd = rest.search(/[/?#]/) === -1 ? rest.length : rest.search(/[/?#]/);
  let at = rest.slice(0, authorityEnd).lastIndexOf('@');
  if (at === -1) {
    const beforeQuery = rest.indexOf('?') === -1 ? rest : rest.slice(0, rest.indexOf('?'));
    const late = beforeQuery.lastIndexOf('@');
    if (late !== -1 && /^[^/:@]*:/.test(beforeQuery)) at = late;
  }
  const userinfo = at === -1 ? undefined : rest.slice(0, at);
  const afterUser = userinfo === undefined ? rest : rest.slice(at + 1);
  const hostEnd = afterUser.search(/[/?#;]/);
  const hostList = hostEnd === -1 ? afterUser : afterUser.slice(0, hostEnd);
  const hosts = splitHosts(hostList);
  if (hosts.length === 0) return undefined;
  if (!hosts.every((h) => /^[\p{L}\p{N}\p{M}_.:%-]+$/u.test(h) || isTemplatePlaceholder(h) || /^[{<$]/.test(h))) return undefined;
  let secret: Secret | undefined;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    const user = colon === -1 ? userinfo : userinfo.slice(0, colon);
    if (colon !== -1) {
      secret = { user: decode(user), password: userinfo.slice(colon + 1), start: restStart + colon + 1, end: restStart + userinfo.length };
    } else {
      secret = { user: decode(user), start: 0, end: 0 };
    }
  }
  const tailOffset = restStart + (userinfo === undefined ? 0 : at + 1) + (hostEnd === -1 ? afterUser.length : hostEnd);
  const tail = value.slice(tailOffset);
  let user = secret?.user;
  for (const p of params(tail.replace(/^[^?;]*[?;]/, (m) => ' '.repeat(m.length)), tailOffset, /[&;]/)) {
    const key = p.key.trim();
    if (USER_PARAM.test(key) && !user) user = decode(p.value);
    if (PASSWORD_PARAM.test(key) && !secret?.password) secret = { user, password: p.value, start: p.start, end: p.end };
  }
  return finish(value, { form: jdbc ? 'jdbc' : 'url', service, scheme: (jdbc ? 'jdbc:' : '') + written, hosts, user, isBackingService: !NOT_BACKING.has(service) }, secret);
}

/** `jdbc:oracle:thin:user/pass@//host:1521/svc` and `jdbc:oracle:thin:@host:1521:sid`. */
function parseOracleThin(value: string): BackingService | undefined {
  const match = /^jdbc:oracle:thin:(?:([^/@\s]*)(?:\/([^@\s]*))?)?@(?:\/\/)?([A-Za-z0-9_.-]+)/i.exec(value);
  if (!match) return undefined;
  const user = match[1] || undefined;
  const password = match[2];
  const start = password === undefined ? 0 : 'jdbc:oracle:thin:'.length + (match[1] ?? '').length + 1;
  const secret: Secret | undefined = password === undefined ? undefined : { user, password, start, end: start + password.length };
  return finish(value, { form: 'jdbc', service: 'oracle', scheme: 'jdbc:oracle', hosts: [match[3]], user, isBackingService: true }, secret);
}

const LIBPQ_KEYS = new Set([
  'host', 'hostaddr', 'port', 'dbname', 'user', 'password', 'passfile', 'sslmode', 'connect_timeout', 'application_name',
  'options', 'sslrootcert', 'sslcert', 'sslkey', 'target_session_attrs', 'client_encoding', 'service', 'sslpassword',
  'gssencmode', 'keepalives', 'channel_binding',
]);

/** libpq `host=db.prod port=5432 dbname=app user=app password=secret` (values may be single-quoted). */
function parseKeyValue(value: string): BackingService | undefined {
  const pair = /\s*([a-z_]+)\s*=\s*('(?:\\.|[^'\\])*'|[^\s']*)/gy;
  const pairs: { key: string; value: string; start: number; end: number }[] = [];
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pair.exec(value)) !== null) {
    const raw = match[2];
    const end = pair.lastIndex;
    consumed = end;
    const quoted = raw.startsWith("'");
    pairs.push({ key: match[1].toLowerCase(), value: quoted ? raw.slice(1, -1) : raw, start: end - raw.length + (quoted ? 1 : 0), end: end - (quoted ? 1 : 0) });
  }
  if (value.slice(consumed).trim() !== '' || pairs.length < 2) return undefined;
  if (!pairs.every((p) => LIBPQ_KEYS.has(p.key)) || !pairs.some((p) => p.key === 'host' || p.key === 'hostaddr' || p.key === 'dbname')) return undefined;
  const get = (key: string) => pairs.find((p) => p.key === key);
  const hostPair = get('host') ?? get('hostaddr');
  const hosts = hostPair ? hostPair.value.split(',').filter((h) => h !== '') : [];
  const passwordPair = get('password');
  const user = get('user')?.value;
  const secret: Secret | undefined = passwordPair && { user, password: passwordPair.value, start: passwordPair.start, end: passwordPair.end };
  return finish(value, { form: 'keyValue', service: 'postgres', scheme: '', hosts, user, isBackingService: true }, secret);
}

const ADO_HOST_KEYS = new Set(['server', 'data source', 'datasource', 'address', 'addr', 'network address', 'host', 'hostname']);
const ADO_PASSWORD_KEYS = new Set(['password', 'pwd', 'accountkey', 'sharedaccesskey']);
const ADO_USER_KEYS = new Set(['user id', 'userid', 'uid', 'user', 'username', 'user name', 'accountname', 'sharedaccesskeyname']);

/** ADO.NET `Server=tcp:db.prod,1433;Database=app;User Id=sa;Password=pw;` and Azure storage / Service Bus strings. */
function parseConnectionString(value: string): BackingService | undefined {
  if (!value.includes(';') && !/^usedevelopmentstorage=true$/i.test(value.trim())) return undefined;
  const segments = params(value, 0, /;/);
  const nonEmpty = value.split(';').filter((s) => s.trim() !== '');
  if (nonEmpty.length !== segments.length) return undefined;
  const keys = segments.map((s) => s.key.toLowerCase());
  const get = (set: Set<string>) => segments.find((s) => set.has(s.key.toLowerCase()));
  let service: string;
  let hosts: string[];
  const endpoint = segments.find((s) => s.key.toLowerCase() === 'endpoint');
  if (keys.includes('usedevelopmentstorage')) {
    service = 'azure-storage';
    hosts = [];
  } else if (keys.includes('accountname') && (keys.includes('accountkey') || keys.includes('defaultendpointsprotocol'))) {
    service = 'azure-storage';
    hosts = [`${segments.find((s) => s.key.toLowerCase() === 'accountname')!.value.trim()}.core.windows.net`];
  } else if (endpoint && keys.some((k) => k.startsWith('sharedaccesskey'))) {
    service = 'azure-servicebus';
    hosts = [endpoint.value.trim().replace(/^[a-z]+:\/\//i, '').replace(/[/:][^]*$/, '')];
  } else {
    const hostSegment = get(ADO_HOST_KEYS);
    if (!hostSegment || segments.length < 2) return undefined;
    service = 'mssql';
    const raw = hostSegment.value.trim().replace(/^(tcp|np|lpc):/i, '').replace(/,\d+$/, '');
    const host = raw.split('\\')[0];
    hosts = [host === '.' || /^\(local(db)?\)$/i.test(host) ? 'localhost' : host.replace(/:\d+$/, '')];
  }
  const passwordSegment = get(ADO_PASSWORD_KEYS);
  const user = get(ADO_USER_KEYS)?.value.trim();
  const secret: Secret | undefined = passwordSegment && { user: service === 'mssql' ? user : undefined, password: passwordSegment.value.trim(), start: passwordSegment.start, end: passwordSegment.end };
  return finish(value, { form: 'connectionString', service, scheme: '', hosts, user, isBackingService: true }, secret);
}

/**
 * Classifies a whole string value (leading/trailing whitespace ignored). Returns undefined for anything that is not
 * a complete locator: prose, a bare scheme (`'postgres://'`), a URL with no host, an unknown scheme.
 */
export function classifyBackingService(value: string): BackingService | undefined {
  const trimmed = value.trim();
  // No upper length bound: padding a URL past a limit must not hide its password (every pattern here is linear).
  if (trimmed.length < 6 || /[\r\n]/.test(trimmed)) return undefined;
  const lead = value.length - value.trimStart().length;
  const shift = (result: BackingService | undefined) =>
    result && lead > 0 ? { ...result, masked: value.slice(0, lead) + result.masked + value.slice(lead + trimmed.length) } : result;
  if (/^jdbc:oracle:thin:/i.test(trimmed)) return shift(parseOracleThin(trimmed));
  if (/^(jdbc:)?[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return shift(parseUrl(trimmed));
  if (/^jdbc:/i.test(trimmed)) return undefined;
  if (/^[a-z_]+\s*=/i.test(trimmed) && !trimmed.includes(';')) {
    const dsn = parseKeyValue(trimmed);
    if (dsn) return shift(dsn);
  }
  if (/^[a-z][a-z ]*=/i.test(trimmed)) return shift(parseConnectionString(trimmed));
  return undefined;
}

const LABELS: Record<string, string> = {
  postgres: 'PostgreSQL', mysql: 'MySQL', mariadb: 'MariaDB', mssql: 'SQL Server', oracle: 'Oracle', mongodb: 'MongoDB',
  redis: 'Redis', amqp: 'AMQP', kafka: 'Kafka', nats: 'NATS', memcached: 'Memcached', ldap: 'LDAP', smtp: 'SMTP',
  clickhouse: 'ClickHouse', neo4j: 'Neo4j', cassandra: 'Cassandra', couchbase: 'Couchbase',
  'azure-storage': 'Azure Storage', 'azure-servicebus': 'Azure Service Bus', http: 'HTTP', ftp: 'FTP',
};

/** A human name for a service, for messages: 'postgres' → 'PostgreSQL'. */
export function serviceLabel(service: string): string {
  return LABELS[service] ?? service;
}
