/**
 * Every snippet is expanded the way VS Code inserts it with defaults (placeholders → their default text, choices →
 * the first choice, tab stops → nothing), then parsed with the engine's real parsers. A snippet that teaches a
 * twelve-factor habit must also be clean under our own rules.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jsParseErrorCount, parseJs } from '../../server/src/engine/lang/js/parse';
import { parseTreeSitter } from '../../server/src/engine/lang/treesitter';
import { analyzeFile } from '../../server/src/engine/runner';

const root = join(__dirname, '..', '..');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

/** Expands TextMate snippet syntax with defaults. */
export function expandSnippet(body: string): string {
  let out = '';
  let i = 0;
  const readUntilClose = (): string => {
    // returns the raw inside of ${...}, honouring nesting and escapes
    let depth = 1;
    let inner = '';
    while (i < body.length && depth > 0) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length) {
        inner += c + body[i + 1];
        i += 2;
        continue;
      }
      if (c === '$' && body[i + 1] === '{') depth++;
      if (c === '}') depth--;
      if (depth > 0) inner += c;
      i++;
    }
    return inner;
  };
  while (i < body.length) {
    const c = body[i];
    if (c === '\\' && /[$}\\]/.test(body[i + 1] ?? '')) {
      out += body[i + 1];
      i += 2;
    } else if (c === '$' && body[i + 1] === '{') {
      i += 2;
      const inner = readUntilClose();
      const choice = /^\d+\|([^,|]*)/.exec(inner);
      const placeholder = /^(\d+|[A-Z_]+):([\s\S]*)$/.exec(inner);
      if (choice) out += choice[1];
      else if (placeholder) out += expandSnippet(placeholder[2]);
    } else if (c === '$' && /[0-9A-Z_]/.test(body[i + 1] ?? '')) {
      i++;
      while (i < body.length && /[0-9A-Z_]/.test(body[i])) i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function load(file: string): [string, Snippet][] {
  return Object.entries(JSON.parse(readFileSync(join(root, 'snippets', file), 'utf8')) as Record<string, Snippet>);
}

describe('snippet expansion helper', () => {
  const table: [string, string][] = [
    ['a ${1:b} c', 'a b c'],
    ['${1:outer ${2:inner}}', 'outer inner'],
    ['${1|INFO,DEBUG|}', 'INFO'],
    ['x$0y', 'xy'],
    ['`${name}` \\$1', '`` $1'],
  ];
  for (const [input, expected] of table) it(`${input} → ${expected}`, () => assert.equal(expandSnippet(input), expected));
});

const topics = ['config', 'shutdown', 'logger', 'health', 'session'];

for (const [file, language] of [['javascript.code-snippets', 'js'], ['python.code-snippets', 'python']] as const) {
  describe(`snippets/${file}`, () => {
    const snippets = load(file);
    it('covers config from env, graceful shutdown, stdout logging, health check and session store', () => {
      const prefixes = snippets.flatMap(([, s]) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
      for (const topic of topics) assert.ok(prefixes.includes(`tf-${topic}`), `missing tf-${topic}`);
    });
    for (const [name, snippet] of snippets) {
      it(`${name}: expands to code that parses and that our rules accept`, async () => {
        assert.ok(snippet.description.length > 10, 'has a description');
        const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
        const code = expandSnippet(body).replace(/\t/g, '  ');
        if (language === 'js') {
          assert.equal(jsParseErrorCount(parseJs(code, 'snippet.js')), 0, code);
        } else {
          const { tree } = await parseTreeSitter('python', code);
          try {
            assert.equal(tree.rootNode.hasError, false, code);
          } finally {
            tree.delete();
          }
        }
        // Snippet variables are UPPER_CASE names VS Code knows; a lower-case ${name} is code (a template literal)
        // and must be escaped as \${name}, or VS Code drops it and warns at activation.
        assert.doesNotMatch(body.replace(/\\\$/g, ''), /\$\{[a-z]/, 'unescaped ${…} in a snippet body');
        const result = await analyzeFile({ path: language === 'js' ? 'src/snippet.js' : 'app/snippet.py', text: code });
        assert.deepEqual(result.ruleErrors, []);
        assert.deepEqual(result.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
      });
    }
  });
}
