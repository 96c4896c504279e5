import rule from '../../server/src/rules/no-hardcoded-backing-service-url';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    // Documentation addresses (RFC 3849/5737): URI test tables in libraries (httplib2's iri2uri).
    { code: "invariant = ['ftp://ftp.is.co.za/rfc/rfc1808.txt', 'ldap://[2001:db8::7]/c=GB?objectClass?one']\n", language: 'python' },
    "const replica = 'postgres://203.0.113.5:5432/app';",
    // Loopback in inet_aton's short form, seen in the wild.
    "var connectionString = 'mongodb://127.0.1:27017/capstone-db';",
    // Attached through the environment.
    'mongoose.connect(process.env.MONGODB_URL);',
    "const client = createClient({ url: process.env.REDIS_URL });",
    { code: "r = redis.Redis.from_url(os.environ['REDIS_URL'])\n", language: 'python' },
    // Local hosts: localhost, loopback, compose service names, reserved example domains.
    "mongoose.connect('mongodb://localhost:27017/app');",
    "const client = createClient({ url: 'redis://127.0.0.1:6379' });",
    "const client = createClient({ url: 'redis://[::1]:6379' });",
    "const conn = amqp.connect('amqp://rabbitmq:5672');",
    "const url = 'postgres://db:5432/app';",
    "const url = 'postgres://host.docker.internal:5432/app';",
    "const url = 'postgres://db.example.com/app';",
    "const url = 'nats://nats.test:4222';",
    "const url = 'memcached://cache.local:11211';",
    { code: "CACHES = {'default': {'BACKEND': 'django_redis.cache.RedisCache', 'LOCATION': 'redis://127.0.0.1:6379/1'}}\n", language: 'python' },
    // Environment fallbacks.
    "const url = process.env.REDIS_URL || 'redis://cache.acme.io:6379';",
    "const url = process.env.MONGODB_URL ?? 'mongodb://mongo.acme.io/app';",
    { code: "BROKER_URL = os.environ.get('BROKER_URL', 'amqp://rabbit.acme.io//')\n", language: 'python' },
    { code: "REDIS_URL = os.getenv('REDIS_URL', 'redis://cache.acme.io:6379')\n", language: 'python' },
    // Placeholders anywhere in the locator: a template, not an address.
    "const url = 'postgres://${DB_HOST}:5432/app';",
    "const url = 'postgres://app:${DB_PASSWORD}@db.acme.io/app';",
    "const url = 'mongodb+srv://<username>:<password>@cluster0.mongodb.net/test';",
    // Real passwords belong to no-credentials-in-url (reported there, as an error).
    "const url = 'postgres://app:s3cr3tPw@db.acme.io/app';",
    // Plain web URLs: documentation, schemas, APIs.
    "const docs = 'https://redis.io/docs/latest/commands/';",
    "const schema = 'http://json-schema.org/draft-07/schema#';",
    "fetch('https://api.acme.io/v1/items');",
    "const webhook = { url: 'https://hooks.acme.io/x' };",
    // Mentions of a scheme, and prose.
    "const bare = dsn.replace('mysql://', '');",
    "if (url.startsWith('rediss://')) tls = true;",
    "logger.info('connected to redis://cache.acme.io:6379');",
    "const hint = 'expected something like redis://cache.acme.io:6379';",
    { code: "if dsn.startswith('postgres://'):\n    dsn = dsn.replace('postgres://', 'postgresql://', 1)\n", language: 'python' },
    { code: "print('postgres://db.acme.io/app')\n", language: 'python' },
    { code: "# engine = create_engine('postgresql://db.acme.io/app')\n", language: 'python' },
    // Not production code.
    { code: "mongoose.connect('mongodb://mongo.acme.io/app');", path: 'src/__tests__/db.js' },
    { code: "r = redis.Redis.from_url('redis://cache.acme.io:6379')\n", language: 'python', path: 'tests/test_cache.py' },
    // Templates: part of the address comes from elsewhere.
    'const url = `redis://cache.acme.io:${port}/0`;',
    { code: "url = f'redis://cache.acme.io:{port}/0'\n", language: 'python' },
    // Not a locator: SQLite files and bare host names (a host alone is not a URL).
    "const url = 'sqlite:///data/app.db';",
    "const host = 'db.acme.io';",
  ],
  invalid: [
    {
      name: 'mongoose.connect on a real host',
      code: "mongoose.connect('mongodb://mongo.acme.io:27017/app');",
      errors: [{ messageId: 'hardcodedUrl', line: 1, column: 18, endColumn: 53, message: 'MongoDB address mongodb://mongo.acme.io:27017/app', envExample: ['MONGODB_URL'] }],
      output: 'mongoose.connect(process.env.MONGODB_URL);',
    },
    {
      name: 'redis createClient',
      code: "const client = createClient({ url: 'redis://cache.acme.io:6379' });",
      errors: [{ messageId: 'hardcodedUrl', column: 36, envExample: ['REDIS_URL'] }],
      output: 'const client = createClient({ url: process.env.REDIS_URL });',
    },
    {
      name: 'a private IP is a real host',
      code: "const pool = new Pool({ connectionString: 'postgres://app@10.0.3.7:5432/app' });",
      errors: [{ messageId: 'hardcodedUrl', message: 'PostgreSQL' }],
      output: 'const pool = new Pool({ connectionString: process.env.DATABASE_URL });',
    },
    {
      name: 'localhost.evil.com is not local',
      code: "const cacheUrl = 'redis://localhost.evil.com:6379';",
      errors: [{ messageId: 'hardcodedUrl', envExample: ['CACHE_URL'] }],
      output: 'const cacheUrl = process.env.CACHE_URL;',
    },
    {
      name: 'Kafka brokers in an array',
      code: "const kafka = new Kafka({ brokers: ['kafka://broker-1.acme.io:9092'] });",
      errors: [{ messageId: 'hardcodedUrl', envExample: ['KAFKA_URL'] }],
      output: 'const kafka = new Kafka({ brokers: [process.env.KAFKA_URL] });',
    },
    {
      name: 'TypeScript class field',
      language: 'ts',
      code: "class Mailer {\n  private readonly smtpUrl = 'smtps://smtp.acme.io:465';\n}",
      errors: [{ messageId: 'hardcodedUrl', line: 2, column: 30, envExample: ['SMTP_URL'] }],
      output: 'class Mailer {\n  private readonly smtpUrl = process.env.SMTP_URL;\n}',
    },
    {
      name: 'ADO.NET without a password (integrated security) on a real server',
      code: "const cs = 'Server=sql.acme.io;Database=app;Integrated Security=true';",
      errors: [{ messageId: 'hardcodedUrl', message: 'SQL Server' }],
      output: 'const cs = process.env.DATABASE_URL;',
    },
    {
      name: 'a dummy password does not make a real host local',
      code: "const broker = amqp.connect('amqp://guest:guest@rabbit.acme.io:5672');",
      errors: [{ messageId: 'hardcodedUrl', message: 'amqp://guest:****@rabbit.acme.io:5672', envExample: ['AMQP_URL'] }],
      output: 'const broker = amqp.connect(process.env.AMQP_URL);',
    },
    // Python
    {
      name: 'redis.Redis.from_url',
      language: 'python',
      code: "import os\nr = redis.Redis.from_url('redis://cache.acme.io:6379/0')\n",
      errors: [{ messageId: 'hardcodedUrl', line: 2, column: 26, envExample: ['REDIS_URL'] }],
      output: "import os\nr = redis.Redis.from_url(os.environ[\"REDIS_URL\"])\n",
    },
    {
      name: 'Celery broker setting keeps its name',
      language: 'python',
      code: "import os\nCELERY_BROKER_URL = 'amqp://rabbit.acme.io:5672//'\n",
      errors: [{ messageId: 'hardcodedUrl', line: 2, envExample: ['CELERY_BROKER_URL'] }],
      output: "import os\nCELERY_BROKER_URL = os.environ[\"CELERY_BROKER_URL\"]\n",
    },
    {
      name: 'Django CACHES LOCATION on a real host, no import os yet',
      language: 'python',
      code: "CACHES = {\n    'default': {\n        'BACKEND': 'django_redis.cache.RedisCache',\n        'LOCATION': 'redis://cache.acme.io:6379/1',\n    }\n}\n",
      errors: [{ messageId: 'hardcodedUrl', line: 4, column: 21, envExample: ['REDIS_URL'] }],
      output: "import os\nCACHES = {\n    'default': {\n        'BACKEND': 'django_redis.cache.RedisCache',\n        'LOCATION': os.environ[\"REDIS_URL\"],\n    }\n}\n",
    },
    {
      name: 'MongoClient keyword host',
      language: 'python',
      code: "import os\nclient = MongoClient(host='mongodb://mongo.acme.io:27017')\n",
      errors: [{ messageId: 'hardcodedUrl', envExample: ['MONGODB_URL'] }],
      output: "import os\nclient = MongoClient(host=os.environ[\"MONGODB_URL\"])\n",
    },
  ],
});
