import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyAction, codeActionsFor, ensureActive, fileUri, openFile, ourDiagnostics, rememberFiles, ruleId, textOf, waitForRule, waitForRuleGone } from './helpers';

const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('twelveFactor');

export default function register(): void {
  describe('code actions', () => {
    let restore: () => Promise<void> = async () => {};
    before(async () => {
      await ensureActive();
      restore = await rememberFiles(['db.js', 'server.js', 'app.py', '.env.example', '.vscode']);
    });
    after(() => restore());

    it('offers a preferred quick fix, documentation and disable actions for a finding', async () => {
      const editor = await openFile('db.js');
      const diagnostic = await waitForRule(editor.document.uri, 'no-credentials-in-url');
      const titles = (await codeActionsFor(editor.document.uri, diagnostic, vscode.CodeActionKind.QuickFix)).map((a) => a.title);
      assert.ok(titles.some((t) => t.startsWith('Fix: ')), `no "Fix: …" action among ${JSON.stringify(titles)}`);
      assert.ok(titles.includes('Disable no-credentials-in-url for this line'), `no disable action among ${JSON.stringify(titles)}`);
      assert.ok(titles.includes('Show documentation for no-credentials-in-url'), `no documentation action among ${JSON.stringify(titles)}`);
    });

    it('the preferred fix reads the URL from the environment and adds the name to .env.example', async () => {
      const editor = await openFile('db.js');
      const diagnostic = await waitForRule(editor.document.uri, 'no-credentials-in-url');
      const actions = await codeActionsFor(editor.document.uri, diagnostic, vscode.CodeActionKind.QuickFix);
      const preferred = actions.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1, `expected one preferred fix, got ${JSON.stringify(preferred.map((a) => a.title))}`);
      await applyAction(preferred[0]);

      const text = editor.document.getText();
      assert.ok(!text.includes('postgres://orders:'), 'the URL literal is still in db.js');
      const variable = /process\.env\.([A-Z][A-Z0-9_]*)/.exec(text)?.[1];
      assert.ok(variable, `db.js does not read the URL from process.env:\n${text}`);
      const envExample = await textOf('.env.example');
      assert.match(envExample, new RegExp(`^${variable}=\\s*$`, 'm'), `.env.example lacks ${variable}=:\n${envExample}`);
      assert.match(envExample, /^NODE_ENV=$/m, 'the existing .env.example entries must stay');
      assert.ok(!envExample.includes('hunter2-e2e'), '.env.example must hold names only, never the secret');
      await waitForRuleGone(editor.document.uri, 'no-credentials-in-url');
    });

    it('fixes all findings on save with editor.codeActionsOnSave source.fixAll.twelveFactor', async () => {
      const editorConfig = vscode.workspace.getConfiguration('editor');
      await editorConfig.update('codeActionsOnSave', { [FIX_ALL.value]: 'explicit' }, vscode.ConfigurationTarget.Workspace);
      try {
        const editor = await openFile('server.js');
        await waitForRule(editor.document.uri, 'no-hardcoded-port');
        // Saving needs a change: add a trailing comment line, then save explicitly.
        const edit = new vscode.WorkspaceEdit();
        edit.insert(editor.document.uri, editor.document.positionAt(editor.document.getText().length), '// saved by the e2e test\n');
        assert.ok(await vscode.workspace.applyEdit(edit));
        assert.ok(await editor.document.save(), 'save failed');
        const text = editor.document.getText();
        assert.ok(!/app\.listen\(3000\)/.test(text), `fix-all on save left the port hardcoded:\n${text}`);
        assert.match(text, /process\.env\.PORT/);
        assert.equal(editor.document.isDirty, false);
        await waitForRuleGone(editor.document.uri, 'no-hardcoded-port');
      } finally {
        await editorConfig.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });

    it('"Disable … for this line" adds a suppression comment that silences the finding (Python)', async () => {
      const editor = await openFile('app.py');
      const diagnostic = await waitForRule(editor.document.uri, 'no-hardcoded-port');
      const actions = await codeActionsFor(editor.document.uri, diagnostic, vscode.CodeActionKind.QuickFix);
      const disable = actions.find((a) => a.title === 'Disable no-hardcoded-port for this line');
      assert.ok(disable, `no disable action among ${JSON.stringify(actions.map((a) => a.title))}`);
      await applyAction(disable);
      const text = editor.document.getText();
      assert.match(text, /#\s*twelve-factor-disable[\w-]*\s+no-hardcoded-port/);
      await waitForRuleGone(editor.document.uri, 'no-hardcoded-port');
      // The comment itself must be a valid suppression (no invalid-suppression finding) and Python must stay valid.
      assert.deepEqual(ourDiagnostics(fileUri('app.py')).map((d) => ruleId(d)), []);
      assert.match(text, /app\.run\(port=5000\)/);
    });
  });
}
