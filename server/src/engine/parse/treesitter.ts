import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser, Query, type Tree } from 'web-tree-sitter';
import { specOf } from '../languages';
import type { TreeSitterFamily } from '../types';

/**
 * Lazy tree-sitter: the runtime is initialised on the first tree-sitter file, each grammar on the first file of
 * its language. Queries are compiled once per grammar. Callers must `delete()` every tree they get.
 */
let wasmDirectory: string | undefined;
let runtime: Promise<void> | undefined;
const grammars = new Map<TreeSitterFamily, Promise<Language>>();
const parsers = new Map<TreeSitterFamily, Parser>();
const queries = new Map<Language, Map<string, Query>>();

/** Tells the engine where the .wasm files are (the bundled server ships them next to itself). */
export function setWasmDirectory(directory: string): void {
  wasmDirectory = directory;
}

function locate(file: string): string {
  const candidates: string[] = [];
  if (wasmDirectory) candidates.push(path.join(wasmDirectory, file));
  candidates.push(path.join(__dirname, 'wasm', file));
  for (const candidate of candidates) if (fs.existsSync(candidate)) return candidate;
  if (file === 'web-tree-sitter.wasm') return require.resolve('web-tree-sitter/web-tree-sitter.wasm');
  return require.resolve(`@vscode/tree-sitter-wasm/wasm/${file}`);
}

export function grammarLoaded(family: TreeSitterFamily): boolean {
  return parsers.has(family);
}

async function loadGrammar(family: TreeSitterFamily): Promise<Language> {
  runtime ??= Parser.init({ locateFile: (name: string) => locate(name) });
  await runtime;
  const grammar = specOf(family).grammar;
  if (!grammar) throw new Error(`no grammar for ${family}`);
  const language = await Language.load(fs.readFileSync(locate(grammar)));
  const parser = new Parser();
  parser.setLanguage(language);
  parsers.set(family, parser);
  return language;
}

export function treeSitterLanguage(family: TreeSitterFamily): Promise<Language> {
  let pending = grammars.get(family);
  if (!pending) {
    pending = loadGrammar(family);
    pending.catch(() => grammars.delete(family));
    grammars.set(family, pending);
  }
  return pending;
}

/** Parses with the family's grammar. Bad syntax yields a tree with ERROR nodes, never an exception. */
export async function parseTreeSitter(family: TreeSitterFamily, text: string): Promise<{ tree: Tree; language: Language }> {
  const language = await treeSitterLanguage(family);
  const parser = parsers.get(family)!;
  const tree = parser.parse(text);
  if (!tree) throw new Error(`tree-sitter returned no tree for a ${family} file`);
  return { tree, language };
}

export function compiledQuery(language: Language, source: string): Query {
  let perLanguage = queries.get(language);
  if (!perLanguage) {
    perLanguage = new Map();
    queries.set(language, perLanguage);
  }
  let query = perLanguage.get(source);
  if (!query) {
    query = new Query(language, source);
    perLanguage.set(source, query);
  }
  return query;
}
