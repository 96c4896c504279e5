/**
 * Tokenization tests for the Procfile and dotenv grammars, with the same engine VS Code uses
 * (vscode-textmate + vscode-oniguruma). Each row names a line, a piece of it, and a scope that piece must carry.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(__dirname, '..', '..');
const GRAMMARS: Record<string, string> = {
  'source.procfile': 'syntaxes/procfile.tmLanguage.json',
  'source.dotenv': 'syntaxes/dotenv.tmLanguage.json',
};

let registry: textmate.Registry;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    // source.shell (embedded in Procfile commands) is VS Code's own; here it is absent, as in a client without it.
    loadGrammar: async (scopeName: string) => {
      const file = GRAMMARS[scopeName];
      if (!file) return null;
      return textmate.parseRawGrammar(readFileSync(join(root, file), 'utf8'), join(root, file));
    },
  });
});

/** Tokenizes a multi-line text; returns [tokenText, scopes[]] for every token. */
async function tokenize(scope: string, text: string): Promise<{ text: string; scopes: string[] }[]> {
  const grammar = await registry.loadGrammar(scope);
  assert.ok(grammar, `grammar ${scope} loads`);
  let stack = textmate.INITIAL;
  const out: { text: string; scopes: string[] }[] = [];
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, stack);
    for (const token of result.tokens) out.push({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes });
    stack = result.ruleStack;
  }
  return out;
}

interface Row {
  text: string;
  token: string;
  scope: string;
  absent?: boolean;
}

function table(scopeName: string, rows: Row[]): void {
  for (const row of rows) {
    it(`${JSON.stringify(row.text)}: ${JSON.stringify(row.token)} ${row.absent ? 'is not' : 'is'} ${row.scope}`, async () => {
      const tokens = await tokenize(scopeName, row.text);
      const matching = tokens.filter((t) => t.text === row.token);
      assert.ok(matching.length > 0, `no token ${JSON.stringify(row.token)} in ${JSON.stringify(tokens.map((t) => t.text))}`);
      const has = matching.some((t) => t.scopes.includes(row.scope));
      assert.equal(has, !row.absent, `${row.token}: ${JSON.stringify(matching.map((t) => t.scopes))}`);
    });
  }
}

describe('dotenv grammar', () => {
  table('source.dotenv', [
    { text: '# a comment', token: '#', scope: 'punctuation.definition.comment.dotenv' },
    { text: '# a comment', token: ' a comment', scope: 'comment.line.number-sign.dotenv' },
    { text: 'DATABASE_URL=postgres://localhost/dev', token: 'DATABASE_URL', scope: 'variable.other.env.dotenv' },
    { text: 'DATABASE_URL=postgres://localhost/dev', token: '=', scope: 'keyword.operator.assignment.dotenv' },
    { text: 'DATABASE_URL=postgres://localhost/dev', token: 'postgres://localhost/dev', scope: 'string.unquoted.dotenv' },
    { text: 'export PORT=3000', token: 'export', scope: 'storage.modifier.export.dotenv' },
    { text: 'export PORT=3000', token: 'PORT', scope: 'variable.other.env.dotenv' },
    { text: "GREETING='hello ${NAME}'", token: "hello ${NAME}", scope: 'string.quoted.single.dotenv' },
    // single quotes do not interpolate: the whole value is one string token, no variable inside
    { text: "GREETING='hello ${NAME}'", token: "hello ${NAME}", scope: 'meta.interpolation.dotenv', absent: true },
    { text: 'URL="https://${HOST}:8080"', token: 'HOST', scope: 'variable.other.env.dotenv' },
    { text: 'URL="https://${HOST}:8080"', token: '${', scope: 'punctuation.definition.template-expression.begin.dotenv' },
    { text: 'URL=https://$HOST/x', token: 'HOST', scope: 'variable.other.env.dotenv' },
    { text: 'MSG="line\\nnext"', token: '\\n', scope: 'constant.character.escape.dotenv' },
    { text: 'LEVEL=info # trailing note', token: ' trailing note', scope: 'comment.line.number-sign.dotenv' },
    { text: 'LEVEL=info # trailing note', token: 'info', scope: 'string.unquoted.dotenv' },
    { text: 'TOKEN=abc#notacomment', token: 'abc#notacomment', scope: 'string.unquoted.dotenv' },
    { text: 'not an assignment', token: 'not an assignment', scope: 'invalid.illegal.line.dotenv' },
  ]);
  it('a multi-line double-quoted value stays a string until its closing quote', async () => {
    const tokens = await tokenize('source.dotenv', 'KEY="first\nsecond"\nNEXT=1');
    assert.ok(tokens.find((t) => t.text === 'second')?.scopes.includes('string.quoted.double.dotenv'));
    assert.ok(tokens.find((t) => t.text === 'NEXT')?.scopes.includes('variable.other.env.dotenv'));
  });
});

describe('Procfile grammar', () => {
  table('source.procfile', [
    { text: 'web: gunicorn app:app -b 0.0.0.0:$PORT', token: 'web', scope: 'entity.name.function.process-type.procfile' },
    { text: 'web: gunicorn app:app -b 0.0.0.0:$PORT', token: ':', scope: 'punctuation.separator.key-value.procfile' },
    { text: 'web: gunicorn app:app -b 0.0.0.0:$PORT', token: 'PORT', scope: 'variable.other.env.procfile' },
    { text: 'web: gunicorn app:app -b 0.0.0.0:$PORT', token: 'gunicorn app:app -b 0.0.0.0:', scope: 'meta.embedded.line.shell.procfile' },
    { text: 'worker: node worker.js --concurrency ${WEB_CONCURRENCY:-2}', token: 'WEB_CONCURRENCY', scope: 'variable.other.env.procfile' },
    { text: 'release: npm run migrate', token: 'release', scope: 'entity.name.function.process-type.procfile' },
    { text: '# processes', token: ' processes', scope: 'comment.line.number-sign.procfile' },
    { text: 'this line has no colon', token: 'this line has no colon', scope: 'invalid.illegal.line.procfile' },
  ]);
});
