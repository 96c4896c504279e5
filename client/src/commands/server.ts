/** Commands about the language server itself and rule documentation. */
import * as vscode from 'vscode';
import { docsUrlFor } from '../../../server/src/shared/docs';
import { documentationUrl, rulesFromManifest } from '../ruleDocs';
import type { CommandFactory } from '.';

export const restartServer: CommandFactory = (ctx) => async () => {
  await ctx.restart();
};

export const showOutput: CommandFactory = (ctx) => () => {
  ctx.output.show(true);
};

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
