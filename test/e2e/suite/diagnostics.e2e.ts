import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ensureActive, fileUri, openFile, ourDiagnostics, ruleId, waitFor, waitForRule } from './helpers';

/** The password in the fixture's database URL: it must never appear in a message. */
const FIXTURE_PASSWORD = 'hunter2-e2e';

function textAt(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): string {
  return document.getText(diagnostic.range);
}

export default function register(): void {
  describe('diagnostics', () => {
    before(() => ensureActive());

    it('flags the hardcoded database URL with credentials, masked, with rule id and docs link', async () => {
      const editor = await openFile('db.js');
      const diagnostic = await waitForRule(editor.document.uri, 'no-credentials-in-url');
      assert.equal(diagnostic.source, 'twelve-factor');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.match(textAt(editor.document, diagnostic), /postgres:\/\/orders:/);
      assert.ok(typeof diagnostic.code === 'object', 'code should carry the docs link (codeDescription.href)');
      assert.match(String(diagnostic.code.target), /no-credentials-in-url/);
      for (const d of ourDiagnostics(editor.document.uri)) {
        assert.ok(!d.message.includes(FIXTURE_PASSWORD), `message echoes the password: ${d.message.replace(FIXTURE_PASSWORD, '<leaked>')}`);
      }
      assert.match(diagnostic.message, /\*\*\*\*/, 'the message should show the URL with its password masked');
    });

    it('flags app.listen(3000) in JavaScript', async () => {
      const editor = await openFile('server.js');
      const diagnostic = await waitForRule(editor.document.uri, 'no-hardcoded-port');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(textAt(editor.document, diagnostic), /3000/);
    });

    it('flags app.run(port=5000) in Python', async () => {
      const editor = await openFile('app.py');
      const diagnostic = await waitForRule(editor.document.uri, 'no-hardcoded-port');
      assert.match(textAt(editor.document, diagnostic), /5000/);
    });

    it('does not flag the same code in a test file', async () => {
      const testFile = await openFile('test/db.test.js');
      // Sync point: after the test file is open, change db.js so its finding moves down a line, and wait for the
      // moved diagnostic. The server handles notifications in order, so by then it has analysed the test file too.
      const db = await vscode.workspace.openTextDocument(fileUri('db.js'));
      const original = await waitForRule(db.uri, 'no-credentials-in-url');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(db.uri, new vscode.Position(0, 0), '\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor('the db.js diagnostic to be republished one line lower', () =>
        ourDiagnostics(db.uri).some((d) => ruleId(d) === 'no-credentials-in-url' && d.range.start.line === original.range.start.line + 1),
      );
      const flagged = ourDiagnostics(testFile.document.uri).map((d) => `${ruleId(d)}: ${d.message}`);
      assert.deepEqual(flagged, []);

      // Proof that the file is analysed and left out for being a test: with twelveFactor.testFiles = "hint" its
      // findings appear as hints, and they go again when the setting is back to its default.
      const config = vscode.workspace.getConfiguration('twelveFactor', testFile.document.uri);
      await config.update('testFiles', 'hint', vscode.ConfigurationTarget.Workspace);
      try {
        const hints = await waitFor('hints in the test file with twelveFactor.testFiles = "hint"', () => {
          const ids = ourDiagnostics(testFile.document.uri).map((d) => ruleId(d));
          return ids.includes('no-credentials-in-url') && ids.includes('no-hardcoded-port') ? ourDiagnostics(testFile.document.uri) : undefined;
        });
        assert.ok(hints.every((d) => d.severity === vscode.DiagnosticSeverity.Hint), 'findings in tests are hints only');
      } finally {
        await config.update('testFiles', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await waitFor('the test file\'s hints to go with the default setting', () => ourDiagnostics(testFile.document.uri).length === 0);

      const undo = new vscode.WorkspaceEdit();
      undo.delete(db.uri, new vscode.Range(0, 0, 1, 0));
      assert.ok(await vscode.workspace.applyEdit(undo));
      await waitFor('the db.js diagnostic back on its line', () =>
        ourDiagnostics(db.uri).some((d) => ruleId(d) === 'no-credentials-in-url' && d.range.start.line === original.range.start.line),
      );
    });
  });
}
