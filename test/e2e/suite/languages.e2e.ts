/**
 * The extension's languages in a real VS Code: `.env` files and Procfiles open as `dotenv` and `procfile`, so the
 * extension's grammars colour them (the colours themselves are checked in the browser by scripts/ui-check.mjs).
 * VS Code's built-in ini extension also claims `.env` (as `properties`): the extension's association must win.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, fileUri } from './helpers';

interface Contributed {
  languages?: Array<{ id: string }>;
  grammars?: Array<{ language: string; scopeName: string; path: string }>;
}

/** Files of the fixture workspace and the language each must open as. */
const FILES: Array<[path: string, languageId: string]> = [
  ['.env', 'dotenv'],
  ['.env.example', 'dotenv'],
  ['Procfile', 'procfile'],
];

export default function register(): void {
  describe('languages: .env and Procfile', () => {
    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('contributes a grammar for each of its languages, and VS Code knows the languages', async () => {
      const contributes: Contributed = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes ?? {};
      const known = new Set(await vscode.languages.getLanguages());
      for (const id of ['dotenv', 'procfile']) {
        assert.ok(contributes.languages?.some((l) => l.id === id), `package.json contributes no language ${id}`);
        const grammar = contributes.grammars?.find((g) => g.language === id);
        assert.ok(grammar, `package.json contributes no grammar for ${id}`);
        assert.equal(grammar.scopeName, `source.${id}`);
        assert.ok(known.has(id), `VS Code does not know the language ${id}: ${[...known].sort().join(', ')}`);
      }
    });

    for (const [path, languageId] of FILES) {
      it(`opens ${path} as ${languageId}`, async () => {
        const document = await vscode.workspace.openTextDocument(fileUri(path));
        await vscode.window.showTextDocument(document, { preview: false });
        assert.ok(document.getText().length > 0, `the fixture ${path} is empty`);
        assert.equal(document.languageId, languageId, `${path} opened as ${document.languageId}`);
      });
    }
  });
}
