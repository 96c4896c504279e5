/**
 * The Java adapter (tree-sitter-java): config literals, listen sites, log sinks, upload targets, session stores,
 * environment branches, project facts and `System.getenv` for fixes.
 */
import { specOf } from '../../languages';
import { TreeSitterParseCache } from '../treesitter';
import { parseTree, type ParsedTree } from '../treesitterAdapter';
import type { LanguageAdapter } from '../types';
import { javaConfigLiterals } from './configLiterals';
import { javaEnvBranches } from './envBranches';
import { javaLogSinks } from './logSinks';
import { extractJavaFacts } from './projectFacts';
import { javaListenSites } from './servers';
import { javaSessionStores } from './sessionStores';
import { javaUploadTargets } from './uploadTargets';

export const javaAdapter: LanguageAdapter<ParsedTree> = {
  spec: specOf('java'),
  newCache: () => new TreeSitterParseCache(),
  parse: (input, cache) => parseTree('java', input.text, cache),
  facts: {
    configLiterals: ({ parsed }) => javaConfigLiterals(parsed.root),
    listenSites: ({ parsed }) => javaListenSites(parsed.root),
    logSinks: ({ parsed }) => javaLogSinks(parsed.root),
    uploadTargets: ({ parsed }) => javaUploadTargets(parsed.root),
    sessionStores: ({ parsed }) => javaSessionStores(parsed.root),
    envBranches: ({ parsed }) => javaEnvBranches(parsed.root),
  },
  envRead(_input, request) {
    const name = JSON.stringify(request.name);
    // A required read: `System.getenv` is in java.lang, so no import is needed.
    if (!request.fallback) return { text: `System.getenv(${name})`, edits: [] };
    const read = `System.getenv().getOrDefault(${name}, ${JSON.stringify(String(request.fallback.value))})`;
    if (request.prefix !== undefined) return { text: `${JSON.stringify(request.prefix)} + ${read}`, edits: [] };
    // An int literal stays an int: `Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"))`.
    const number = request.number || /^\d[\d_]*$/.test(request.fallback.text);
    return { text: number ? `Integer.parseInt(${read})` : read, edits: [] };
  },
  projectFacts: (parsed) => extractJavaFacts(parsed.root),
};
