import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFile, waitFor } from './helpers';

export default function register(): void {
  describe('activation', () => {
    it('is installed from the development path with its manifest', () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not loaded`);
      assert.equal(extension.packageJSON.name, 'twelve-factor-linter');
    });

    it('activates when a JavaScript file is opened', async () => {
      await openFile('server.js');
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension);
      await waitFor(`${EXTENSION_ID} to activate`, () => extension.isActive);
    });

    it('registers its commands under the twelveFactor. prefix', async () => {
      const contributed: Array<{ command: string }> = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes?.commands ?? [];
      assert.ok(contributed.length > 0, 'package.json contributes no commands');
      const registered = new Set(await vscode.commands.getCommands(true));
      for (const { command } of contributed) {
        assert.match(command, /^twelveFactor\./);
        assert.ok(registered.has(command), `${command} is contributed but not registered after activation`);
      }
    });
  });
}
