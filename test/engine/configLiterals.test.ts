/**
 * The shared config-literal finder and the env-name helpers: what counts as a config literal, the name and call
 * it is attached to, and which literals are environment fallbacks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfigLiteral } from '../../server/src/engine/facts';
import { defineRule } from '../../server/src/engine/defineRule';
import { envNameFor, isGenericName, qualifiedEnvName, serviceEnvName, toEnvName } from '../../server/src/engine/envNames';
import { analyzeFile } from '../../server/src/engine/runner';

async function literalsOf(path: string, text: string): Promise<ConfigLiteral[]> {
  let found: ConfigLiteral[] = [];
  const probe = defineRule({
    id: 'probe-config-literals',
    factor: 'III',
    defaultSeverity: 'warning',
    description: 'Test probe.',
    messages: {},
    uses: ['configLiterals'],
    check: (c) => void (found = c.facts('configLiterals')),
  });
  const result = await analyzeFile({ path, text }, { ruleSet: [probe] });
  assert.deepEqual(result.ruleErrors, []);
  return found;
}

/** value → "kind name [callee#index] <owners> fallback?" */
const summary = (l: ConfigLiteral) =>
  `${l.kind} ${l.name}${l.callee && l.kind !== 'argument' ? ` @${l.callee}` : ''}${l.argumentIndex !== undefined ? `#${l.argumentIndex}` : ''}${l.owners.length ? ` <${l.owners.join('/')}>` : ''}${l.envFallback ? ' fallback' : ''}`;

async function table(path: string, text: string): Promise<Record<string, string>> {
  return Object.fromEntries((await literalsOf(path, text)).map((l) => [l.value, summary(l)]));
}

describe('configLiterals: JavaScript / TypeScript', () => {
  it('names each literal by its variable, property, key, parameter or callee', async () => {
    assert.deepEqual(
      await table(
        'src/a.ts',
        [
          "const databaseUrl = 'v1';",
          "mongoose.connect('v2', { user: 'v3' });",
          "app.use(session({ cookie: { domain: 'v4' } }));",
          "module.exports = { db: { connection: { password: 'v5' } } };",
          "process.env.FOO = 'v6';",
          "cfg['KEY'] = 'v7';",
          "function f(url = 'v8') {}",
          "class A { private secret = 'v9'; }",
          "const hosts = ['v10', 'v11'];",
          'const t = `v12`;',
          "function u() { return 'v13'; }",
          "const w = () => 'v14';",
          "const x = () => process.env.X || 'v15';",
        ].join('\n'),
      ),
      {
        v1: 'variable databaseUrl',
        v2: 'argument mongoose.connect#0',
        v3: 'property user @mongoose.connect',
        v4: 'property domain @session <cookie>',
        v5: 'property password <module.exports/db/connection>',
        v6: 'property FOO <process.env>',
        v7: 'key KEY <cfg>',
        v8: 'default url',
        v9: 'property secret <A>',
        v10: 'variable hosts',
        v11: 'variable hosts',
        v12: 'variable t',
        v13: 'return return',
        v14: 'return return',
        v15: 'return return fallback',
      },
    );
  });
  it('marks environment fallbacks', async () => {
    const found = await table(
      'src/a.js',
      [
        "const a = process.env.A || 'f1';",
        "const b = process.env.B ?? 'f2';",
        "const c = process.env.C ? process.env.C : 'f3';",
        "const { D = 'f4' } = process.env;",
        "const e = config.get('e', 'f5');",
        "const f = z.string().default('f6');",
        "const g = { doc: 'x', default: 'f7', env: 'G' };",
        "const h = import.meta.env.VITE_H || 'f8';",
        "const i = isProd ? 'n1' : 'n2';",
        "const j = NODE_ENV === 'production' ? 'n3' : process.env.J;",
      ].join('\n'),
    );
    for (const v of ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'n3']) assert.match(found[v], /fallback$/, v);
    for (const v of ['n1', 'n2']) assert.doesNotMatch(found[v], /fallback/, v);
  });
  it('ignores what is not config', async () => {
    const found = await literalsOf(
      'src/a.ts',
      [
        "import x from 'm1';",
        "export * from 'm2';",
        "const y = require('m3');",
        "const z = await import('m4');",
        "type T = 'm5';",
        "let u: { a: 'm6' };",
        "s.replace('m7', '');",
        "url.startsWith('m8');",
        "console.log('m9');",
        "logger.info('m10');",
        "throw new Error('m11');",
        "if (a === 'm12') {}",
        "const o = { 'm13': 1 };",
        "// const c = 'm14';",
        "enum E { A = 'm15' }",
      ].join('\n'),
    );
    assert.deepEqual(found.map((l) => l.value), []);
  });
  it('collects the string values of the same object once, shared by its literals', async () => {
    const [user, password] = await literalsOf('src/a.js', "const db = { user: 'app', password: 'pw', port: 5432 };");
    assert.deepEqual(password.siblings, { user: 'app', password: 'pw' });
    // One map per object, not one per literal: building a map per entry was quadratic on big objects.
    assert.equal(user.siblings, password.siblings);
    const [a, b] = await literalsOf('app/settings.py', "DB = {'USER': 'app', 'PASSWORD': 'pw', 'PORT': 5432}\nconn = connect(user='app', password='pw')\n");
    assert.deepEqual(a.siblings, { USER: 'app', PASSWORD: 'pw' });
    assert.equal(a.siblings, b.siblings);
  });
});

