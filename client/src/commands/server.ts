/** Commands about the language server itself and rule documentation. */
import * as vscode from 'vscode';
import { docsUrlFor } from '../../../server/src/engine/defineRule';
import type { CommandFactory } from '.';

export const restartServer: CommandFactory = (ctx) => async () => {
  await ctx.restart();
};

export const showOutput: CommandFactory = (ctx) => () => {
  ctx.output.show(true);
};

export interface RuleChoice {
  id: string;
  description: string;
}

/** The rules as package.json lists them (generated from the registry by scripts/sync-package-json.mjs). */
export function rulesFromManifest(packageJSON: unknown): RuleChoice[] {
  const configuration = (packageJSON as { contributes?: { configuration?: unknown } } | undefined)?.contributes?.configuration;
  const sections = (Array.isArray(configuration) ? configuration : [configuration]) as { properties?: Record<string, { properties?: Record<string, { description?: string }> }> }[];
  const rules = sections.map((s) => s?.properties?.['twelveFactor.rules']?.properties).find(Boolean) ?? {};
  return Object.entries(rules).map(([id, p]) => ({ id, description: p.description ?? '' }));
}

const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The docs URL for a command argument: a URL, a rule id, or `{ ruleId?, url? }` (what the server's code action
 * passes). Only http(s) links to the rule pages are opened — never an arbitrary scheme from an argument.
 */
export function documentationUrl(argument: unknown): string | undefined {
  const value = argument as { url?: unknown; ruleId?: unknown } | string | undefined;
  const url = typeof value === 'string' ? value : typeof value?.url === 'string' ? value.url : undefined;
  if (url && /^https?:\/\//i.test(url)) return url;
  const id = typeof value === 'string' ? value : typeof value?.ruleId === 'string' ? value.ruleId : undefined;
  if (id && RULE_ID.test(id)) return docsUrlFor(id);
  return undefined;
}

/** Opens a rule's documentation; without an argument, asks which rule. Returns the URL opened (for tests). */
export const showDocumentation: CommandFactory = (ctx) => async (argument?: unknown) => {
  let url = documentationUrl(argument);
  if (!url && argument === undefined) {
    const choices = rulesFromManifest(ctx.extension.extension.packageJSON);
    const picked = await vscode.window.showQuickPick(
      choices.map((c) => ({ label: c.id, detail: c.description })),
      { title: 'Twelve-Factor: Show Rule Documentation', placeHolder: 'Rule' },
    );
    if (!picked) return undefined;
    url = docsUrlFor(picked.label);
  }
  if (!url) {
    void vscode.window.showWarningMessage(`Twelve-Factor: no documentation for ${JSON.stringify(argument)}.`);
    return undefined;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url));
  return url;
};
