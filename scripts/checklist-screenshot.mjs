#!/usr/bin/env node
// The README's picture of the checklist sidebar: the extension (from this checkout, as extensionDevelopmentPath) in
// code-server, examples/express-app open, the Twelve-Factor view audited, then a screenshot of the sidebar; then
// `Twelve-Factor: Show Report` from the command palette and a screenshot of the report in the Markdown preview
// (report.png beside the checklist's picture: the title, the per-factor table, a factor's checks by hand and a
// factor's findings as links), checks that every finding is a link to its line, and clicks one: the editor must open
// that file at that line.
// The report's status marks are emoji: without an emoji font (Debian: fonts-noto-color-emoji) they show as boxes.
//   node scripts/checklist-screenshot.mjs [--out docs/images/checklist.png]
// Needs the bundles (npm run build) and the cached VS Code host (scripts/setup-vscode-host.mjs, as npm test does).
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupVscodeHost } from './setup-vscode-host.mjs';
import { launchBrowser, pollUntil, remoteUri, startCodeServer } from './vscode-host.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : join(root, 'docs', 'images', 'checklist.png'));
const reportOut = join(dirname(out), 'report.png');
const STEP_TIMEOUT_MS = 90_000;

const paths = setupVscodeHost({ quiet: true });
const runDir = join(root, '.vscode-test', 'runs', `checklist-shot-${process.pid}`);
rmSync(runDir, { recursive: true, force: true });
mkdirSync(runDir, { recursive: true });
const workspace = join(runDir, 'express-app');
cpSync(join(root, 'examples', 'express-app'), workspace, { recursive: true, filter: (src) => !src.includes('node_modules') });

