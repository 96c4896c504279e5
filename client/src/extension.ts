/**
 * Extension entry point: builds the Ctx, registers commands (and, later, views), starts the language server.
 * A feature adds itself with one `register…(ctx)` call here.
 */
import type * as vscode from 'vscode';
import { createCommands, registerCommands } from './commands';
import { registerChecklist } from './checklist';
import { Ctx } from './ctx';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<Ctx> {
  ctx = new Ctx(context);
  registerCommands(ctx, createCommands());
  registerChecklist(ctx);
  await ctx.start();
  return ctx;
}

export async function deactivate(): Promise<void> {
  const current = ctx;
  ctx = undefined;
  await current?.dispose();
}
