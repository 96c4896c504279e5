import { docsUrlFor } from '../shared/docs';
import { ADAPTERS } from './lang';
import { supplies } from './lang/types';
import type { LanguageFamily, Rule, RuleDefinition } from './types';

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Makes a rule module: validates the metadata once, derives `languages` and `docsUrl`. */
export function defineRule(definition: RuleDefinition): Rule {
  if (!ID.test(definition.id)) throw new Error(`rule id '${definition.id}' is not kebab-case`);
  if (!definition.check && !definition.project) throw new Error(`rule '${definition.id}' has neither check nor project`);
  if (definition.check && !definition.uses) throw new Error(`rule '${definition.id}' has a check but does not say which facts it uses`);
  // A rule runs on every language whose adapter supplies all the facts it uses.
  const languages: LanguageFamily[] = definition.check
    ? ADAPTERS.filter((adapter) => supplies(adapter, definition.uses!)).map((adapter) => adapter.spec.family)
    : [];
  return Object.freeze({ ...definition, languages, docsUrl: docsUrlFor(definition.id) });
}
