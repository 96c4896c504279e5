/** Rule documentation links for the client, without `vscode` (so tests can drive it directly). */
import { docsUrlFor } from '../../server/src/shared/docs';

export interface RuleChoice {
  id: string;
  description: string;
}

/** The rules as package.json lists them (generated from the registry by scripts/sync-package-json.mjs). */
export function rulesFromManifest(packageJSON: unknown): RuleChoice[] {
  const configuration = (packageJSON as { contributes?: { configuration?: unknown } } | undefined)?.contributes?.configuration;
  const sections = (Array.isArray(configuration) ? configuration : [configuration]) as ({ properties?: Record<string, { properties?: Record<string, { description?: string }> }> } | undefined)[];
  const rules = sections.map((s) => s?.properties?.['twelveFactor.rules']?.properties).find(Boolean) ?? {};
  return Object.entries(rules).map(([id, p]) => ({ id, description: p.description ?? '' }));
}

const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The docs URL for a command argument: a URL, a rule id, or `{ ruleId?, url? }` (what the server's code action
 * passes). Only http(s) URLs are opened — never another scheme handed in as an argument.
 */
export function documentationUrl(argument: unknown): string | undefined {
  const value = argument as { url?: unknown; ruleId?: unknown } | string | null | undefined;
  const url = typeof value === 'string' ? value : typeof value?.url === 'string' ? value.url : undefined;
  if (url && /^https?:\/\/[^\s]+$/i.test(url)) return url;
  const id = typeof value === 'string' ? value : typeof value?.ruleId === 'string' ? value.ruleId : undefined;
  if (id && RULE_ID.test(id)) return docsUrlFor(id);
  return undefined;
}
