/**
 * What every adapter's environment-branch extractor shares (see EnvBranch in engine/facts.ts): the names and values
 * that say "which deploy is this", and which strings name SQLite, an in-memory database or another database.
 */
import type { DatabaseUse } from '../facts';

/** Names of identifiers that stand for "which deploy is this". */
export const DEPLOY_FLAG = /^(?:is_?|IS_)?(?:prod|production|dev|development|debug|local|staging)(?:_?mode|_?env)?$|^__DEV__$/i;
const DEPLOY_VALUES = new Set(['production', 'prod', 'development', 'dev', 'develop', 'staging', 'local']);
const TEST_VALUES = new Set(['test', 'testing', 'ci']);

/** Environment variables that hold a database's address (`DATABASE_URL`, `PG_HOST`, `MONGO_URI`). */
export const DB_ENV_NAME = /(?:^|_)(?:DATABASE|DB|POSTGRES|POSTGRESQL|PG|MYSQL|MONGO|MONGODB)(?:_|$)/;

/**
 * The deploy check of a condition, from the first deploy variable or flag it reads (`found`) and the strings it
 * compares with (lower-cased): none when it only tells tests apart; `the environment` for a comparison
 * (`comparison`: the condition is itself one) with a deploy name and no named variable.
 */
export function deployCheck(found: string | undefined, compared: readonly string[], comparison: boolean): string | undefined {
  if (compared.length > 0 && compared.every((v) => TEST_VALUES.has(v))) return undefined;
  if (!found && compared.some((v) => DEPLOY_VALUES.has(v)) && comparison) return 'the environment';
  return found;
}

const SQLITE_VALUE = /^(?:sqlite3?|better-sqlite3|django\.db\.backends\.sqlite3|sqlite3?(?:\+\w+)?:.*)$/i;
const OTHER_DB_URL = /^(?:postgres(?:ql)?|postgis|mysql2?|mariadb|mongodb(?:\+srv)?|mssql|sqlserver|oracle|cockroachdb|redshift)(?:\+[\w]+)?:\/\//i;
const OTHER_DB_DRIVER = new Set(['postgres', 'postgresql', 'pg', 'mysql', 'mysql2', 'mariadb', 'mssql', 'oracledb', 'oracle', 'mongodb', 'cockroachdb', 'tedious']);
const DRIVER_KEYS = new Set(['dialect', 'client', 'type', 'driver', 'engine', 'provider', 'adapter']);
const OTHER_DJANGO_ENGINE = /^django(?:\.contrib\.gis)?\.db\.backends\.(?:postgresql|postgresql_psycopg2|postgis|mysql|oracle)$/;

/** The database a string names, given the key it is the value of (`dialect: 'pg'`, `'ENGINE': …`), if any. */
export function databaseOfString(value: string, key: string | undefined): DatabaseUse['kind'] | undefined {
  if (/^(?:sqlite3?:)?:memory:$/i.test(value) || /^file::memory:/i.test(value)) return 'memory';
  if (SQLITE_VALUE.test(value)) return 'sqlite';
  // A bare `dev.sqlite3` file name only counts as the value of a file/storage-like key.
  if (/\.sqlite3?$/i.test(value) && key !== undefined && /file|storage|name|path|database|db/i.test(key)) return 'sqlite';
  if (OTHER_DB_URL.test(value) || OTHER_DJANGO_ENGINE.test(value)) return 'other';
  if (key !== undefined && DRIVER_KEYS.has(key.toLowerCase()) && OTHER_DB_DRIVER.has(value.toLowerCase())) return 'other';
  return undefined;
}
