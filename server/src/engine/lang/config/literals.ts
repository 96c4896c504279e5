/**
 * Config literals of a config file (YAML, .properties, JSON): every scalar value with its key path as context, so
 * that `spring.datasource.password: s3cr3t` is judged as a code literal named `password` inside `spring.datasource`
 * would be. The format adapters hand over their entries; the framework conventions (ConfigScope) decide which are
 * literals at all and which are environment reads already.
 */
import { classifyBackingService } from '../../backingServices';
import type { ConfigLiteral } from '../../facts';
import type { OffsetRange } from '../../types';
import { NON_PRODUCTION_NAMES, type ConfigScope } from './scope';

/** One scalar value of a config file, as its format adapter found it. */
export interface ConfigEntry {
  /** The keys above the value, outermost first, as written (a dotted key is one element here). */
  keys: string[];
  /** The value, escapes decoded. */
  value: string;
  /** The value as written, including quotes: replacing it replaces the value. */
  range: OffsetRange;
  /** The format marks the value as an environment read (a YAML `!ENV` tag). */
  envTagged?: boolean;
  /** The top-level key the value sits under, as written (a .properties key is its own top-level key). */
  rootKey?: OffsetRange;
  /** JSON: the full path with array indices (`Serilog.WriteTo[0].Name` → ['Serilog', 'WriteTo', 0, 'Name']). */
  path?: readonly (string | number)[];
}

/** `spring.datasource.password` → ['spring', 'datasource', 'password']; .NET's `Logging:LogLevel` too. */
export function splitKey(key: string): string[] {
  if (/[\s/]/.test(key)) return [key];
  const pieces = key.split(/[.:]/).filter(Boolean);
  return pieces.length > 0 ? pieces : [key];
}

/** Values an environment read fills in: Spring/compose `${NAME}`, Rails ERB (`<%= ENV.fetch(…) %>`). */
export const ENV_SYNTAX = /\$\{[^}]*\}|<%/;

/** Every config literal of the entries, in document order. */
export function configLiterals(entries: readonly ConfigEntry[], scope: ConfigScope): ConfigLiteral[] {
  if (scope.nonProduction || scope.envNames) return [];
  const paths = entries.map((entry) => entry.keys.flatMap(splitKey));
  // Siblings: the values of the same mapping, by key, whether written nested (YAML, JSON) or flat (.properties).
  const groups = new Map<string, Record<string, string>>();
  paths.forEach((path, i) => {
    if (path.length === 0) return;
    const owner = path.slice(0, -1).join('\u0000');
    let group = groups.get(owner);
    if (!group) groups.set(owner, (group = {}));
    group[path[path.length - 1]] ??= entries[i].value;
  });
  const out: ConfigLiteral[] = [];
  entries.forEach((entry, i) => {
    const path = paths[i];
    if (path.length === 0) return;
    // Rails: the `development:` and `test:` groups never configure a deploy.
    if (scope.flavour === 'rails' && NON_PRODUCTION_NAMES.has(path[0].toLowerCase())) return;
    const name = path[path.length - 1];
    const owners = path.slice(0, -1);
    const siblings = Object.freeze(groups.get(owners.join('\u0000')) ?? {});
    const envFallback = entry.envTagged === true || ENV_SYNTAX.test(entry.value);
    if (scope.flavour === 'compose') {
      // docker-compose files configure a development stack: judged by the value alone (as a positional argument is),
      // and a connection string only when it holds a real password for a host outside the compose network.
      const locator = classifyBackingService(entry.value);
      if (locator && (locator.localOnly || !locator.password)) return;
      out.push({ value: entry.value, range: entry.range, kind: 'argument', name, owners, siblings: {}, envFallback });
      return;
    }
    out.push({ value: entry.value, range: entry.range, kind: 'key', name, owners, siblings, envFallback });
  });
  return out;
}
