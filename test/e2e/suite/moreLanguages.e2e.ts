/**
 * The languages beyond JS/TS and Python in a real VS Code, on files of the bundled examples: each file opens with
 * its VS Code language, gets its diagnostic, and the preferred quick fix rewrites the value into the language's own
 * environment read, after which the diagnostic goes. The files are copied from examples/ into the workspace (under
 * `services/`, so they are production code there) and removed afterwards.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyAction, codeActionsFor, ensureActive, EXTENSION_ID, fileUri, openFile, ourDiagnostics, rememberFiles, ruleId, waitFor, waitForRule } from './helpers';

interface Case {
  /** What the test is called after. */
  title: string;
  /** The example folder under examples/ and the file in it. */
  example: string;
  path: string;
  languageId: string;
  rule: string;
  /** The literal the fix must remove, and what the fixed text must read instead. */
  before: string;
  after: RegExp;
}

const CASES: Case[] = [
  {
    title: 'YAML: Spring Boot server.port becomes ${PORT:8081}',
    example: 'spring-service',
    path: 'src/main/resources/application.yml',
    languageId: 'yaml',
    rule: 'no-hardcoded-port',
    before: 'port: 8081',
    after: /^ {2}port: \$\{PORT:8081\}$/m,
  },
  {
    title: 'Go: a []byte signing key becomes os.Getenv("JWT_SECRET"), importing os once',
    example: 'go-service',
    path: 'auth.go',
    languageId: 'go',
    rule: 'no-hardcoded-secret',
    before: 'orders-jwt-s3cr3t-2024',
    after: /^var jwtSecret = \[\]byte\(os\.Getenv\("JWT_SECRET"\)\)$/m,
  },
  {
    title: 'Java: a String constant becomes System.getenv("JWT_SECRET")',
    example: 'spring-service',
    path: 'src/main/java/com/acme/orders/security/JwtService.java',
    languageId: 'java',
    rule: 'no-hardcoded-secret',
    before: 'orders-jwt-s3cr3t-2024',
    after: /private static final String JWT_SECRET = System\.getenv\("JWT_SECRET"\);/,
  },
  {
    title: 'C#: app.Run on a fixed port reads PORT through Environment.GetEnvironmentVariable',
    example: 'aspnet-app',
    path: 'Program.cs',
    languageId: 'csharp',
    rule: 'no-hardcoded-port',
    before: '0.0.0.0:5000',
    after: /app\.Run\("http:\/\/0\.0\.0\.0:" \+ \(System\.Environment\.GetEnvironmentVariable\("PORT"\) \?\? "5000"\)\);/,
  },
  {
    title: 'Ruby: Puma\'s port reads ENV.fetch("PORT")',
    example: 'rails-app',
    path: 'config/puma.rb',
    languageId: 'ruby',
    rule: 'no-hardcoded-port',
    before: 'port 3000',
    after: /^port Integer\(ENV\.fetch\("PORT", 3000\)\)$/m,
  },
  // XML: add the case for logback.xml (or NLog.config) here when the XML adapter lands — copy the file into
  // examples/spring-service (or examples/aspnet-app) and expect its Console-appender fix.
];

const FOLDER = 'services';
const target = (c: Case) => `${FOLDER}/${c.example}/${c.path}`;

export default function register(): void {
  describe('more languages: YAML, Go, Java, C#, Ruby', () => {
    let restore: () => Promise<void> = async () => {};
    before(async () => {
      await ensureActive();
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not loaded`);
      restore = await rememberFiles(['.env.example', FOLDER]);
      // The extension's folder is this repository: copy each example file into the workspace.
      for (const c of CASES) {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'examples', c.example, ...c.path.split('/')));
        await vscode.workspace.fs.writeFile(fileUri(target(c)), bytes);
      }
    });
    after(() => restore());

    for (const c of CASES) {
      it(c.title, async () => {
        const editor = await openFile(target(c));
        const uri = editor.document.uri;
        assert.equal(editor.document.languageId, c.languageId, `${c.path} opened as ${editor.document.languageId}`);
        const diagnostic = await waitForRule(uri, c.rule);
        assert.ok(editor.document.getText(diagnostic.range).length > 0, 'the diagnostic underlines nothing');
        const line = diagnostic.range.start.line;
        assert.ok(editor.document.lineAt(line).text.includes(c.before), `the ${c.rule} diagnostic is not on "${c.before}"`);

        const actions = await codeActionsFor(uri, diagnostic, vscode.CodeActionKind.QuickFix);
        const preferred = actions.filter((a) => a.isPreferred);
        assert.equal(preferred.length, 1, `expected one preferred fix, got ${JSON.stringify(actions.map((a) => a.title))}`);
        assert.match(preferred[0].title, /^Fix: /);
        await applyAction(preferred[0]);

        const text = editor.document.getText();
        assert.ok(!text.includes(c.before), `"${c.before}" is still in ${c.path}:\n${text}`);
        assert.match(text, c.after);
        if (c.languageId === 'go') assert.equal(text.match(/^\s*"os"$/gm)?.length, 1, `"os" is not imported exactly once:\n${text}`);
        await waitFor(`the ${c.rule} diagnostic on line ${line + 1} of ${c.path} to go away`, () =>
          ourDiagnostics(uri).every((d) => ruleId(d) !== c.rule || d.range.start.line !== line),
        );
        // VS Code saves the files of an applied edit by itself (files.refactoring.autoSave); save now, so no save is
        // still under way when the folder is deleted after the suite.
        await vscode.workspace.saveAll(false);
      });
    }
  });
}
