/**
 * The "read it from the environment" fix, shared by every rule that moves a literal out of the code:
 *
 *   envLookupFix(context, literal.range, 'DATABASE_URL')
 *   → { title: 'Read DATABASE_URL from the environment',
 *       edits: [{ …range, newText: 'process.env.DATABASE_URL' }],   // JS/TS
 *       envExample: ['DATABASE_URL'] }
 *
 * Python gets `os.environ["DATABASE_URL"]` (a missing variable fails at start-up, as factor III wants) and, when the
 * module does not import `os`, an edit adding `import os`. An existing `import os as o` or `from os import environ`
 * is reused instead. The import edit is identical for every fix in a file, so fix-all can merge duplicates.
 */
import type { Node } from 'web-tree-sitter';
import { pyAddImportEdit } from './pyAst';
import type { Fix, JsRuleContext, OffsetRange, TextEdit, TreeSitterRuleContext } from './types';

/** The expression that reads `name` from the environment, and any import it needs. */
export interface EnvLookup {
  text: string;
  importEdit?: TextEdit;
}

const OS_IMPORTS = `
(import_statement name: (dotted_name) @module)
(import_statement name: (aliased_import name: (dotted_name) @module alias: (identifier) @alias))
(import_from_statement module_name: (dotted_name) @from name: (dotted_name) @imported)
(import_from_statement module_name: (dotted_name) @from name: (aliased_import name: (dotted_name) @imported alias: (identifier) @alias))
`;

/** How this Python module can reach `os.environ` without a new import: `os.environ`, `o.environ`, `environ`. */
function pyEnvironAccess(context: TreeSitterRuleContext): string | undefined {
  return context.memo('engine.envFix.environ', () => {
    let found: string | undefined;
    for (const match of context.query(OS_IMPORTS).matches(context.root)) {
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

export function envLookup(context: JsRuleContext | TreeSitterRuleContext, name: string): EnvLookup {
  if ('ast' in context) return { text: `process.env.${name}` };
  const access = pyEnvironAccess(context);
  if (access) return { text: `${access}[${JSON.stringify(name)}]` };
  const importEdit = context.memo('engine.envFix.importOs', () => pyAddImportEdit(context.root, context.file.text, 'os'));
  return { text: `os.environ[${JSON.stringify(name)}]`, importEdit };
}

/** The fix that replaces `range` (a literal) with an environment lookup of `name`. */
export function envLookupFix(context: JsRuleContext | TreeSitterRuleContext, range: OffsetRange, name: string): Fix {
  const lookup = envLookup(context, name);
  const edits: TextEdit[] = [{ start: range.start, end: range.end, newText: lookup.text }];
  if (lookup.importEdit) edits.push(lookup.importEdit);
  return { title: `Read ${name} from the environment`, edits, envExample: [name] };
}