describe('configLiterals: Python', () => {
  it('names each literal by its target, key, keyword, parameter or callee', async () => {
    assert.deepEqual(
      await table(
        'app/settings.py',
        [
          "SECRET_KEY = 'p1'",
          "DATABASES = {'default': {'PASSWORD': 'p2'}}",
          "engine = create_engine('p3', echo=True)",
          "conn = psycopg2.connect(host='p4')",
          "app.config['SECRET_KEY'] = 'p5'",
          "app.secret_key = 'p6' 'p7'",
          "def f(a='p8', *, b: str = 'p9'): pass",
          "x: str = 'p10'",
          "hosts = ['p11', ('p12')]",
          "def g():\n    return 'p13'",
          "def h():\n    return os.getenv('H') or 'p14'",
        ].join('\n'),
      ),
      {
        p1: 'variable SECRET_KEY',
        p2: 'key PASSWORD <DATABASES/default>',
        p3: 'argument create_engine#0',
        p4: 'keyword host @psycopg2.connect <conn>',
        p5: 'key SECRET_KEY <app.config>',
        p6p7: 'property secret_key <app>',
        p8: 'default a',
        p9: 'default b',
        p10: 'variable x',
        p11: 'variable hosts',
        p12: 'variable hosts',
        p13: 'return return',
        p14: 'return return fallback',
        H: 'argument os.getenv#0',
      },
    );
  });
  it('decodes escapes except in raw strings; renders f-string substitutions as ${…} and marks them', async () => {
    const found = await literalsOf('a.py', "a = 'x\\ty'\nb = r'x\\ty'\nc = f'{x}y'\nd = f'plain'\n");
    assert.deepEqual(found.map((l) => [l.name, l.value, l.template ?? false]), [['a', 'x\ty', false], ['b', 'x\\ty', false], ['c', '${x}y', true], ['d', 'plain', false]]);
  });
  it('renders JS template substitutions as ${…} and marks them; tagged templates are not config', async () => {
    const found = await literalsOf('a.js', 'const a = `p://${host}:1`;\nconst b = sql`select ${x}`;');
    assert.deepEqual(found.map((l) => [l.name, l.value, l.template ?? false]), [['a', 'p://${host}:1', true]]);
  });
  it('marks environment fallbacks', async () => {
    const found = await table(
      'a.py',
      [
        "a = os.environ.get('A', 'f1')",
        "b = os.getenv('B', 'f2')",
        "c = os.getenv('C') or 'f3'",
        "d = env('D', default='f4')",
        "e = config('E', default='f5')",
        "f = 'f6' if not os.environ.get('F') else os.environ['F']",
        "class S(BaseSettings):\n    g: str = 'f7'",
        "@click.option('--h', envvar='H', default='f8')\ndef h(): pass",
        "DATABASES = {'default': dj_database_url.config(default='f9')}",
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'f10')",
        "i = 'n1' if DEBUG else 'n2'",
        "class Config:\n    j = 'n3'",
        "def k(db: str = typer.Option('f11', envvar='DATABASE_URL')): pass",
      ].join('\n'),
    );
    for (const v of ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10', 'f11']) assert.match(found[v], /fallback$/, v);
    for (const v of ['n1', 'n2', 'n3']) assert.doesNotMatch(found[v], /fallback/, v);
  });
  it('ignores what is not config', async () => {
    const found = await literalsOf(
      'a.py',
      [
        '"""Module docstring m1."""',
        "import m2",
        "print('m3')",
        "logging.info('m4')",
        "s.replace('m5', '')",
        "url.startswith('m6')",
        "raise ValueError('m7')",
        "if a == 'm8': pass",
        "# x = 'm9'",
        "d = {'m10': 1}",
        "re.compile('m11')",
      ].join('\n'),
    );
    assert.deepEqual(found.map((l) => l.value), []);
  });
});

