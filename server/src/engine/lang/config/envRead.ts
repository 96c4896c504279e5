/**
 * How a config file reads an environment variable, by framework (ConfigFlavour): Spring's `${NAME}` and
 * `${NAME:default}`, docker-compose's `${NAME}` and `${NAME:-default}`, Rails' `<%= ENV.fetch("NAME") %>`. .NET
 * appsettings, node-config and other JSON or YAML files have no textual environment read: undefined, and the rules
 * offer no fix there.
 */
import type { EnvReadEdit, EnvReadRequest } from '../types';
import type { ConfigFlavour } from './scope';

export function configEnvRead(flavour: ConfigFlavour, request: EnvReadRequest): EnvReadEdit | undefined {
  const { name, fallback } = request;
  const prefix = request.prefix ?? '';
  switch (flavour) {
    case 'spring':
      return { text: `${prefix}\${${name}${fallback ? `:${fallback.value}` : ''}}`, edits: [] };
    case 'compose':
      return { text: `${prefix}\${${name}${fallback ? `:-${fallback.value}` : ''}}`, edits: [] };
    case 'rails': {
      const args = [JSON.stringify(name), ...(fallback ? [JSON.stringify(fallback.value)] : [])].join(', ');
      return { text: `${prefix}<%= ENV.fetch(${args}) %>`, edits: [] };
    }
    default:
      return undefined;
  }
}
