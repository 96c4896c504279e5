/**
 * Metadata must not drift: every rule file is registered, has a table test, a docs page, and a package.json setting;
 * every registered rule has a file named by its id. (ESLint's checkRuleFiles; rust-analyzer's config drift check.)
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { docsUrlFor } from '../server/src/shared/docs';
import { FACTORS, type LanguageFamily } from '../server/src/engine/types';
import { RULES } from '../server/src/rules';

const root = join(__dirname, '..');
const ruleFiles = readdirSync(join(root, 'server/src/rules'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** How the README's rules table (short) and the docs pages' Languages line (long) name each language family. */
const LANGUAGE_LABELS: Record<LanguageFamily, [short: string, long: string]> = {
  js: ['JS/TS', 'JavaScript/TypeScript'], python: ['Python', 'Python'], go: ['Go', 'Go'], java: ['Java', 'Java'], csharp: ['C#', 'C#'], ruby: ['Ruby', 'Ruby'],
  yaml: ['YAML', 'YAML'], properties: ['.properties', '.properties'], json: ['JSON', 'JSON'],
};

describe('rule metadata consistency', () => {
  it('the registry is sorted by id and holds every rule file exactly once', () => {
    const ids = RULES.map((r) => r.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.deepEqual([...ids].sort(), ruleFiles);
  });
  for (const rule of RULES) {
    describe(rule.id, () => {
      it('has a factor I–XII (or none for meta rules) and a one-sentence description', () => {
        if (rule.factor !== null) assert.ok(FACTORS.includes(rule.factor));
        assert.match(rule.description, /^[A-Z].*\.$/);
      });
      it('derives its docs link from its id', () => assert.equal(rule.docsUrl, docsUrlFor(rule.id)));
      it('has a docs page titled by its id', () => {
        const page = join(root, 'docs/rules', `${rule.id}.md`);
        assert.ok(existsSync(page), `missing docs/rules/${rule.id}.md`);
        assert.match(readFileSync(page, 'utf8'), new RegExp(`^# ${rule.id}\\b`, 'm'));
      });
      it('has a test file', () => {
        const candidates = [`test/rules/${rule.id}.test.ts`, `test/project/${rule.id}.test.ts`];
        if (rule.id === 'invalid-suppression') candidates.push('test/engine/runner.test.ts');
        assert.ok(candidates.some((c) => existsSync(join(root, c))), `missing ${candidates[0]}`);
      });
      it('has a twelveFactor.rules setting in package.json with its default severity', () => {
        const config = [pkg.contributes?.configuration].flat().filter(Boolean);
        const rules = config.map((c: { properties?: Record<string, { properties?: Record<string, { default?: string }> }> }) => c.properties?.['twelveFactor.rules']).find(Boolean);
        assert.ok(rules?.properties?.[rule.id], `package.json lacks twelveFactor.rules.${rule.id}`);
        assert.equal(rules.properties[rule.id].default, rule.defaultSeverity);
      });
      it("is listed in the README's rules table", () => {
        assert.ok(readFileSync(join(root, 'README.md'), 'utf8').includes(`| [${rule.id}](docs/rules/${rule.id}.md) |`), `README.md lacks a row for ${rule.id}`);
      });
      it("says where it runs as the registry does: the README's \"where\" column and the docs page's Languages line", () => {
        // A rule that judges only the runner's own facts (suppression comments) runs everywhere: its column says so.
        if (!rule.check || rule.uses?.every((kind) => kind === 'suppressions')) return;
        const row = readFileSync(join(root, 'README.md'), 'utf8').split('\n').find((line) => line.startsWith(`| [${rule.id}](`));
        const where = (row?.split('|')[4] ?? '').split(',').map((s) => s.trim());
        assert.deepEqual(where, rule.languages.map((l) => LANGUAGE_LABELS[l][0]), `README.md's where column for ${rule.id}`);
        const page = readFileSync(join(root, 'docs/rules', `${rule.id}.md`), 'utf8');
        const languages = /\*\*Languages:\*\* (.*)$/m.exec(page)?.[1] ?? '';
        for (const family of rule.languages) assert.ok(languages.includes(LANGUAGE_LABELS[family][1]), `docs/rules/${rule.id}.md's Languages line lacks ${LANGUAGE_LABELS[family][1]}`);
      });
      it('uses every message placeholder consistently (no stray braces)', () => {
        for (const [id, template] of Object.entries(rule.messages)) {
          assert.equal((template.match(/\{\{/g) ?? []).length, (template.match(/\}\}/g) ?? []).length, `${id}: unbalanced placeholders`);
        }
      });
    });
  }
});
