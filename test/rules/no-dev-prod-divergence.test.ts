import rule from '../../server/src/rules/no-dev-prod-divergence';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    // Same database everywhere, configured by the environment.
    "const sequelize = new Sequelize(process.env.DATABASE_URL, { dialect: 'postgres' });",
    // A branch on NODE_ENV that does not pick a database.
    "const level = process.env.NODE_ENV === 'production' ? 'warn' : 'debug';",
    // Both arms use the same kind of database.
    "const url = process.env.NODE_ENV === 'production' ? 'postgres://db.internal/app' : 'postgres://localhost/app';",
    // SQLite in both arms (an embedded-SQLite app is consistent).
    "const file = isProduction ? '/data/app.sqlite3' : 'sqlite::memory:';",
    // A test-only in-memory database is a testing decision, not a dev/prod gap.
    "const url = process.env.NODE_ENV === 'test' ? 'sqlite::memory:' : process.env.DATABASE_URL;",
    // A branch on something else (a feature flag).
    "const db = useCache ? new Database('sqlite::memory:') : pg(process.env.DATABASE_URL);",
    // if without else: nothing to compare.
    "if (process.env.NODE_ENV !== 'production') { config.storage = 'sqlite::memory:'; }",
    // Python: DATABASES from dj_database_url everywhere.
    { code: "DATABASES = {'default': dj_database_url.config()}\n", language: 'python' },
    { code: "if DEBUG:\n    LOGGING['level'] = 'DEBUG'\nelse:\n    LOGGING['level'] = 'INFO'\n", language: 'python' },
    { code: "if os.environ.get('APP_ENV') == 'testing':\n    DB = 'sqlite://'\nelse:\n    DB = os.environ['DATABASE_URL']\n", language: 'python', name: 'test-only branch' },
    // Self-referencing and mutually referencing names must not send the const lookup into a loop.
    "var isProd = isProd || process.env.NODE_ENV === 'production';\nconst url = isProd ? 'postgres://db/app' : 'postgres://localhost/app';",
    "const a = b; const b = a;\nconst url = a ? 'sqlite::memory:' : 'sqlite://dev.db';",
    // A cache, not the database: Redis in one arm is not "another database".
    "const cache = process.env.NODE_ENV === 'production' ? new Keyv(process.env.REDIS_URL) : new Keyv('sqlite://cache.sqlite');",
    // A `Database` class that is not a SQLite driver's; a SQLite connection in both arms.
    "const { Database } = require('./db');\nconst db = isProd ? new Pool({ connectionString: process.env.DATABASE_URL }) : new Database('dev.sqlite');",
    { code: "import sqlite3\nconn = sqlite3.connect('/data/app.db') if DEBUG else sqlite3.connect(os.environ['SQLITE_PATH'])\n", language: 'python' },
    // Not production code.
    { code: "const url = process.env.NODE_ENV === 'production' ? process.env.DATABASE_URL : 'sqlite::memory:';", path: 'test/db.js' },
  ],
  invalid: [
    {
      name: 'SQLite connections made with the driver (better-sqlite3, sqlite3, Python sqlite3.connect)',
      code: "const Database = require('better-sqlite3');\nconst sqlite3 = require('sqlite3');\nconst db = process.env.NODE_ENV === 'production'\n  ? new Pool({ connectionString: process.env.DATABASE_URL })\n  : new Database('dev.sqlite');\nconst legacy = isProd ? pg(process.env.DATABASE_URL) : new (sqlite3.verbose().Database)('./legacy.db');",
      errors: [{ messageId: 'divergentDatabase', line: 5, column: 5 }, { messageId: 'divergentDatabase', line: 6, column: 56 }],
    },
    {
      code: "import os, sqlite3, psycopg2\nif os.environ.get('APP_ENV') == 'production':\n    conn = psycopg2.connect(os.environ['DATABASE_URL'])\nelse:\n    conn = sqlite3.connect('dev.db')\n",
      language: 'python',
      errors: [{ messageId: 'divergentDatabase', line: 5, column: 12 }],
    },
    {
      name: 'ternary on NODE_ENV',
      code: "const url = process.env.NODE_ENV === 'production' ? process.env.DATABASE_URL : 'sqlite::memory:';",
      errors: [{ messageId: 'divergentDatabase', line: 1, column: 80, endColumn: 97, message: 'NODE_ENV uses an in-memory database' }],
    },
    {
      name: 'Sequelize dialects in if/else',
      code: "let sequelize;\nif (process.env.NODE_ENV === 'production') {\n  sequelize = new Sequelize(process.env.DATABASE_URL, { dialect: 'postgres' });\n} else {\n  sequelize = new Sequelize({ dialect: 'sqlite', storage: './dev.sqlite' });\n}",
      errors: [{ messageId: 'divergentDatabase', line: 5, column: 40, message: 'uses SQLite' }],
    },
    {
      name: 'knex client through an isProd const',
      code: "const isProd = process.env.APP_ENV === 'production';\nmodule.exports = isProd\n  ? { client: 'pg', connection: process.env.PG_CONNECTION }\n  : { client: 'sqlite3', connection: { filename: './dev.sqlite3' } };",
      errors: [{ messageId: 'divergentDatabase', line: 4, column: 15, message: 'isProd' }],
    },
    {
      name: 'TypeORM type, else-if chain',
      language: 'ts',
      code: "let options: DataSourceOptions;\nif (env === 'production') {\n  options = { type: 'postgres', url: process.env.DATABASE_URL };\n} else if (env === 'staging') {\n  options = { type: 'postgres', url: process.env.STAGING_DB };\n} else {\n  options = { type: 'sqlite', database: 'dev.db' };\n}",
      errors: [{ messageId: 'divergentDatabase', line: 7, column: 21 }],
    },
    {
      name: 'switch on NODE_ENV',
      code: "switch (process.env.NODE_ENV) {\n  case 'production':\n    url = 'mysql://db.internal/app';\n    break;\n  default:\n    url = 'sqlite:///tmp/dev.db';\n}",
      errors: [{ messageId: 'divergentDatabase', line: 6, column: 11 }],
    },
    {
      name: 'driver picked by a ternary inside the property',
      code: "module.exports = { client: process.env.NODE_ENV === 'production' ? 'pg' : 'sqlite3', connection: process.env.DATABASE_URL };",
      errors: [{ messageId: 'divergentDatabase', line: 1, column: 75 }],
    },
    {
      name: 'Python: dialect keyword picked by DEBUG',
      language: 'python',
      code: "engine = create_engine(url, dialect=('sqlite' if settings.DEBUG else 'postgresql'))\n",
      errors: [{ messageId: 'divergentDatabase', line: 1, column: 38, message: 'DEBUG' }],
    },
    {
      name: 'Django DEBUG branch',
      language: 'python',
      code: "if DEBUG:\n    DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': BASE_DIR / 'db.sqlite3'}}\nelse:\n    DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': os.environ['DB_NAME']}}\n",
      errors: [{ messageId: 'divergentDatabase', line: 2, column: 40, message: 'DEBUG' }],
    },
    {
      name: 'Flask conditional expression on FLASK_ENV',
      language: 'python',
      code: "app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///dev.db' if os.getenv('FLASK_ENV') == 'development' else os.environ['DATABASE_URL']\n",
      errors: [{ messageId: 'divergentDatabase', line: 1, column: 41, message: 'FLASK_ENV' }],
    },
    {
      name: 'Python elif chain with dj_database_url',
      language: 'python',
      code: "if os.environ['APP_ENV'] == 'production':\n    DATABASES = {'default': dj_database_url.config()}\nelif os.environ['APP_ENV'] == 'staging':\n    DATABASES = {'default': dj_database_url.config()}\nelse:\n    DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3'}}\n",
      errors: [{ messageId: 'divergentDatabase', line: 6, column: 40, message: 'APP_ENV' }],
    },
  ],
});
