/**
 * Which files each language family covers, as data: file extensions and VS Code language ids. The engine's language
 * table (engine/languages.ts) adds how each family is parsed and commented; the client builds its document selector
 * from the same ids.
 */

export interface LanguageFiles {
  family: string;
  /** File extensions, lower case, with the dot. */
  extensions: readonly string[];
  /** VS Code language ids. */
  languageIds: readonly string[];
}

export const LANGUAGE_FILES = [
  {
    family: 'js',
    extensions: ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.tsx', '.mts', '.cts'],
    languageIds: ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'],
  },
  { family: 'python', extensions: ['.py', '.pyw'], languageIds: ['python'] },
  { family: 'go', extensions: ['.go'], languageIds: ['go'] },
  { family: 'java', extensions: ['.java'], languageIds: ['java'] },
  { family: 'csharp', extensions: ['.cs'], languageIds: ['csharp'] },
  { family: 'ruby', extensions: ['.rb', '.ru'], languageIds: ['ruby'] }, // .ru: Rack's config.ru
  // Config formats: only deploy-time app config is analysed (the engine's scope rules), not every such file.
  { family: 'yaml', extensions: ['.yml', '.yaml'], languageIds: ['yaml', 'dockercompose'] },
  { family: 'properties', extensions: ['.properties'], languageIds: ['properties'] },
  { family: 'json', extensions: ['.json', '.jsonc'], languageIds: ['json', 'jsonc'] },
] as const satisfies readonly LanguageFiles[];

/**
 * Language families the engine parses. `js` covers JavaScript, TypeScript, JSX and TSX (TypeScript compiler API);
 * python, go, java, csharp and ruby are tree-sitter grammars; yaml, properties and json are config formats.
 */
export type LanguageFamily = (typeof LANGUAGE_FILES)[number]['family'];

/** The files of one family. */
export function languageFiles(family: LanguageFamily): LanguageFiles {
  const files = LANGUAGE_FILES.find((l) => l.family === family);
  if (!files) throw new Error(`unknown language family ${family}`);
  return files;
}

/** Project files the server reads as documents too (contributed by package.json's `languages`). */
export const PROJECT_FILE_LANGUAGE_IDS = ['procfile', 'dotenv'] as const;

/** Every VS Code language id the server analyses: the client's document selector. */
export const ANALYSED_LANGUAGE_IDS: readonly string[] = [...new Set([...LANGUAGE_FILES.flatMap((l) => l.languageIds), ...PROJECT_FILE_LANGUAGE_IDS])];
