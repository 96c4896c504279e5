import rule from '../../server/src/rules/no-in-memory-session';
import { CLEAN_APPS } from '../support/cleanApps';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    // Whole files of a twelve-factor-clean app.
    ...CLEAN_APPS,
    // A store backed by a service.
    "const session = require('express-session');\nconst RedisStore = require('connect-redis').default;\napp.use(session({ store: new RedisStore({ client }), secret: process.env.SESSION_SECRET }));",
    "import session from 'express-session';\nimport MongoStore from 'connect-mongo';\napp.use(session({ secret, store: MongoStore.create({ mongoUrl: process.env.MONGO_URL }) }));",
    // Options built elsewhere or spread in: the store may be there, so unknown means silent.
    "const session = require('express-session');\napp.use(session(sessionOptions()));",
    "const session = require('express-session');\napp.use(session({ ...baseOptions, secret }));",
    "const session = require('express-session');\nconst options = { secret, store: redisStore };\napp.use(session(options));",
    // Options completed after their declaration, as in express-session's README (`sess.cookie.secure = true`).
    "const session = require('express-session');\nconst sess = { secret, cookie: {} };\nif (app.get('env') === 'production') sess.cookie.secure = true;\nsess.store = new RedisStore({ client });\napp.use(session(sess));",
    "const fastifySession = require('@fastify/session');\nconst opts = { secret };\nopts['store'] = new RedisStore({ client });\nfastify.register(fastifySession, opts);",
    // A memory store chosen only outside production.
    "const session = require('express-session');\napp.use(session({ secret, store: process.env.NODE_ENV === 'production' ? new RedisStore({ client }) : new session.MemoryStore() }));",
    { code: "if DEBUG:\n    SESSION_TYPE = 'filesystem'\nelse:\n    SESSION_TYPE = 'redis'\n", language: 'python' },
    // A FileStore that is not session-file-store's.
    "const session = require('express-session');\nconst { FileStore } = require('./stores');\napp.use(session({ store: new FileStore(), secret }));",
    // Stateless cookie sessions are not in memory.
    "const cookieSession = require('cookie-session');\napp.use(cookieSession({ name: 'session', keys }));",
    // A `session()` or `MemoryStore` that is not express-session's.
    "import { session } from './auth';\napp.use(session({ secret }));",
    'class MemoryStore {}\nconst cache = new MemoryStore();',
    "import { MemoryStore } from './cache';\nconst store = new MemoryStore();",
    // fastify session with a store; other fastify plugins.
    "const fastifySession = require('@fastify/session');\nfastify.register(fastifySession, { secret, store: new RedisStore({ client }) });",
    "fastify.register(require('@fastify/cookie'));",
    // Unfinished code while typing: no crash, no finding.
    "const session = require('express-session');\napp.use(session({ store: ",
    { code: "app.config['SESSION_TYPE'] = \n", language: 'python' },
    // Python: service-backed session types, env-chosen types, other settings.
    { code: "app.config['SESSION_TYPE'] = 'redis'\n", language: 'python' },
    { code: "SESSION_TYPE = os.environ.get('SESSION_TYPE', 'filesystem')\n", language: 'python' },
    { code: "SESSION_ENGINE = 'django.contrib.sessions.backends.db'\n", language: 'python' },
    { code: "CACHE_TYPE = 'filesystem'\n", language: 'python' },
    { code: "SESSION_TYPE = 'cachelib'\nSESSION_CACHELIB = RedisCache(host=os.environ['REDIS_HOST'])\n", language: 'python' },
    { code: "CACHE = FileSystemCache('/var/cache/app')\n", language: 'python' },
    { code: "print('SESSION_TYPE', 'filesystem')\n", language: 'python' },
  ],
  invalid: [
    {
      code: "const session = require('express-session');\napp.use(session({ secret: process.env.SECRET, resave: false }));",
      errors: [{ messageId: 'missingStore', line: 2, column: 9, message: "express-session is set up without a 'store'" }],
      output: null,
    },
    {
      name: 'no options at all',
      code: "import session from 'express-session';\napp.use(session());",
      language: 'ts',
      errors: [{ messageId: 'missingStore', line: 2, column: 9 }],
    },
    {
      name: 'options in a constant of the same file',
      code: "const session = require('express-session');\nconst sess = { secret: 'x', cookie: {} };\napp.use(session(sess));",
      errors: [{ messageId: 'missingStore', line: 3, column: 9 }],
    },
    {
      name: 'session-file-store keeps sessions on the local disk',
      code: "const session = require('express-session');\nconst FileStore = require('session-file-store')(session);\napp.use(session({ store: new FileStore({ path: './sessions' }), secret }));",
      errors: [{ messageId: 'fileStore', line: 3, column: 26, message: 'new FileStore() (session-file-store)' }],
    },
    {
      code: "import session from 'express-session';\nimport sessionFileStore from 'session-file-store';\nconst Store = sessionFileStore(session);\napp.use(session({ store: new Store(), secret }));",
      language: 'ts',
      errors: [{ messageId: 'fileStore', line: 4, column: 26 }],
    },
    {
      name: 'options completed later, but not with a store',
      code: "const session = require('express-session');\nconst sess = { secret, cookie: {} };\nsess.cookie.secure = true;\nother.store = redisStore;\napp.use(session(sess));",
      errors: [{ messageId: 'missingStore', line: 5, column: 9 }],
    },
    {
      code: "app.use(require('express-session')({ secret }));",
      errors: [{ messageId: 'missingStore', line: 1, column: 9 }],
    },
    {
      name: "express-session's own MemoryStore, passed as the store",
      code: "const session = require('express-session');\napp.use(session({ secret, store: new session.MemoryStore() }));",
      errors: [{ messageId: 'memoryStore', line: 2, column: 34, message: 'new session.MemoryStore()' }],
    },
    {
      code: "import session, { MemoryStore } from 'express-session';\nconst store = new MemoryStore();\napp.use(session({ secret, store }));",
      language: 'ts',
      errors: [{ messageId: 'memoryStore', line: 2, column: 15 }],
    },
    {
      name: 'the memorystore package, both ways of getting the class',
      code: "const session = require('express-session');\nconst MemoryStore = require('memorystore')(session);\napp.use(session({ store: new MemoryStore({ checkPeriod: 86400000 }), secret }));",
      errors: [{ messageId: 'memoryStore', line: 3, column: 26 }],
    },
    {
      code: "import session from 'express-session';\nimport createMemoryStore from 'memorystore';\nconst Store = createMemoryStore(session);\napp.use(session({ store: new Store(), secret }));",
      errors: [{ messageId: 'memoryStore', line: 4, column: 26, message: 'new Store()' }],
    },
    {
      code: "const fastifySession = require('@fastify/session');\nfastify.register(fastifySession, { secret: process.env.SECRET });",
      errors: [{ messageId: 'missingStore', line: 2, column: 18, message: '@fastify/session' }],
    },
    // Python
    {
      code: "from flask_session import Session\napp.config['SESSION_TYPE'] = 'filesystem'\nSession(app)\n",
      language: 'python',
      errors: [{ messageId: 'diskSession', line: 2, column: 30, message: "SESSION_TYPE = 'filesystem'" }],
    },
    {
      code: "class Config:\n    SESSION_TYPE = 'filesystem'\n",
      language: 'python',
      errors: [{ messageId: 'diskSession', line: 2, column: 20 }],
    },
    {
      code: "app.config.update(SECRET_KEY=key, SESSION_TYPE='filesystem')\napp.config.from_mapping({'SESSION_TYPE': 'filesystem'})\n",
      language: 'python',
      errors: [{ messageId: 'diskSession', line: 1, column: 48 }, { messageId: 'diskSession', line: 2, column: 42 }],
    },
    {
      name: 'Flask-Session 0.7+: cachelib on the file system',
      code: "from cachelib.file import FileSystemCache\nSESSION_TYPE = 'cachelib'\nSESSION_CACHELIB = FileSystemCache(cache_dir='flask_session', threshold=500)\n",
      language: 'python',
      errors: [{ messageId: 'diskSession', line: 3, column: 20, message: 'SESSION_CACHELIB = FileSystemCache(…)' }],
    },
    {
      code: "SESSION_ENGINE = 'django.contrib.sessions.backends.file'\n",
      language: 'python',
      errors: [{ messageId: 'diskSession', line: 1, column: 18 }],
    },
  ],
});
