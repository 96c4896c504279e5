/**
 * The sessionStores and envBranches facts, as the adapters extract them. The rules' table tests cover what is
 * reported; these guard what the facts say beyond it: stores that are not judged (a backing service, unknown), and
 * which arm of a branch production runs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineRule } from '../../server/src/engine/defineRule';
import type { FactKind, FactKinds } from '../../server/src/engine/facts';
import { analyzeFile } from '../../server/src/engine/runner';

async function factsOf<K extends FactKind>(kind: K, path: string, text: string): Promise<FactKinds[K]> {
  let found: FactKinds[K] | undefined;
  const probe = defineRule({
    id: `probe-${kind.toLowerCase()}`,
    factor: null,
    defaultSeverity: 'warning',
    description: 'Test probe.',
    messages: {},
    uses: [kind],
    check: (c) => void (found = c.facts(kind)),
  });
  const result = await analyzeFile({ path, text }, { ruleSet: [probe] });
  assert.deepEqual(result.ruleErrors, []);
  return found!;
}

/** "site store name[=value][ nonProduction]: text" for each session store. */
async function stores(path: string, text: string): Promise<string[]> {
  return (await factsOf('sessionStores', path, text)).map(
    (s) => `${s.site} ${s.store} ${s.name}${s.value !== undefined ? `=${s.value}` : ''}${s.nonProduction ? ' nonProduction' : ''}: ${text.slice(s.range.start, s.range.end)}`,
  );
}

/** "check [production arm] | kind:text, … | …" for each branch. */
async function branches(path: string, text: string): Promise<string[]> {
  return (await factsOf('envBranches', path, text)).map(
    (b) =>
      `${b.check} [${b.productionArm ?? '?'}] ${b.arms.map((arm) => arm.databases.map((d) => `${d.kind}:${text.slice(d.range.start, d.range.end)}`).join(', ')).join(' | ')}`,
  );
}

describe('sessionStores', () => {
  it('JS: a middleware with a store passed is set up, its store not known', async () => {
    const code = "const session = require('express-session');\napp.use(session({ secret: 's', store: new RedisStore() }));\napp.use(session({ secret: 's' }));\n";
    assert.deepEqual(await stores('app.js', code), ['middleware unknown express-session: session', 'middleware memory express-session: session']);
  });

  it('JS: a store set up only outside production says so', async () => {
    const code = "import session from 'express-session';\nif (process.env.NODE_ENV !== 'production') app.use(session({}));\n";
    assert.deepEqual(await stores('app.ts', code), ['middleware memory express-session nonProduction: session']);
  });

  it('JS: no session module imported, no facts', async () => {
    assert.deepEqual(await stores('app.js', "const store = new MemoryStore();\n"), []);
  });

  it('Python: settings that choose a backing service, an unknown store, or the disk', async () => {
    const code = [
      "SESSION_TYPE = 'redis'",
      "SESSION_ENGINE = 'django.contrib.sessions.backends.cache'",
      "SESSION_CACHELIB = FileSystemCache('/tmp/sessions')",
      "SESSION_TYPE = FileSystemCache('/tmp/sessions')",
      "app.config['SESSION_TYPE'] = 'filesystem'",
      '',
    ].join('\n');
    assert.deepEqual(await stores('settings.py', code), [
      "setting service SESSION_TYPE='redis': 'redis'",
      "setting unknown SESSION_ENGINE='django.contrib.sessions.backends.cache': 'django.contrib.sessions.backends.cache'",
      "setting file SESSION_CACHELIB=FileSystemCache(…): FileSystemCache('/tmp/sessions')",
      "setting unknown SESSION_TYPE=FileSystemCache(…): FileSystemCache('/tmp/sessions')",
      "setting file SESSION_TYPE='filesystem': 'filesystem'",
    ]);
  });
});

describe('envBranches', () => {
  it('JS: which arm production runs, from the first condition', async () => {
    const code = [
      "const a = process.env.NODE_ENV === 'production' ? process.env.DATABASE_URL : 'sqlite://dev.db';",
      "let b;\nif (process.env.NODE_ENV !== 'production') { b = ':memory:'; } else { b = 'postgres://db/app'; }",
      "const c = isProd ? 'postgres://db/app' : 'sqlite3';",
      "switch (process.env.NODE_ENV) { case 'production': d = 'postgres://db/app'; break; default: d = 'sqlite::memory:'; }",
      '',
    ].join('\n');
    assert.deepEqual(await branches('db.ts', code), [
      'NODE_ENV [0] other:process.env.DATABASE_URL | sqlite:\'sqlite://dev.db\'',
      "NODE_ENV [1] memory:':memory:' | other:'postgres://db/app'",
      "isProd [?] other:'postgres://db/app' | sqlite:'sqlite3'",
      "NODE_ENV [?] other:'postgres://db/app' | memory:'sqlite::memory:'",
    ]);
  });

  it('JS: an if without an else, or a check that only tells tests apart, is no fact', async () => {
    const code = "if (process.env.NODE_ENV === 'production') db = 'postgres://db/app';\nconst x = process.env.NODE_ENV === 'test' ? ':memory:' : 'postgres://db/app';\n";
    assert.deepEqual(await branches('db.js', code), []);
  });

  it('Python: if/else on DEBUG and a keyed conditional expression', async () => {
    const code = [
      'if DEBUG:',
      "    DATABASE = 'sqlite:///dev.db'",
      'else:',
      "    DATABASE = os.environ['DATABASE_URL']",
      "engine = create_engine(dialect=('sqlite' if os.environ.get('FLASK_ENV') == 'development' else 'postgresql'))",
      "if ENV == 'test':\n    x = ':memory:'\nelse:\n    x = 'postgres://db/app'",
      '',
    ].join('\n');
    assert.deepEqual(await branches('settings.py', code), [
      "DEBUG [1] sqlite:'sqlite:///dev.db' | other:os.environ['DATABASE_URL']",
      "FLASK_ENV [1] sqlite:'sqlite' | other:'postgresql'",
    ]);
  });
});
