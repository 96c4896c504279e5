import rule from '../../server/src/rules/no-env-grouped-config';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    // One value per environment variable: the twelve-factor way.
    'module.exports = { databaseUrl: process.env.DATABASE_URL, port: process.env.PORT };',
    // Maps of non-config keyed by environment name: log levels, labels, webpack modes.
    "const levels = { development: 'debug', production: 'warn', test: 'silent' };\nlogger.level = levels[process.env.NODE_ENV];",
    "const labels = { dev: 'Development build', prod: 'Production build' };",
    "const modes = { development: 'development', production: 'production' };\nmodule.exports = { mode: modes[process.env.NODE_ENV] };",
    "const build = { development: { minify: false, sourcemap: true }, production: { minify: true } };",
    // Babel's env option, pino-style logger options and Vue CLI's dev/build sections are not deploy config.
    "module.exports = { env: { development: { plugins: ['react-refresh/babel'] }, production: { presets: [['minify', { builtIns: false }]] }, test: { plugins: ['istanbul'] } } };",
    "const options = { development: { level: 'debug', transport: { target: 'pino-pretty' } }, production: { level: 'info' } }[process.env.NODE_ENV];",
    "module.exports = { dev: { host: 'localhost', port: 8080, autoOpenBrowser: true }, build: { assetsRoot: 'dist' } };",
    // Only one environment key.
    "const overrides = { production: { url: 'https://api.example.com' } };",
    // Indexing something that is not config by NODE_ENV.
    "const banner = banners[process.env.NODE_ENV];",
    // webpack mode string from NODE_ENV
    "module.exports = { mode: process.env.NODE_ENV === 'production' ? 'production' : 'development' };",
    // Python: a map of log levels, a single config class, settings from the environment.
    { code: "LEVELS = {'development': 'DEBUG', 'production': 'WARNING'}\nlevel = LEVELS[os.environ['APP_ENV']]\n", language: 'python' },
    { code: "class Config:\n    DATABASE_URL = os.environ['DATABASE_URL']\n", language: 'python' },
    { code: "banner = BANNERS[os.environ['APP_ENV']]\n", language: 'python', name: 'indexing a non-config name' },
    { code: "class ProductionConfig(Config):\n    DEBUG = False\n", language: 'python', name: 'a single env class' },
    { code: "class TestConfig(Config):\n    TESTING = True\n\nclass DevelopmentConfig(Config):\n    DEBUG = True\n", language: 'python', name: 'env classes without any config' },
    // A test fixture is not production code.
    { code: "module.exports = { development: { host: 'localhost' }, production: { host: 'db.internal' } };", path: 'test/fixtures/config.js' },
  ],
  invalid: [
    {
      name: 'knexfile',
      code: "module.exports = {\n  development: { client: 'sqlite3', connection: { filename: './dev.sqlite3' } },\n  production: { client: 'pg', connection: process.env.DATABASE_URL },\n};",
      errors: [{ messageId: 'grouped', line: 2, column: 3, endColumn: 14, message: 'development, production' }],
    },
    {
      name: 'indexed by NODE_ENV through a const',
      code: "const env = process.env.NODE_ENV || 'development';\nconst configs = {\n  development: devConfig,\n  staging: stagingConfig,\n  production: prodConfig,\n};\nexport default configs[env];",
      errors: [{ messageId: 'groupedIndexed', line: 3, message: 'NODE_ENV' }],
    },
    {
      name: 'API base URLs per env, directly indexed',
      code: "const apiUrl = { dev: 'http://localhost:4000', prod: 'https://api.example.com' }[process.env.APP_ENV];",
      errors: [{ messageId: 'groupedIndexed', line: 1, column: 18, message: 'APP_ENV' }],
    },
    {
      name: 'string keys in TS',
      code: "const config: Record<string, Db> = { 'development': { host: 'localhost', port: 5432 }, 'test': { host: 'localhost', port: 5433 } };",
      language: 'ts',
      errors: [{ messageId: 'grouped', line: 1, column: 38 }],
    },
    {
      name: 'config file indexed by NODE_ENV',
      code: "const config = require('./config/database.json')[process.env.NODE_ENV];",
      errors: [{ messageId: 'indexedByEnv', line: 1, column: 16, message: 'NODE_ENV' }],
    },
    {
      name: 'sequelize-cli models/index.js',
      code: "const env = process.env.NODE_ENV || 'development';\nconst config = require(__dirname + '/../config/config.json')[env];",
      errors: [{ messageId: 'indexedByEnv', line: 2, column: 16, message: 'NODE_ENV' }],
    },
    {
      name: 'Python dict indexed by APP_ENV',
      language: 'python',
      code: "CONFIGS = {\n    'development': {'db_url': 'postgres://localhost/dev'},\n    'production': {'db_url': 'postgres://db.internal/app'},\n}\nconfig = CONFIGS[os.environ['APP_ENV']]\n",
      errors: [{ messageId: 'groupedIndexed', line: 2, column: 5, message: 'APP_ENV' }],
    },
    {
      name: 'Flask config classes',
      language: 'python',
      code: "class Config:\n    SECRET_KEY = os.environ.get('SECRET_KEY')\n\nclass DevelopmentConfig(Config):\n    SQLALCHEMY_DATABASE_URI = 'sqlite:///dev.db'\n\nclass ProductionConfig(Config):\n    SQLALCHEMY_DATABASE_URI = 'postgresql://db/app'\n\nconfig = {'development': DevelopmentConfig, 'production': ProductionConfig}\napp.config.from_object(config[os.getenv('FLASK_ENV', 'development')])\n",
      errors: [{ messageId: 'classes', line: 4, column: 7, message: 'DevelopmentConfig, ProductionConfig' }],
    },
    {
      name: 'Python config set imported from elsewhere',
      language: 'python',
      code: "from config import config\napp.config.from_object(config[os.getenv('FLASK_CONFIG') or 'default'])\n",
      errors: [{ messageId: 'indexedByEnv', line: 2, column: 24, message: 'FLASK_CONFIG' }],
    },
    {
      name: 'Python dict picked with .get(os.getenv(...))',
      language: 'python',
      code: "settings = {'dev': dev_settings, 'prod': prod_settings}.get(os.getenv('ENV'))\n",
      errors: [{ messageId: 'groupedIndexed', line: 1, column: 13, message: 'ENV' }],
    },
  ],
});
