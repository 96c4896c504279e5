/**
 * What every tree-sitter adapter shares: the parse (incremental through the document's cache), the shared query run,
 * comment lookup, and a bare adapter for grammars that parse but supply no facts yet.
 */
import type { Language, Node, Query, Tree } from 'web-tree-sitter';
import { specOf } from '../languages';
import type { OffsetRange, TreeSitterFamily } from '../types';
import { parseTreeSitter, sharedQuery, TreeSitterParseCache } from './treesitter';
import type { LanguageAdapter, ParseCache, ParsedFile } from './types';

export interface ParsedTree extends ParsedFile {
  tree: Tree;
  root: Node;
  language: Language;
  /** Compiled once per grammar and cached; `matches(root)` comes from the tree's one combined run. Never delete it. */
  query(source: string): Query;
}

/** The comment node that holds `offset`, if any. */
export function treeCommentAt(root: Node, offset: number): OffsetRange | undefined {
  for (let node: Node | null = root.descendantForIndex(offset, offset); node; node = node.parent) {
    if (node.type.includes('comment')) return { start: node.startIndex, end: node.endIndex };
    if (node.startIndex < offset && node.type !== 'ERROR') break;
  }
  return undefined;
}

export async function parseTree(family: TreeSitterFamily, text: string, cache: ParseCache | undefined): Promise<ParsedTree> {
  const { tree, language, cached } = await parseTreeSitter(family, text, cache instanceof TreeSitterParseCache ? cache : undefined);
  const root = tree.rootNode;
  return {
    tree,
    root,
    language,
    syntaxErrors: root.hasError,
    query: (source) => sharedQuery(tree, root, language, source),
    commentAt: (offset) => treeCommentAt(root, offset),
    release: () => {
      if (!cached) tree.delete(); // a cached tree belongs to the cache
    },
  };
}

/** An adapter that parses (so suppression comments are read) but extracts no fact yet. */
export function bareTreeSitterAdapter(family: TreeSitterFamily): LanguageAdapter<ParsedTree> {
  return {
    spec: specOf(family),
    newCache: () => new TreeSitterParseCache(),
    parse: (input, cache) => parseTree(family, input.text, cache),
    facts: {},
    envRead: () => {
      throw new Error(`no environment read is known for ${family} yet`);
    },
  };
}

/**
 * A `+` concatenation of strings and other expressions (`"postgres://u:" + pw + "@db/app"`, `"jdbc:mysql://" + host`)
 * as one text with `${…}` for the parts that are not literals; undefined when no part is a string. `stringOf` is the
 * grammar's string reader (undefined for a node that is not a string literal).
 */
export function concatenationOf(node: Node, stringOf: (node: Node) => string | undefined): { value: string; template: boolean } | undefined {
  const parts: Node[] = [];
  const flatten = (n: Node) => {
    if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (left) flatten(left);
      if (right) flatten(right);
    } else parts.push(n);
  };
  flatten(node);
  const values = parts.map(stringOf);
  if (values.every((v) => v === undefined)) return undefined;
  let template = false;
  const value = parts.map((p, i) => values[i] ?? ((template = true), `\${${p.text}}`)).join('');
  return { value, template };
}

/**
 * The arms of an `if … else if … else` chain (Go, Java, C# grammars: `consequence`/`alternative` fields), first to
 * last, or undefined when not every path takes an arm. A chain without a final `else` still covers every path in the
 * early-return shape, the idiomatic one in Go: when every consequence ends in `return` and the statement right after
 * the `if` is a `return`, that statement is the last arm (`if env == "production" { return pg }; return sqlite`).
 * Each `else if` is added to `chained`, so a walk that meets it later does not count it as a chain of its own.
 */
export function ifElseChainArms(node: Node, chained: Set<number>): Node[] | undefined {
  const arms: Node[] = [];
  for (let current: Node = node; ; ) {
    const consequence = current.childForFieldName('consequence');
    if (consequence) arms.push(consequence);
    const alternative = current.childForFieldName('alternative');
    if (!alternative) {
      let after = node.nextNamedSibling;
      while (after && /comment/.test(after.type)) after = after.nextNamedSibling;
      return after?.type === 'return_statement' && arms.length > 0 && arms.every(endsInReturn) ? [...arms, after] : undefined;
    }
    if (alternative.type !== 'if_statement') {
      arms.push(alternative);
      return arms;
    }
    chained.add(alternative.startIndex);
    current = alternative;
  }
}

/** Whether a block's last statement is a `return` (Go wraps a block's statements in a `statement_list`). */
function endsInReturn(block: Node): boolean {
  if (block.type === 'return_statement') return true;
  let last = block.lastNamedChild;
  if (last?.type === 'statement_list') last = last.lastNamedChild;
  return last?.type === 'return_statement';
}