describe('envNames', () => {
  const names: [string, string][] = [
    ['databaseUrl', 'DATABASE_URL'], ['mongoUri', 'MONGO_URI'], ['SECRET_KEY', 'SECRET_KEY'], ['APIKey', 'API_KEY'],
    ['redis-url', 'REDIS_URL'], ['sqlalchemy.database_uri', 'SQLALCHEMY_DATABASE_URI'], ['clientSecret2', 'CLIENT_SECRET_2'],
  ];
  for (const [name, env] of names) it(`toEnvName(${name}) = ${env}`, () => assert.equal(toEnvName(name), env));
  it('service names', () => {
    assert.deepEqual(['postgres', 'mysql', 'mongodb', 'redis', 'amqp', 'kafka'].map(serviceEnvName), ['DATABASE_URL', 'DATABASE_URL', 'MONGODB_URL', 'REDIS_URL', 'AMQP_URL', 'KAFKA_URL']);
  });
  it('generic names defer to the service', () => {
    for (const name of ['url', 'uri', 'dsn', 'connectionString', 'connection_string', 'host', 'x', 'db', 'password']) assert.ok(isGenericName(name), name);
    for (const name of ['databaseUrl', 'redisUrl', 'apiKey', 'SECRET_KEY']) assert.ok(!isGenericName(name), name);
  });
  const literal = (over: Partial<ConfigLiteral>): ConfigLiteral => ({ value: '', range: { start: 0, end: 0 }, kind: 'property', name: 'url', owners: [], siblings: {}, envFallback: false, ...over });
  it('envNameFor prefers a specific own name, then the service, then the base', () => {
    assert.equal(envNameFor(literal({ name: 'mongoUri' }), { service: 'mongodb' }), 'MONGO_URI');
    assert.equal(envNameFor(literal({ name: 'url' }), { service: 'redis' }), 'REDIS_URL');
    assert.equal(envNameFor(literal({ kind: 'argument', name: 'mongoose.connect' }), { service: 'mongodb' }), 'MONGODB_URL');
    assert.equal(envNameFor(literal({ name: 'secret' }), { base: 'SESSION_SECRET' }), 'SESSION_SECRET');
    assert.equal(envNameFor(literal({ name: 'url' }), {}), undefined);
  });
  it('qualifies bare secret names by where they sit', () => {
    assert.equal(qualifiedEnvName('PASSWORD', { owners: ['module.exports', 'connection'], callee: 'knex' }), 'DB_PASSWORD');
    assert.equal(qualifiedEnvName('PASSWORD', { owners: ['DATABASES', 'default'] }), 'DB_PASSWORD');
    assert.equal(qualifiedEnvName('PASSWORD', { owners: [], callee: 'redis.Redis' }), 'REDIS_PASSWORD');
    assert.equal(qualifiedEnvName('PASSWORD', { owners: ['auth'], callee: 'nodemailer.createTransport' }), 'SMTP_PASSWORD');
    assert.equal(qualifiedEnvName('TOKEN', { owners: ['github'] }), 'TOKEN');
  });
});
