/**
 * The C# adapter (tree-sitter-c-sharp): config literals, listen sites, log sinks, session stores, upload targets,
 * environment branches and `Environment.GetEnvironmentVariable` for
 * fixes. A required read fails fast (`?? throw new InvalidOperationException(…)`), so the value is a `string`, not a
 * `string?`; a `const` that now holds a call becomes `static readonly` (a local `const` loses the keyword).
 */
import type { Node } from 'web-tree-sitter';
import { specOf } from '../../languages';
import type { TextEdit } from '../../types';
import { TreeSitterParseCache } from '../treesitter';
import { parseTree, type ParsedTree } from '../treesitterAdapter';
import type { LanguageAdapter } from '../types';
import { csConfigLiterals } from './configLiterals';
import { csEnvBranches } from './envBranches';
import { csLogSinks } from './logSinks';
import { csListenSites } from './servers';
import { csSessionStores } from './sessionStores';
import { csUploadTargets } from './uploadTargets';

/** Whether the file imports `System` (then `Environment` needs no namespace). */
function usesSystem(root: Node): boolean {
  return root.namedChildren.some((n) => n?.type === 'using_directive' && /^(global\s+)?using\s+System\s*;/.test(n.text));
}

/** The edit that turns the `const` declaration holding `offset` into one that can hold a call, if there is one. */
/**
 * Whether the expression at `at` is a whole argument, initializer, assigned value, return value or expression body:
 * there a `??` needs no parentheses (`GetBytes(X ?? throw …)`, not `GetBytes((X ?? throw …))`).
 */
function standsAlone(root: Node, at: { start: number; end: number }): boolean {
  const whole = ['argument', 'equals_value_clause', 'return_statement', 'arrow_expression_clause', 'variable_declarator'];
  for (let node = root.descendantForIndex(at.start, Math.max(at.start, at.end - 1)); node?.parent; node = node.parent) {
    if (node.startIndex !== at.start || node.endIndex !== at.end) return false;
    const parent = node.parent;
    if (whole.includes(parent.type)) return true;
    if (parent.type === 'assignment_expression') return parent.childForFieldName('right')?.startIndex === node.startIndex;
  }
  return false;
}

function constEdit(root: Node, offset: number): TextEdit | undefined {
  for (let node: Node | null = root.descendantForIndex(offset, offset); node; node = node.parent) {
    if (node.type === 'class_declaration' || node.type === 'struct_declaration') return undefined;
    if (node.type !== 'field_declaration' && node.type !== 'local_declaration_statement') continue;
    const modifier = node.namedChildren.find((c) => c?.type === 'modifier' && c.text === 'const');
    if (!modifier) return undefined;
    if (node.type === 'field_declaration') return { start: modifier.startIndex, end: modifier.endIndex, newText: 'static readonly' };
    // `const string x = "…";` in a method: a plain local.
    const next = node.text.slice(modifier.endIndex - node.startIndex).match(/^\s*/)?.[0].length ?? 0;
    return { start: modifier.startIndex, end: modifier.endIndex + next, newText: '' };
  }
  return undefined;
}

export const csharpAdapter: LanguageAdapter<ParsedTree> = {
  spec: specOf('csharp'),
  newCache: () => new TreeSitterParseCache(),
  parse: (input, cache) => parseTree('csharp', input.text, cache),
  facts: {
    configLiterals: ({ parsed }) => csConfigLiterals(parsed.root),
    listenSites: ({ parsed }) => csListenSites(parsed.root),
    logSinks: ({ parsed }) => csLogSinks(parsed.root),
    sessionStores: ({ parsed }) => csSessionStores(parsed.root),
    uploadTargets: ({ parsed }) => csUploadTargets(parsed.root),
    envBranches: ({ parsed }) => csEnvBranches(parsed.root),
  },
  envRead({ parsed, memo }, request) {
    const system = memo('cs.usesSystem', () => usesSystem(parsed.root)) ? '' : 'System.';
    const name = JSON.stringify(request.name);
    const read = `${system}Environment.GetEnvironmentVariable(${name})`;
    const edits: TextEdit[] = [];
    const at = request.at;
    if (at) {
      const edit = memo(`cs.const.${at.start}`, () => constEdit(parsed.root, at.start));
      if (edit) edits.push(edit);
    }
    // `"…"u8.ToArray()` (the fact's range covers the call): the same bytes from the variable.
    const u8 = at !== undefined && /u8\s*\.\s*ToArray\s*\(\s*\)$/.test(parsed.root.text.slice(at.start, at.end));
    if (!request.fallback) {
      const required = `${read} ?? throw new ${system}InvalidOperationException(${JSON.stringify(`${request.name} is not set`)})`;
      if (u8) return { text: `System.Text.Encoding.UTF8.GetBytes(${required})`, edits };
      return { text: at && standsAlone(parsed.root, at) ? required : `(${required})`, edits };
    }
    const value = `${read} ?? ${JSON.stringify(String(request.fallback.value))}`;
    if (request.prefix !== undefined) return { text: `${JSON.stringify(request.prefix)} + (${value})`, edits };
    const number = request.number || /^\d[\d_]*$/.test(request.fallback.text);
    return { text: number ? `int.Parse(${value})` : `(${value})`, edits };
  },
};
