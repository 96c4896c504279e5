/**
 * The Go adapter (tree-sitter-go): config literals, listen sites, log sinks, upload targets, session stores,
 * environment branches, project facts and `os.Getenv` for fixes.
 */
import { specOf } from '../../languages';
import type { TextEdit } from '../../types';
import { TreeSitterParseCache } from '../treesitter';
import { parseTree, type ParsedTree } from '../treesitterAdapter';
import type { AdapterInput, LanguageAdapter } from '../types';
import { goAddImportEdit, goConstToVarEdit, goImportName } from './ast';
import { goConfigLiterals } from './configLiterals';
import { goEnvBranches } from './envBranches';
import { goLogSinks } from './logSinks';
import { extractGoFacts } from './projectFacts';
import { goListenSites } from './servers';
import { goSessionStores } from './sessionStores';
import { goUploadTargets } from './uploadTargets';

/** `import "<path>"` where the file lacks it: the same edit for every fix of the file, so fix-all merges them. */
function importEdit({ parsed, file, memo }: AdapterInput<ParsedTree>, path: string): TextEdit[] {
  const edit = memo(`go.import.${path}`, () => goAddImportEdit(parsed.root, file.text, path));
  return edit ? [edit] : [];
}

export const goAdapter: LanguageAdapter<ParsedTree> = {
  spec: specOf('go'),
  newCache: () => new TreeSitterParseCache(),
  parse: (input, cache) => parseTree('go', input.text, cache),
  facts: {
    configLiterals: ({ parsed }) => goConfigLiterals(parsed.root),
    listenSites: ({ parsed }) => goListenSites(parsed.root),
    logSinks: ({ parsed }) => goLogSinks(parsed.root),
    uploadTargets: ({ parsed }) => goUploadTargets(parsed.root),
    sessionStores: ({ parsed }) => goSessionStores(parsed.root),
    envBranches: ({ parsed }) => goEnvBranches(parsed.root),
  },
  envRead(input, request) {
    const os = input.memo('go.osName', () => goImportName(input.parsed.root, 'os'));
    const edits = os ? [] : importEdit(input, 'os');
    const read = `${os ?? 'os'}.Getenv(${JSON.stringify(request.name)})`;
    // A `const` cannot hold a call: its declaration becomes a `var` (the listen-site extractor marks the declaration
    // of a port constant in its dialect; config-literal fixes say where the read goes).
    const constAt = /^go-const@(\d+)$/.exec(request.dialect ?? '')?.[1] ?? request.at?.start;
    const toVar = constAt === undefined ? undefined : input.memo(`go.constToVar.${constAt}`, () => goConstToVarEdit(input.parsed.root, Number(constAt)));
    if (toVar) edits.push(toVar);
    if (!request.fallback) return { text: read, edits };
    // Go addresses and settings are strings: the default stays a string literal; cmp.Or (Go 1.22) picks the first
    // non-empty value.
    const literal = /^["`]/.test(request.fallback.text) && request.prefix === undefined ? request.fallback.text : JSON.stringify(request.fallback.value);
    const value = `cmp.Or(${read}, ${literal})`;
    edits.push(...importEdit(input, 'cmp'));
    return { text: request.prefix !== undefined ? `${JSON.stringify(request.prefix)} + ${value}` : value, edits };
  },
  projectFacts: (parsed) => extractGoFacts(parsed.root),
};
