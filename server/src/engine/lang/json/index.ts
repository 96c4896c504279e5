/**
 * The JSON/JSONC adapter (`jsonc-parser`: a tolerant scanner with offsets; comments and trailing commas allowed, as
 * .NET's configuration reader and node-config allow them). .NET `appsettings*.json` and node-config `config/*.json`;
 * ../config/scope.ts says which files count. JSON has no textual environment read, so no fix is offered here.
 */
import { visit } from 'jsonc-parser';
import { specOf } from '../../languages';
import type { OffsetRange } from '../../types';
import { commentLookup } from '../config/comments';
import { configEnvGroupedConfig } from '../config/envGroupedConfig';
import { configListenSites } from '../config/listenSites';
import { configLogSinks } from '../config/logSinks';
import { configLiterals, type ConfigEntry } from '../config/literals';
import { configScope, type ConfigScope } from '../config/scope';
import type { LanguageAdapter, ParsedFile } from '../types';

export interface ParsedJson extends ParsedFile {
  scope: ConfigScope;
  entries: ConfigEntry[];
}

export function parseJson(text: string, path: string): ParsedJson {
  const entries: ConfigEntry[] = [];
  const comments: OffsetRange[] = [];
  let syntaxErrors = false;
  let rootKey: OffsetRange | undefined;
  visit(
    text,
    {
      onObjectProperty: (_property, offset, length, _line, _character, pathSupplier) => {
        if (pathSupplier().length === 0) rootKey = { start: offset, end: offset + length };
      },
      onLiteralValue: (value: unknown, offset, length, _line, _character, pathSupplier) => {
        // Strings, and numbers as written; booleans and nulls hold no config text.
        if (typeof value !== 'string' && typeof value !== 'number') return;
        const path = pathSupplier();
        const keys = path.filter((k): k is string => typeof k === 'string');
        const range = { start: offset, end: offset + length };
        entries.push({ keys, value: typeof value === 'string' ? value : text.slice(offset, offset + length), range, path: [...path], rootKey: path.length > 0 ? rootKey : undefined });
      },
      onComment: (offset, length) => void comments.push({ start: offset, end: offset + length }),
      onError: () => void (syntaxErrors = true),
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  return { scope: configScope(path, text), entries, syntaxErrors, commentAt: commentLookup(comments), release: () => {} };
}

export const jsonAdapter: LanguageAdapter<ParsedJson> = {
  spec: specOf('json'),
  newCache: () => ({ dispose: () => {} }),
  parse: (input) => parseJson(input.text, input.path),
  facts: {
    configLiterals: ({ parsed }) => configLiterals(parsed.entries, parsed.scope),
    listenSites: ({ parsed }) => configListenSites(parsed.entries, parsed.scope),
    logSinks: ({ parsed }) => configLogSinks(parsed.entries, parsed.scope),
    envGroupedConfig: ({ parsed }) => configEnvGroupedConfig(parsed.entries, parsed.scope),
  },
  envRead: () => undefined,
};
