import { languageFiles } from '../shared/languages';
import { isAppConfigFile } from './lang/config/scope';
import type { LanguageFamily, TreeSitterFamily } from './types';

/** How each family is recognised, parsed and commented. Adding a tree-sitter language is one entry here. */
export interface LanguageSpec {
  family: LanguageFamily;
  /** File extensions, lower case, with the dot. */
  extensions: string[];
  /** VS Code language ids. */
  languageIds: string[];
  /** Line comment token used when inserting suppression comments. */
  lineComment: string;
  /** Grammar file in @vscode/tree-sitter-wasm/wasm, for tree-sitter families. */
  grammar?: string;
  /**
   * Only these files of the extension are analysed (config formats: deploy-time app config, not every YAML or JSON
   * file — see engine/lang/config/scope.ts).
   */
  accepts?: (path: string) => boolean;
}

/** A family's extensions and language ids, from the data list in shared/ (the client's document selector reads it too). */
function filesOf(family: LanguageFamily): Pick<LanguageSpec, 'family' | 'extensions' | 'languageIds'> {
  const files = languageFiles(family);
  return { family, extensions: [...files.extensions], languageIds: [...files.languageIds] };
}

export const LANGUAGES: readonly LanguageSpec[] = [
  { ...filesOf('js'), lineComment: '//' },
  { ...filesOf('python'), lineComment: '#', grammar: 'tree-sitter-python.wasm' },
  { ...filesOf('go'), lineComment: '//', grammar: 'tree-sitter-go.wasm' },
  { ...filesOf('java'), lineComment: '//', grammar: 'tree-sitter-java.wasm' },
  { ...filesOf('csharp'), lineComment: '//', grammar: 'tree-sitter-c-sharp.wasm' },
  { ...filesOf('ruby'), lineComment: '#', grammar: 'tree-sitter-ruby.wasm' },
  { ...filesOf('yaml'), lineComment: '#', accepts: isAppConfigFile },
  { ...filesOf('properties'), lineComment: '#', accepts: isAppConfigFile },
  // appsettings*.json and node-config files accept `//` comments (both frameworks strip them), so suppressions can go there.
  { ...filesOf('json'), lineComment: '//', accepts: isAppConfigFile },
];

const byExtension = new Map<string, LanguageSpec>();
const byLanguageId = new Map<string, LanguageSpec>();
for (const spec of LANGUAGES) {
  for (const ext of spec.extensions) byExtension.set(ext, spec);
  for (const id of spec.languageIds) byLanguageId.set(id, spec);
}

export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** The language of a file, by VS Code language id first, then by extension. */
export function languageOf(path: string, languageId?: string): LanguageSpec | undefined {
  const spec = (languageId && byLanguageId.get(languageId)) || byExtension.get(extensionOf(path));
  return spec && (!spec.accepts || spec.accepts(path)) ? spec : undefined;
}

export function specOf(family: LanguageFamily): LanguageSpec {
  const spec = LANGUAGES.find((l) => l.family === family);
  if (!spec) throw new Error(`unknown language family ${family}`);
  return spec;
}

export function isTreeSitterFamily(family: LanguageFamily): family is TreeSitterFamily {
  return specOf(family).grammar !== undefined;
}

export function isTypeScriptPath(path: string): boolean {
  return ['.ts', '.tsx', '.mts', '.cts'].includes(extensionOf(path));
}