const server = await startCodeServer({ paths, runDir });
let browser;
let failed = false;
try {
  browser = await launchBrowser({ paths, runDir });
  const { page } = browser;
  await page.setViewportSize({ width: 1200, height: 820 });
  const payload = JSON.stringify([['extensionDevelopmentPath', remoteUri(server.url, root)], ['skipWelcome', 'true']]);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: STEP_TIMEOUT_MS });
  const container = page.locator('.activitybar .action-item a[aria-label^="Twelve-Factor"]').first();
  await container.waitFor({ timeout: STEP_TIMEOUT_MS });
  await container.click();
  const sidebar = page.locator('.part.sidebar');
  const rows = sidebar.locator('.monaco-list-row');
  await rows.filter({ hasText: 'III. Config' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  // Opening the view audits the workspace once; wait until every factor shows its result.
  await page.waitForFunction(() => {
    const texts = [...document.querySelectorAll('.part.sidebar .monaco-list-row')].map((r) => r.textContent ?? '');
    return texts.some((t) => t.includes('XII. Admin processes')) && !texts.some((t) => t.includes('not audited yet')) && texts.some((t) => /\d+ errors?/.test(t));
  }, undefined, { timeout: STEP_TIMEOUT_MS });
  // Collapse everything, then open Config to show its findings under the twelve factors.
  await sidebar.locator('.actions-container a[aria-label^="Collapse All"]').first().click();
  await rows.filter({ hasText: 'III. Config' }).first().click();
  await page.waitForFunction(() => document.querySelectorAll('.part.sidebar .monaco-list-row').length > 12, undefined, { timeout: STEP_TIMEOUT_MS });
  // Widen the sidebar so the findings' messages are readable, by dragging its edge.
  const narrow = await sidebar.boundingBox();
  if (narrow) {
    const edge = { x: narrow.x + narrow.width + 1, y: narrow.y + narrow.height / 2 };
    await page.mouse.move(edge.x, edge.y);
    await page.mouse.down();
    await page.mouse.move(edge.x + 260, edge.y, { steps: 8 });
    await page.mouse.up();
  }
  await page.mouse.move(1150, 780); // no hover highlight in the picture
  const box = await sidebar.boundingBox();
  if (!box) throw new Error('the sidebar is not on screen');
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out, clip: { x: 0, y: box.y, width: box.x + box.width, height: box.height } });
  console.log(`checklist screenshot: ${out}`);

  // The report, as a user opens it: the command palette, Twelve-Factor: Show Report, the Markdown preview.
  await page.setViewportSize({ width: 1200, height: 1350 });
  await page.keyboard.press('Control+B'); // the sidebar closed: the preview gets the width
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: STEP_TIMEOUT_MS });
  await page.keyboard.type('Twelve-Factor: Show Report');
  const command = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Twelve-Factor: Show Report' }).first();
  await command.waitFor({ timeout: STEP_TIMEOUT_MS });
  await command.click();
  // The preview is a webview: its document lives in a nested frame. Wait until it shows the factor table and the
  // findings as links (the preview drops a link it refuses and shows its source text instead).
  const preview = await pollUntil('the report in the Markdown preview (heading, factor table, findings as links)', async () => {
    for (const frame of page.frames()) {
      const shown = await frame.evaluate(() => {
        const body = document.body?.innerText ?? '';
        return body.includes('Twelve-Factor report') && document.querySelectorAll('table tr').length > 12 && !!document.querySelector('a[data-href*="src/db.js#L"]');
      }).catch(() => false);
      if (shown) return frame;
    }
    return undefined;
  }, { timeoutMs: STEP_TIMEOUT_MS, intervalMs: 250 });
  // Every finding (a list item that starts with its severity) names its location as a link to a line, and no check by
  // hand shows a literal "[ ]".
  const findings = await preview.evaluate(() =>
    [...document.querySelectorAll('li')]
      .filter((li) => /^(error|warning|info|hint)$/.test(li.querySelector(':scope > strong:first-child')?.textContent ?? ''))
      .map((li) => ({ text: li.textContent ?? '', href: li.querySelector('a')?.getAttribute('data-href') ?? null })),
  );
  const unlinked = findings.filter((f) => !f.href || !/#L\d+,\d+$/.test(f.href));
  if (findings.length === 0 || unlinked.length) throw new Error(`findings without a link to their line: ${unlinked.map((f) => f.text).join(' | ') || 'no findings'}`);
  const body = await preview.evaluate(() => document.body.innerText);
  if (body.includes('[ ]') || !body.includes('☐')) throw new Error('the checks by hand do not read as a ☐ list');
  console.log(`report: ${findings.length} findings, each a link to its line`);

  await page.mouse.move(5, 1345);
  const editor = await page.locator('.part.editor').boundingBox();
  if (!editor) throw new Error('the editor part is not on screen');
  // From the top down to the heading after the first factor with findings (page coordinates: playwright maps boxes
  // in nested frames to the page): the table, a factor's checks by hand and a factor's findings as links.
  const headings = preview.locator('h2');
  const withFindings = await preview.evaluate(() => {
    const h2s = [...document.querySelectorAll('h2')];
    return h2s.findIndex((h, i) => {
      for (let n = h.nextElementSibling; n && n !== h2s[i + 1]; n = n.nextElementSibling) if (n.querySelector('a[data-href*="#L"]')) return true;
      return false;
    });
  });
  const next = withFindings >= 0 ? await headings.nth(withFindings + 1).boundingBox() : null;
  const height = next && next.y > editor.y + 200 ? Math.min(editor.height, next.y - editor.y - 12) : editor.height;
  await page.screenshot({ path: reportOut, clip: { x: editor.x, y: editor.y, width: editor.width, height } });
  console.log(`report screenshot: ${reportOut}`);

  // A click on a finding opens its file at its line, as a user would: src/db.js's first finding.
  const link = preview.locator('a[data-href*="src/db.js#L"]').first();
  const [, line, column] = /#L(\d+),(\d+)$/.exec((await link.getAttribute('data-href')) ?? '') ?? [];
  if (!line) throw new Error('the src/db.js link has no line');
  await link.click();
  await pollUntil(`src/db.js to open at line ${line}, column ${column} after the click`, async () => {
    const tab = (await page.locator('.part.editor .tab.active').first().getAttribute('aria-label').catch(() => null)) ?? '';
    const position = (await page.locator('#status\\.editor\\.selection').first().textContent().catch(() => null)) ?? '';
    return tab.startsWith('db.js') && position.includes(`Ln ${line}, Col ${column}`);
  }, { timeoutMs: STEP_TIMEOUT_MS, intervalMs: 250 });
  console.log(`report link: a click on src/db.js:${line} opened src/db.js at line ${line}, column ${column}`);
} catch (e) {
  failed = true;
  console.error(`checklist screenshot failed: ${e instanceof Error ? e.message : e} (code-server log: ${server.logFile})`);
  await browser?.page.screenshot({ path: join(runDir, 'failure.png') }).catch(() => {});
} finally {
  await browser?.close();
  await server.stop();
  if (!failed) rmSync(runDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
