/** The JavaScript/TypeScript adapter (TypeScript compiler API): JS, TS, JSX and TSX files. */
import type ts from 'typescript';
import { specOf } from '../../languages';
import type { LanguageAdapter, ParsedFile } from '../types';
import { jsCommentAt, jsLineStartContext } from './comments';
import { jsConfigLiterals } from './configLiterals';
import { jsEnvBranches } from './envBranches';
import { JsParseCache, jsParseErrorCount, parseJs } from './parse';
import { jsListenSites } from './listenSites';
import { jsEnvGroupedConfig } from './envGroupedConfig';
import { extractJsFacts } from './projectFacts';
import { jsSessionStores } from './sessionStores';

export interface ParsedJs extends ParsedFile {
  ast: ts.SourceFile;
}

export const jsAdapter: LanguageAdapter<ParsedJs> = {
  spec: specOf('js'),
  newCache: () => new JsParseCache(),
  parse(input, cache) {
    const ast = parseJs(input.text, input.path, input.languageId, cache instanceof JsParseCache ? cache : undefined);
    return { ast, syntaxErrors: jsParseErrorCount(ast) > 0, commentAt: (offset) => jsCommentAt(ast, offset), release: () => {} };
  },
  facts: {
    envGroupedConfig: ({ parsed }) => jsEnvGroupedConfig(parsed.ast),
    listenSites: ({ parsed }) => jsListenSites(parsed.ast),
    configLiterals: ({ parsed }) => jsConfigLiterals(parsed.ast),
    sessionStores: ({ parsed }) => jsSessionStores(parsed.ast),
    envBranches: ({ parsed }) => jsEnvBranches(parsed.ast),
  },
  envRead({ file }, request) {
    const read = request.dialect === 'deno' ? `Deno.env.get(${JSON.stringify(request.name)})` : `process.env.${request.name}`;
    if (!request.fallback) return { text: read, edits: [] };
    if (request.prefix !== undefined) return { text: `\`${request.prefix}\${${read} ?? ${request.fallback.value}}\``, edits: [] };
    const text = request.number && (request.dialect === 'deno' || file.isTypeScript) ? `Number(${read} ?? ${request.fallback.text})` : `${read} ?? ${request.fallback.text}`;
    return { text, edits: [] };
  },
  projectFacts: (parsed, path) => extractJsFacts(parsed.ast, path),
  lineStartContext: (parsed, offset) => jsLineStartContext(parsed.ast, offset),
};
