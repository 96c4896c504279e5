/**
 * The adapter registry: one adapter per language family. Adding a language is one adapter folder and one line here
 * (ARCHITECTURE.md, "How to add a language").
 */
import { languageOf } from '../languages';
import type { LanguageFamily } from '../types';
import { csharpAdapter } from './csharp';
import { goAdapter } from './go';
import { javaAdapter } from './java';
import { jsAdapter } from './js';
import { jsonAdapter } from './json';
import { propertiesAdapter } from './properties';
import { pythonAdapter } from './python';
import { rubyAdapter } from './ruby';
import type { LanguageAdapter } from './types';
import { yamlAdapter } from './yaml';

export const ADAPTERS: readonly LanguageAdapter[] = [
  jsAdapter,
  pythonAdapter,
  goAdapter,
  javaAdapter,
  csharpAdapter,
  rubyAdapter,
  // Config files: deploy-time app config (lang/config/scope.ts), judged by the same rules through their key paths.
  yamlAdapter,
  propertiesAdapter,
  jsonAdapter,
] as unknown as LanguageAdapter[];

const byFamily = new Map<LanguageFamily, LanguageAdapter>(ADAPTERS.map((a) => [a.spec.family, a]));

export function adapterFor(path: string, languageId?: string): LanguageAdapter | undefined {
  const spec = languageOf(path, languageId);
  return spec && byFamily.get(spec.family);
}

export function adapterOf(family: LanguageFamily): LanguageAdapter | undefined {
  return byFamily.get(family);
}
