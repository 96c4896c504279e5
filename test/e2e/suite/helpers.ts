/** Shared helpers for the end-to-end suites: they run inside VS Code's extension host with the real `vscode` API. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'twelve-factor.twelve-factor-linter';
export const SOURCE = 'twelve-factor';
/** How long a condition may take to become true (a deadline for polling, not a timing assertion). */
const DEADLINE_MS = 45_000;

/** The fixture workspace copy the runner opened (never the repository's own files). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner must open the fixture workspace (test/e2e/fixtures/workspace copy)');
  return folder.uri;
}

export function fileUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

export async function openFile(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fileUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * Re-evaluates `probe` whenever diagnostics change (and at least every 200 ms, for other state) until it returns a
 * value other than undefined/false; fails with `what` after the deadline.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => done());
      const timer = setTimeout(() => done(), 200);
      function done(): void {
        sub.dispose();
        clearTimeout(timer);
        resolve();
      }
    });
  }
}

let activation: Promise<unknown> | undefined;

/**
 * Opens a JavaScript file and waits once (per run) for the extension to activate, so that when activation is
 * broken every suite fails at its `before` hook at once instead of each test running into its own deadline.
 */
export function ensureActive(): Promise<unknown> {
  activation ??= (async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await openFile('server.js');
    return waitFor(`${EXTENSION_ID} to activate`, () => extension.isActive);
  })();
  return activation;
}

/** This extension's diagnostics for a file. */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** The rule id a diagnostic carries in `code` (a plain string or `{ value, target }` with the docs link). */
export function ruleId(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Waits until the file has a diagnostic of the rule; returns it. */
export function waitForRule(uri: vscode.Uri, rule: string): Promise<vscode.Diagnostic> {
  return waitFor(`a ${rule} diagnostic in ${vscode.workspace.asRelativePath(uri)}`, () =>
    ourDiagnostics(uri).find((d) => ruleId(d) === rule),
  );
}

/** Waits until the file has no diagnostic of the rule. */
export function waitForRuleGone(uri: vscode.Uri, rule: string): Promise<true> {
  return waitFor(`the ${rule} diagnostic in ${vscode.workspace.asRelativePath(uri)} to go away`, () =>
    ourDiagnostics(uri).every((d) => ruleId(d) !== rule),
  );
}

/** Code actions VS Code offers for a diagnostic (with lazily resolved edits resolved). */
export async function codeActionsFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic, kind?: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    kind?.value,
    100,
  );
  // A bare Command has `command: string`; a CodeAction's `command` (if any) is an object.
  return (actions ?? []).filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
}

/** Applies a code action the way the editor does: its workspace edit, then its command. */
export async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `the edit of "${action.title}" was rejected`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  assert.ok(action.edit || action.command, `"${action.title}" carries neither an edit nor a command`);
}

/** Text of a file as VS Code sees it (including unsaved edits). */
export async function textOf(relativePath: string): Promise<string> {
  return (await vscode.workspace.openTextDocument(fileUri(relativePath))).getText();
}

/**
 * Remembers the files a suite is about to change; the returned function puts them back (content on disk, unsaved
 * edits reverted, files the suite created deleted) and closes all editors, so the next suite starts from the fixture.
 */
export async function rememberFiles(relativePaths: string[]): Promise<() => Promise<void>> {
  const saved = new Map<string, Uint8Array | undefined>();
  for (const path of relativePaths) {
    saved.set(path, await vscode.workspace.fs.readFile(fileUri(path)).then((bytes) => bytes, () => undefined));
  }
  return async () => {
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [path, bytes] of saved) {
      if (bytes) await vscode.workspace.fs.writeFile(fileUri(path), bytes);
      else await vscode.workspace.fs.delete(fileUri(path), { recursive: true }).then(undefined, () => undefined);
    }
  };
}
