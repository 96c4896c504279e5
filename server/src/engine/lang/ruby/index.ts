/**
 * The Ruby adapter (tree-sitter-ruby): config literals, listen sites, log sinks, session stores, upload targets and
 * `ENV.fetch` for fixes. A required read is `ENV.fetch("NAME")` (a missing variable raises KeyError at start-up); a default stays the literal as written
 * (`ENV.fetch("NAME", "…")`); a port is `Integer(ENV.fetch("PORT", 3000))`.
 */
import { specOf } from '../../languages';
import { TreeSitterParseCache } from '../treesitter';
import { parseTree, type ParsedTree } from '../treesitterAdapter';
import type { LanguageAdapter } from '../types';
import { rbConfigLiterals } from './configLiterals';
import { rbLogSinks } from './logSinks';
import { rbListenSites } from './servers';
import { rbSessionStores } from './sessionStores';
import { rbUploadTargets } from './uploadTargets';

export const rubyAdapter: LanguageAdapter<ParsedTree> = {
  spec: specOf('ruby'),
  newCache: () => new TreeSitterParseCache(),
  parse: (input, cache) => parseTree('ruby', input.text, cache),
  facts: {
    configLiterals: ({ parsed }) => rbConfigLiterals(parsed.root),
    listenSites: ({ parsed, file }) => rbListenSites(parsed.root, file.path),
    logSinks: ({ parsed, file }) => rbLogSinks(parsed.root, file.path),
    sessionStores: ({ parsed, file }) => rbSessionStores(parsed.root, file.path),
    uploadTargets: ({ parsed, file }) => rbUploadTargets(parsed.root, file.path),
  },
  envRead(_input, request) {
    const name = JSON.stringify(request.name);
    if (!request.fallback) return { text: `ENV.fetch(${name})`, edits: [] };
    const { text, value } = request.fallback;
    if (request.prefix !== undefined) return { text: `${JSON.stringify(request.prefix)} + ENV.fetch(${name}, ${JSON.stringify(String(value))})`, edits: [] };
    const number = request.number || /^\d[\d_]*$/.test(text);
    if (number) return { text: `Integer(ENV.fetch(${name}, ${/^\d[\d_]*$/.test(text) ? text : JSON.stringify(String(value))}))`, edits: [] };
    // The literal as written keeps its quoting; a value that is not a plain literal is written as a Ruby string.
    const literal = /^(["']).*\1$/s.test(text) && !text.includes('#{') ? text : JSON.stringify(String(value)).replace(/#/g, '\\#');
    return { text: `ENV.fetch(${name}, ${literal})`, edits: [] };
  },
};
