/**
 * The command registry (rust-analyzer's createCommands): each command is a factory that receives the Ctx and returns
 * the handler. Adding a command is one entry here plus its contribution in package.json.
 */
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { restartServer, showDocumentation, showOutput } from './server';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandHandler = (...args: any[]) => unknown;
export type CommandFactory = (ctx: Ctx) => CommandHandler;

/** Command ids (without the `twelveFactor.` prefix) → factories. */
export function createCommands(): Record<string, CommandFactory> {
  return {
    restartServer,
    showOutput,
    showDocumentation,
  };
}

export const COMMAND_PREFIX = 'twelveFactor.';

export function registerCommands(ctx: Ctx, factories: Record<string, CommandFactory>): void {
  for (const [name, factory] of Object.entries(factories)) {
    ctx.pushDisposable(vscode.commands.registerCommand(COMMAND_PREFIX + name, factory(ctx)));
  }
}
