/** The Go adapter (tree-sitter-go): project facts today; file facts join as the Go rules land. */
import { specOf } from '../../languages';
import { TreeSitterParseCache } from '../treesitter';
import { parseTree, type ParsedTree } from '../treesitterAdapter';
import type { LanguageAdapter } from '../types';
import { extractGoFacts } from './projectFacts';

export const goAdapter: LanguageAdapter<ParsedTree> = {
  spec: specOf('go'),
  newCache: () => new TreeSitterParseCache(),
  parse: (input, cache) => parseTree('go', input.text, cache),
  facts: {},
  envRead: (_input, request) => ({ text: `os.Getenv(${JSON.stringify(request.name)})`, edits: [] }),
  projectFacts: (parsed) => extractGoFacts(parsed.root),
};
