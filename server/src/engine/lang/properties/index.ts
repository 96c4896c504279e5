/**
 * The Java .properties adapter (a tokenizer of the format in ./parse.ts). Spring Boot's `application*.properties` are
 * the main case: `${NAME}` / `${NAME:default}` placeholders read the environment, and are the fix.
 */
import { specOf } from '../../languages';
import { configEnvRead } from '../config/envRead';
import { commentLookup } from '../config/comments';
import { configEnvGroupedConfig } from '../config/envGroupedConfig';
import { configListenSites } from '../config/listenSites';
import { configLogSinks } from '../config/logSinks';
import { configLiterals, type ConfigEntry } from '../config/literals';
import { configScope, type ConfigScope } from '../config/scope';
import type { LanguageAdapter, ParsedFile } from '../types';
import { parseProperties } from './parse';

export interface ParsedProperties extends ParsedFile {
  scope: ConfigScope;
  entries: ConfigEntry[];
}

export const propertiesAdapter: LanguageAdapter<ParsedProperties> = {
  spec: specOf('properties'),
  newCache: () => ({ dispose: () => {} }),
  parse: ({ text, path }) => {
    const file = parseProperties(text);
    // A key alone (`spring.datasource.password=`) has an empty value: nothing to judge, and no range to replace.
    const entries = file.entries.filter((e) => e.value !== '').map((e): ConfigEntry => ({ keys: [e.key], value: e.value, range: e.valueRange, rootKey: e.keyRange }));
    return { scope: configScope(path, text), entries, syntaxErrors: file.malformed, commentAt: commentLookup(file.comments), release: () => {} };
  },
  facts: {
    configLiterals: ({ parsed }) => configLiterals(parsed.entries, parsed.scope),
    listenSites: ({ parsed }) => configListenSites(parsed.entries, parsed.scope),
    logSinks: ({ parsed }) => configLogSinks(parsed.entries, parsed.scope),
    envGroupedConfig: ({ parsed }) => configEnvGroupedConfig(parsed.entries, parsed.scope),
  },
  envRead: ({ parsed }, request) => configEnvRead(parsed.scope.flavour, request),
};
