/** The Python adapter (tree-sitter-python). */
import type { Node } from 'web-tree-sitter';
import { specOf } from '../../languages';
import type { TextEdit } from '../../types';
import { TreeSitterParseCache } from '../treesitter';
import { parseTree, type ParsedTree } from '../treesitterAdapter';
import type { AdapterInput, LanguageAdapter } from '../types';
import { pyAddImportEdit } from './ast';
import { pyConfigLiterals } from './configLiterals';
import { pyListenSites } from './listenSites';
import { pyEnvGroupedConfig } from './envGroupedConfig';
import { pyEnvBranches } from './envBranches';
import { extractPyFacts } from './projectFacts';
import { pySessionStores } from './sessionStores';

const OS_IMPORTS = `
(import_statement name: (dotted_name) @module)
(import_statement name: (aliased_import name: (dotted_name) @module alias: (identifier) @alias))
(import_from_statement module_name: (dotted_name) @from name: (dotted_name) @imported)
(import_from_statement module_name: (dotted_name) @from name: (aliased_import name: (dotted_name) @imported alias: (identifier) @alias))
`;

/** How this module can reach `os.environ` without a new import: `os.environ`, `o.environ`, `environ`. */
function environAccess({ parsed, memo }: AdapterInput<ParsedTree>): string | undefined {
  return memo('python.environ', () => {
    let found: string | undefined;
    for (const match of parsed.query(OS_IMPORTS).matches(parsed.root)) {
      const get = (name: string) => match.captures.find((c) => c.name === name)?.node as Node | undefined;
      const module = get('module')?.text;
      const from = get('from')?.text;
      const alias = get('alias')?.text;
      if (module === 'os') return alias ? `${alias}.environ` : 'os.environ';
      if (from === 'os' && get('imported')?.text === 'environ') found ??= alias ?? 'environ';
    }
    return found;
  });
}

/** `import os` where the module lacks it (one identical edit for every fix of the file, so fix-all merges them). */
function importOs({ parsed, file, memo }: AdapterInput<ParsedTree>): TextEdit[] {
  const edit = memo('python.importOs', () => pyAddImportEdit(parsed.root, file.text, 'os'));
  return edit ? [edit] : [];
}

export const pythonAdapter: LanguageAdapter<ParsedTree> = {
  spec: specOf('python'),
  newCache: () => new TreeSitterParseCache(),
  parse: (input, cache) => parseTree('python', input.text, cache),
  facts: {
    envGroupedConfig: ({ parsed }) => pyEnvGroupedConfig(parsed),
    listenSites: pyListenSites,
    configLiterals: ({ parsed }) => pyConfigLiterals(parsed),
    sessionStores: ({ parsed }) => pySessionStores(parsed),
    envBranches: ({ parsed }) => pyEnvBranches(parsed),
  },
  envRead(input, request) {
    const name = JSON.stringify(request.name);
    if (!request.fallback) {
      // A required read: `os.environ["X"]` fails at start-up when X is missing, as factor III wants.
      const access = environAccess(input);
      return access ? { text: `${access}[${name}]`, edits: [] } : { text: `os.environ[${name}]`, edits: importOs(input) };
    }
    const read = `os.environ.get(${name}, ${JSON.stringify(request.fallback.value)})`;
    if (request.prefix !== undefined) return { text: `${JSON.stringify(request.prefix)} + ${read}`, edits: importOs(input) };
    return { text: request.number ? `int(${read})` : read, edits: importOs(input) };
  },
  projectFacts: (parsed) => extractPyFacts(parsed.root),
};
