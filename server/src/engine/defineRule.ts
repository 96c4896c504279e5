import { docsUrlFor } from '../shared/docs';
import type { LanguageFamily, Rule, RuleDefinition } from './types';

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Makes a rule module: validates the metadata once, derives `languages` and `docsUrl`. */
export function defineRule(definition: RuleDefinition): Rule {
  if (!ID.test(definition.id)) throw new Error(`rule id '${definition.id}' is not kebab-case`);
  if (!definition.check && !definition.project) throw new Error(`rule '${definition.id}' has neither check nor project`);
  const languages = Object.keys(definition.check ?? {}) as LanguageFamily[];
  return Object.freeze({ ...definition, languages, docsUrl: docsUrlFor(definition.id) });
}
