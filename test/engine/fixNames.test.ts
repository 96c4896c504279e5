/**
 * Fixes never merge different things: two values of one kind in one file get two variables (named by what tells
 * them apart), a value read under a name the file already reads for something else is renamed, the same value
 * twice shares its name, and when nothing tells two values apart the second fix is only a suggestion, which
 * fix-all (the preferred fixes) never applies.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../server/src/engine/runner';
import { applyEdits, uniqueEdits } from '../../server/src/engine/text';

async function fixAll(path: string, text: string): Promise<{ output: string; names: (string | undefined)[]; suggestions: string[] }> {
  const { findings } = await analyzeFile({ path, text });
  const edits = uniqueEdits(findings.flatMap((f) => f.fix?.edits ?? []));
  return {
    output: applyEdits(text, edits),
    names: findings.map((f) => f.fix?.envExample?.[0]),
    suggestions: findings.flatMap((f) => (f.suggestions ?? []).map((s) => s.title)),
  };
}

const cases: { name: string; path: string; code: string; output: string; suggestions?: string[] }[] = [
  {
    name: 'two pools for two databases (the orders and the analytics database)',
    path: 'src/db.js',
    code: [
      "const orders = new Pool({ connectionString: 'postgres://app:Ord3rs-pw@db.acme-corp.net:5432/orders' });",
      "const analytics = new Pool({ connectionString: 'postgres://app:An4lyt-pw@db.acme-corp.net:5432/analytics' });",
    ].join('\n'),
    output: [
      'const orders = new Pool({ connectionString: process.env.DATABASE_URL });',
      'const analytics = new Pool({ connectionString: process.env.ANALYTICS_DATABASE_URL });',
    ].join('\n'),
  },
  {
    name: 'the same value twice shares one variable',
    path: 'src/db.js',
    code: "const a = connect('redis://cache.acme-corp.net:6379');\nconst b = connect('redis://cache.acme-corp.net:6379');",
    output: 'const a = connect(process.env.REDIS_URL);\nconst b = connect(process.env.REDIS_URL);',
  },
  {
    name: 'a name the file already reads for something else is not reused',
    path: 'app/settings.py',
    code: "import os\nPRIMARY = os.environ['DATABASE_URL']\ndef reports():\n    return connect('postgresql://rep:R3ports-pw@reports.acme-corp.net/warehouse')\n",
    output: "import os\nPRIMARY = os.environ['DATABASE_URL']\ndef reports():\n    return connect(os.environ[\"WAREHOUSE_DATABASE_URL\"])\n",
  },
  {
    name: 'two values nothing tells apart: the second fix is only a suggestion',
    path: 'src/keys.ts',
    code: "function a() {\n  const apiKey = 'ak_9f8e7d6c5b4a39281706';\n}\nfunction b() {\n  const apiKey = 'ak_1029384756afbecd0011';\n}",
    output: "function a() {\n  const apiKey = process.env.API_KEY;\n}\nfunction b() {\n  const apiKey = 'ak_1029384756afbecd0011';\n}",
    suggestions: ['Read API_KEY from the environment'],
  },
];

describe('fix names never merge different values', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const result = await fixAll(c.path, c.code);
      assert.equal(result.output, c.output);
      assert.deepEqual(result.suggestions, c.suggestions ?? []);
      // Whatever fix-all applied, no two different literals now read the same variable.
      const named = result.names.filter((n) => n !== undefined);
      const { findings } = await analyzeFile({ path: c.path, text: c.code });
      const valueOf = new Map<string, string>();
      for (const f of findings) {
        const name = f.fix?.envExample?.[0];
        if (!name) continue;
        const value = c.code.slice(f.range.start, f.range.end);
        assert.ok(!valueOf.has(name) || valueOf.get(name) === value, `${name} would read two different values`);
        valueOf.set(name, value);
      }
      assert.ok(named.length > 0);
    });
  }
});
