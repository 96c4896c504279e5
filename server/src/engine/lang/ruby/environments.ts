/**
 * Where Ruby code runs only outside production: the Rails environment files `config/environments/development.rb` and
 * `test.rb` (and Puma's `config/puma/development.rb`), an arm of a branch on `Rails.env.production?` /
 * `Rails.env.development?` / `Rails.env.test?` (also Sinatra's `settings.production?`, `development?`) that cannot
 * run in production, and Sinatra's `configure :development, :test do … end`. A condition that mixes both, or negates
 * one, decides nothing.
 */
import type { Node } from 'web-tree-sitter';
import { rbKeyName } from './ast';

const NON_PRODUCTION_FILE = /(^|\/)config\/(?:environments|puma)\/(?:development|test)\.rb$/;
const PRODUCTION_FILE = /(^|\/)config\/environments\/production\.rb$/;
const ENV_NAME = String.raw`(?:Rails\.env|settings|Sinatra::Base|Sinatra::Application|ENV\[["'](?:RAILS|RACK|APP)_ENV["']\])`;
const PRODUCTION_TEST = new RegExp(String.raw`(?:^|[^\w.])(?:${ENV_NAME}\.)?production\?|${ENV_NAME}\s*==\s*["':]?production\b`);
const NON_PRODUCTION_TEST = new RegExp(String.raw`(?:^|[^\w.])(?:${ENV_NAME}\.)?(?:development|test)\?|${ENV_NAME}\s*==\s*["':]?(?:development|test)\b`);

export function isRbProductionEnvironmentFile(path: string): boolean {
  return PRODUCTION_FILE.test(path.replace(/\\/g, '/'));
}

/** What a condition tests: `production`, `other` (development or test), or nothing we can use. */
function conditionTests(condition: Node | null): 'production' | 'other' | undefined {
  if (!condition) return undefined;
  const text = condition.text;
  // `!Rails.env.production?`, `not settings.production?`: the negation of a production test alone.
  const negated = /^(?:!|not\s+)\s*(.+)$/s.exec(text.trim());
  if (negated && !/[!&|]|\b(?:and|or|not)\b/.test(negated[1].replace(/\w+[?!]/g, 'x')) && PRODUCTION_TEST.test(negated[1]) && !NON_PRODUCTION_TEST.test(negated[1])) return 'other';
  if (/!|\bnot\b|!=/.test(text.replace(/\w+[?!]/g, 'x'))) return undefined;
  const production = PRODUCTION_TEST.test(text);
  const other = NON_PRODUCTION_TEST.test(text);
  if (production === other) return undefined;
  // `Rails.env.production? && x`: the arm still may not run in production; only `||` of like tests is safe for `other`.
  if (production && /&&|\band\b|\|\||\bor\b/.test(text)) return undefined;
  if (other && /&&|\band\b/.test(text)) return undefined;
  return production ? 'production' : 'other';
}

const same = (a: Node | null, b: Node) => !!a && a.startIndex === b.startIndex && a.endIndex === b.endIndex;

export function rbInNonProduction(node: Node, path: string): boolean {
  if (NON_PRODUCTION_FILE.test(path.replace(/\\/g, '/'))) return true;
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'if':
      case 'elsif':
      case 'unless': {
        const tests = conditionTests(parent.childForFieldName('condition'));
        if (!tests) break;
        const inThen = same(parent.childForFieldName('consequence'), child);
        const inElse = child.type === 'else' && same(parent.childForFieldName('alternative'), child);
        const positive = parent.type === 'unless' ? inElse : inThen;
        const negative = parent.type === 'unless' ? inThen : inElse;
        if ((positive && tests === 'other') || (negative && tests === 'production')) return true;
        break;
      }
      case 'if_modifier':
      case 'unless_modifier': {
        const tests = conditionTests(parent.childForFieldName('condition'));
        if (!tests || !same(parent.childForFieldName('body'), child)) break;
        if ((parent.type === 'if_modifier' && tests === 'other') || (parent.type === 'unless_modifier' && tests === 'production')) return true;
        break;
      }
      case 'conditional': {
        const tests = conditionTests(parent.childForFieldName('condition'));
        if (!tests) break;
        if ((same(parent.childForFieldName('consequence'), child) && tests === 'other') || (same(parent.childForFieldName('alternative'), child) && tests === 'production')) return true;
        break;
      }
      case 'call': {
        // Sinatra: `configure :development, :test do … end`.
        if (parent.childForFieldName('receiver') || parent.childForFieldName('method')?.text !== 'configure') break;
        if (!(child.type === 'do_block' || child.type === 'block')) break;
        const envs = parent.childForFieldName('arguments')?.namedChildren.map((a) => (a?.type === 'simple_symbol' ? rbKeyName(a) : undefined)) ?? [];
        if (envs.length > 0 && envs.every((e) => e === 'development' || e === 'test')) return true;
        break;
      }
    }
  }
  return false;
}
