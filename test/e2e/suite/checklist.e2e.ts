/**
 * The checklist view and the palette audits in a real VS Code: two files written to the workspace and never opened,
 * then Audit Workspace, the Problems panel, the tree's twelve factors and statuses, a finding that opens its line,
 * the report in the Markdown preview, a factor page and the SARIF export.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Ctx } from '../../../client/src/ctx';
import type { FactorNode, FindingNode, TreeNode } from '../../../client/src/checklist/model';
import { buildFixEdit } from '../../../client/src/commands/checklist';
import { WorkspaceFixesRequest, type AuditWorkspaceResult, type WorkspaceFixesResult } from '../../../server/src/shared/protocol';
import { EXTENSION_ID, fileUri, ourDiagnostics, ruleId, waitFor, workspaceRoot } from './helpers';

const FOLDER = 'checklist-e2e';
const LOGGER = `${FOLDER}/logger.js`;
const SESSIONS = `${FOLDER}/sessions.js`;
const LISTEN = `${FOLDER}/listen.js`;
const FACTOR_ORDER = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

const FILES: Record<string, string> = {
  [LOGGER]: [
    "const fs = require('fs');",
    '',
    'function audit(line) {',
    "  fs.appendFileSync('/var/log/orders-audit.log', `${new Date().toISOString()} ${line}\\n`);",
    '}',
    '',
    'module.exports = { audit };',
    '',
  ].join('\n'),
  [LISTEN]: ["const app = require('./sessions');", '', 'app.listen(4000);', ''].join('\n'),
  [SESSIONS]: [
    "const express = require('express');",
    "const session = require('express-session');",
    '',
    'const app = express();',
    'app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));',
    '',
    'module.exports = app;',
    '',
  ].join('\n'),
};

function isOpen(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
}

function factorNode(roots: readonly TreeNode[], factor: string): FactorNode {
  const node = roots.find((n): n is FactorNode => n.kind === 'factor' && n.factor === factor);
  assert.ok(node, `no node for factor ${factor}`);
  return node;
}

export default function register(): void {
  describe('checklist view and workspace audit', () => {
    let ctx: Ctx;

    before(async () => {
      for (const [path, text] of Object.entries(FILES)) await vscode.workspace.fs.writeFile(fileUri(path), new TextEncoder().encode(text));
      const extension = vscode.extensions.getExtension<Ctx>(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not loaded`);
      ctx = await extension.activate();
      await waitFor('the language server to run', () => ctx.client !== undefined);
      assert.ok(ctx.checklist, 'registerChecklist did not run');
    });

    after(async () => {
      await vscode.workspace.fs.delete(fileUri(FOLDER), { recursive: true, useTrash: false });
    });

    it('lists the twelve factors in order, with a manual checklist for factors no rule covers', async () => {
      await waitFor('the rule list from the server', () => ctx.checklist!.store.knownRules.length > 0);
      const roots = ctx.checklist!.provider.getChildren();
      assert.deepEqual(roots.filter((n) => n.kind === 'factor').map((n) => (n as FactorNode).factor), FACTOR_ORDER);
      const covered = new Set(ctx.checklist!.store.knownRules.map((r) => r.factor));
      const uncovered = FACTOR_ORDER.filter((f) => !covered.has(f as never));
      for (const factor of uncovered) {
        const node = factorNode(roots, factor);
        assert.equal(node.status, 'manual', `factor ${factor}`);
        assert.ok(node.children.length > 0 && node.children.every((c) => c.kind === 'manual'));
      }
      const item = ctx.checklist!.provider.getTreeItem(factorNode(roots, 'III'));
      assert.equal(item.label, 'III. Config');
      assert.match(String(item.tooltip), /environment/);
    });

    let result: AuditWorkspaceResult;
    it('Audit Workspace fills the Problems panel from files that were never opened', async () => {
      result = (await vscode.commands.executeCommand<AuditWorkspaceResult>('twelveFactor.auditWorkspace'))!;
      assert.ok(result, 'the command returned no result');
      assert.equal(result.folders[0].folder, workspaceRoot().toString());
      for (const [path, rule] of [[LOGGER, 'no-file-logging'], [SESSIONS, 'no-in-memory-session']]) {
        const uri = fileUri(path);
        assert.equal(isOpen(uri), false, `${path} must not be open`);
        const diagnostic = await waitFor(`${rule} in the Problems panel for ${path}`, () => ourDiagnostics(uri).find((d) => ruleId(d) === rule));
        assert.equal(diagnostic.source, 'twelve-factor');
      }
    });

    it('shows each factor\'s status, count and findings after the audit', async () => {
      const roots = await waitFor('the checklist to show the audit', () => {
        const nodes = ctx.checklist!.provider.getChildren();
        return factorNode(nodes, 'XI').status !== 'notChecked' ? nodes : undefined;
      });
      const logs = factorNode(roots, 'XI');
      assert.equal(logs.status, 'warning');
      const logFinding = logs.children.find((c): c is FindingNode => c.kind === 'finding' && c.description.startsWith(`${LOGGER}:`));
      assert.ok(logFinding, JSON.stringify(logs.children));
      assert.equal(logFinding.ruleId, 'no-file-logging');
      const item = ctx.checklist!.provider.getTreeItem(logs);
      assert.ok(item.iconPath instanceof vscode.ThemeIcon && item.iconPath.id === 'warning');
      assert.match(String(item.description), /\d+ warnings?/);

      const processes = factorNode(roots, 'VI');
      assert.ok(processes.status === 'warning' || processes.status === 'fail', processes.status);
      assert.ok(processes.children.some((c) => c.kind === 'finding' && c.ruleId === 'no-in-memory-session'));

      // Every factor's status agrees with the findings the audit returned for it.
      const findings = result.folders.flatMap((f) => f.files.flatMap((file) => file.findings));
      for (const factor of FACTOR_ORDER) {
        const own = findings.filter((f) => f.factor === factor && f.severity !== 'hint');
        const node = factorNode(roots, factor);
        if (own.some((f) => f.severity === 'error')) assert.equal(node.status, 'fail', factor);
        else if (own.length) assert.equal(node.status, 'warning', factor);
        else assert.ok(['pass', 'manual', 'notApplicable'].includes(node.status), `${factor}: ${node.status}`);
      }
    });

    it('a finding opens its file at the finding', async () => {
      const logs = factorNode(ctx.checklist!.provider.getChildren(), 'XI');
      const finding = logs.children.find((c): c is FindingNode => c.kind === 'finding' && c.description.startsWith(`${LOGGER}:`))!;
      const command = ctx.checklist!.provider.getTreeItem(finding).command;
      assert.ok(command);
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      const editor = await waitFor('the finding to open', () => (vscode.window.activeTextEditor?.document.uri.toString() === fileUri(LOGGER).toString() ? vscode.window.activeTextEditor : undefined));
      assert.equal(editor.selection.start.line, finding.range.start.line);
      assert.equal(editor.selection.start.character, finding.range.start.character);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    let reportUri: vscode.Uri;
    it('Show Report writes the report under the extension\'s storage and opens it in the Markdown preview', async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('twelveFactor.showReport');
      assert.ok(uri);
      reportUri = uri;
      assert.equal(uri.scheme, 'file');
      const storage = (ctx.extension.storageUri ?? ctx.extension.globalStorageUri).toString();
      assert.ok(uri.toString().startsWith(`${storage}/`), `${uri} is not under ${storage}`);
      await waitFor('a Markdown preview tab', () =>
        vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('markdown.preview')),
      );
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.match(text, /^# Twelve-Factor report/);
      assert.match(text, /\| \[XI\. Logs\]\(#xi-logs\) \| ⚠️ Warnings \|/);
      assert.ok(!text.includes('[ ]'), 'checks by hand read as a list, not as literal [ ]');
      assert.ok(!text.includes('(<file:'), 'the preview refuses file: links');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('each finding in the report links to its file and line, as the Markdown preview resolves and opens links', async () => {
      // Server notifications (a re-audit of a folder) rewrite the file: read it once it has settled with its links.
      const text = await waitFor('the report file with the findings\' links', async () => {
        const current = new TextDecoder().decode(await vscode.workspace.fs.readFile(reportUri));
        return current.includes('checklist-e2e/logger.js#L') ? current : undefined;
      });
      const findings = result.folders.flatMap((folder) => folder.files.flatMap((file) => file.findings.map((f) => ({ ...f, uri: file.uri, path: file.path }))));
      // Every link in the report that is not a web page or a heading: the findings' locations.
      const links = [...text.matchAll(/\[([^\]]+)\]\(<([^>]+)>\)/g)].filter(([, , href]) => !/^https?:/.test(href) && !href.startsWith('#'));
      assert.ok(links.length >= findings.filter((f) => f.severity !== 'hint').length, `${links.length} links for ${findings.length} findings in\n${text}`);
      let checkedLogger = false;
      for (const [, label, href] of links) {
        // The preview's language server: a relative href joins the report's folder; #L<line>,<column> is a position.
        const [path, fragment] = href.split('#');
        assert.ok(!path.startsWith('/') && !/^[a-z-]+:/i.test(path), `${href} is not relative`);
        const target = vscode.Uri.joinPath(vscode.Uri.joinPath(reportUri, '..'), ...path.split('/').map(decodeURIComponent));
        const stat = await vscode.workspace.fs.stat(target);
        assert.equal(stat.type, vscode.FileType.File, `${href} from the report is not a file`);
        assert.ok(target.toString().startsWith(`${workspaceRoot().toString()}/`), `${href} leads outside the workspace: ${target}`);
        const position = /^L(\d+),(\d+)$/.exec(fragment ?? '');
        assert.ok(position, `${href} has no line`);
        const line = Number(position[1]) - 1;
        const character = Number(position[2]) - 1;
        const finding = findings.find((f) => f.uri === target.toString() && f.range.start.line === line && f.range.start.character === character);
        assert.ok(finding, `no finding at ${target}:${line + 1}:${character + 1}`);
        assert.equal(label, `${finding.path}:${line + 1}`);
        if (finding.path !== LOGGER) continue;
        // What the preview runs for a click on a file link (markdown-language-features, MdLinkOpener.openDocumentLink).
        checkedLogger = true;
        await vscode.commands.executeCommand('vscode.open', target, { selection: new vscode.Range(line, character, line, character) });
        const editor = await waitFor('the link to open', () => (vscode.window.activeTextEditor?.document.uri.toString() === fileUri(LOGGER).toString() ? vscode.window.activeTextEditor : undefined));
        assert.equal(editor.selection.active.line, 3);
        assert.equal(editor.selection.active.character, character);
        assert.match(editor.document.lineAt(3).text, /appendFileSync\('\/var\/log\/orders-audit\.log'/);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      }
      assert.ok(checkedLogger, `no link to ${LOGGER} in the report`);
    });

    it('Show Factor Documentation opens the factor\'s page with its rules', async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('twelveFactor.showFactorDocumentation', 'XI');
      assert.ok(uri);
      assert.equal(uri.scheme, 'file');
      const text = (await vscode.workspace.openTextDocument(uri)).getText();
      assert.match(text, /^# Factor XI: Logs/);
      assert.ok(!text.includes('[ ]'));
      assert.ok(text.includes('`no-file-logging`'));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('a file changed on disk is audited again without a command', async () => {
      const added = `${FOLDER}/audit-log.js`;
      await vscode.workspace.fs.writeFile(fileUri(added), new TextEncoder().encode("const fs = require('fs');\nfs.appendFileSync('/var/log/jobs.log', 'started\\n');\n"));
      // The server watches the workspace once audited; the re-audit reaches the view through twelveFactor/auditUpdated.
      const finding = await waitFor(`the checklist to list ${added}`, () =>
        factorNode(ctx.checklist!.provider.getChildren(), 'XI').children.find((c) => c.kind === 'finding' && c.description.startsWith(`${added}:`)),
      );
      assert.equal((finding as FindingNode).ruleId, 'no-file-logging');
      await waitFor(`${added} in the Problems panel`, () => ourDiagnostics(fileUri(added)).some((d) => ruleId(d) === 'no-file-logging'));
      // The report shown earlier is written again, so its preview (which follows the file) shows the new finding.
      const report = await waitFor('the report file to list the new finding', async () => {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(reportUri));
        return text.includes(`[${added}:2](<`) ? text : undefined;
      });
      assert.match(report, new RegExp(`\\[${added.replace(/[.]/g, '\\.')}:2\\]\\(<[^>]*audit-log\\.js#L2,\\d+>\\)`));
    });

    it('Fix All in Workspace builds one edit of every safe fix and the .env.example names', async () => {
      // By method name: this suite is its own bundle, and a RequestType object from its copy of vscode-jsonrpc is not
      // one the extension's client recognises.
      const result = await ctx.client!.sendRequest<WorkspaceFixesResult>(WorkspaceFixesRequest.method, {});
      const edit = buildFixEdit(result);
      const byFile = new Map(edit.entries().map(([uri, edits]) => [uri.toString(), edits]));
      const listen = byFile.get(fileUri(LISTEN).toString());
      assert.ok(listen, `no edit for ${LISTEN}: ${[...byFile.keys()].join(', ')}`);
      assert.deepEqual(listen.map((e) => [e.range.start.line, e.newText]), [[2, 'process.env.PORT ?? 4000']]);
      const env = byFile.get(fileUri('.env.example').toString());
      assert.ok(env?.some((e) => /^PORT=$/m.test(e.newText)), 'PORT goes to .env.example');
      assert.equal(edit.size, byFile.size);
    });

    it('Fix All in Workspace asks for review in the refactor preview: discarding it changes nothing', async () => {
      const target = fileUri(LISTEN);
      const pending = vscode.commands.executeCommand<number>('twelveFactor.fixAllInWorkspace');
      let settled = false;
      void pending.then(() => (settled = true), () => (settled = true));
      // Without needsConfirmation VS Code would apply at once; with it, the command waits for the preview.
      await waitFor('the refactor preview to be discarded', async () => {
        if (!settled) await vscode.commands.executeCommand('refactorPreview.discard').then(undefined, () => undefined);
        return settled;
      });
      assert.equal(await pending, 0);
      const listen = await vscode.workspace.openTextDocument(target);
      assert.equal(listen.isDirty, false);
      assert.match(listen.getText(), /app\.listen\(4000\)/);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('Export SARIF writes the workspace\'s SARIF log', async () => {
      const target = vscode.Uri.joinPath(workspaceRoot(), `${FOLDER}-out.sarif`);
      try {
        const written = await vscode.commands.executeCommand<vscode.Uri>('twelveFactor.exportSarif', target);
        assert.equal(written?.toString(), target.toString());
        const log = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target))) as { version: string; runs: { results: { ruleId: string }[] }[] };
        assert.equal(log.version, '2.1.0');
        assert.ok(log.runs.flatMap((r) => r.results).some((r) => r.ruleId === 'no-file-logging'));
      } finally {
        await vscode.workspace.fs.delete(target, { useTrash: false });
      }
    });
  });
}
