/**
 * A workspace audit extracts each JS/TS file's project facts from the tree its analysis parsed
 * (AnalyzeCache.codeFacts) and hands them to the project rules: they must equal the facts the project pass computes
 * by itself, and they are used only for the very text they describe.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineRule } from '../../server/src/engine/defineRule';
import { CODE_FACTS, type CodeFacts } from '../../server/src/engine/facts';
import { runProjectRulesDetailed } from '../../server/src/engine/project';
import { analyzeFile, type AnalyzeCache } from '../../server/src/engine/runner';
import { memoryProject } from '../support/project';

/** Reports each file's facts whole, so two runs can be compared fact for fact. */
const dumpFacts = defineRule({
  id: 'probe-facts',
  factor: 'III',
  defaultSeverity: 'info',
  description: 'Test only.',
  messages: { facts: '{{facts}}' },
  project(context) {
    const facts = context.fileFacts<CodeFacts>(CODE_FACTS);
    for (const file of context.files) {
      const found = facts.get(file.path);
      if (found) context.report({ path: file.path, messageId: 'facts', data: { facts: JSON.stringify(found) } });
    }
  },
});

const TEXTS: Record<string, string> = {
  'package.json': '{ "name": "shop", "dependencies": { "express": "4.0.0" } }',
  'src/server.ts': [
    "import express from 'express';",
    "import type { Request } from 'express';",
    'const app = express();',
    'const port = Number(process.env.PORT ?? 3000);',
    "const { DATABASE_URL, REDIS_URL } = process.env; // twelve-factor-disable-line no-hardcoded-port",
    "try { require('optional-dep'); } catch {}",
    "process.on('SIGTERM', () => app.close());",
    'app.listen(port);',
    'export type Handler = (r: Request) => void;',
  ].join('\n'),
  'src/config.js': ["const env = process.env;", "module.exports = { key: env['API_KEY'], mode: import.meta.env.MODE, name: 'SERVICE_NAME' };"].join('\n'),
  'types/global.d.ts': "declare module 'legacy-lib' { export const x: string; }\nimport('./lazy');",
};

describe('audit facts from the analysis', () => {
  it('equal the facts the project pass extracts by itself', async () => {
    const cache: AnalyzeCache = { codeFacts: new Map() };
    for (const [path, text] of Object.entries(TEXTS)) await analyzeFile({ path, text, relativePath: path }, {}, cache);
    assert.deepEqual([...cache.codeFacts!.keys()].sort(), ['src/config.js', 'src/server.ts', 'types/global.d.ts']);

    const options = { ruleSet: [dumpFacts] };
    const alone = await runProjectRulesDetailed('/p', memoryProject(TEXTS), options);
    const handed = await runProjectRulesDetailed('/p', memoryProject(TEXTS), options, cache.codeFacts);
    assert.deepEqual(alone.ruleErrors, []);
    assert.equal(alone.findings.length, 3);
    assert.deepEqual(handed, alone);
    const server = JSON.parse(alone.findings.find((f) => f.path === 'src/server.ts')!.message) as CodeFacts;
    assert.deepEqual(server.envReads.map((r) => r.name), ['PORT', 'DATABASE_URL', 'REDIS_URL']);
    assert.equal(server.directives.length, 1);
  });

  it('uses handed facts only for the text they describe', async () => {
    const fake: CodeFacts = { family: 'js', imports: [], envReads: [{ name: 'FROM_THE_ANALYSIS', start: 0, end: 1 }], envDynamic: false, mentions: [], servers: [], handlesSignals: false, directives: [] };
    const names = async (text: string) => {
      const result = await runProjectRulesDetailed('/p', memoryProject({ 'src/config.js': TEXTS['src/config.js'] }), { ruleSet: [dumpFacts] }, new Map([['src/config.js', { text, facts: fake }]]));
      return (JSON.parse(result.findings[0].message) as CodeFacts).envReads.map((r) => r.name);
    };
    assert.deepEqual(await names(TEXTS['src/config.js']), ['FROM_THE_ANALYSIS']);
    assert.deepEqual(await names(`${TEXTS['src/config.js']}\n// edited since`), ['MODE']);
  });
});
