#!/usr/bin/env node
// A user's view of the extension: package the .vsix, install it into a fresh code-server, open the example app
// (examples/express-app) in headless chromium, and wait for what a user would see — the squiggle under the
// hardcoded database URL, its row in the Problems panel, the quick-fix menu (Ctrl+.). A screenshot of each. Then
// the example's .env in the editor: its key, value and comment coloured by the extension's dotenv grammar.
// Part of scripts/e2e.mjs (so `npm test`), where screenshots go to .vscode-test/screenshots; run alone it
// refreshes the documentation's images:  node scripts/ui-check.mjs [--out docs/images] [--vsix file] [--no-package]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setupVscodeHost } from './setup-vscode-host.mjs';
import { launchBrowser, pollUntil, startCodeServer } from './vscode-host.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_VSIX = join(root, 'dist', 'twelve-factor-linter.vsix');
const EXAMPLE = join(root, 'examples', 'express-app');
/** The file to open and the text of its finding, as the example app has them. */
const TARGET_FILE = 'src/db.js';
const TARGET_TEXT = 'postgres://';
const SQUIGGLE = '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning';
/** The .env file whose colouring is checked: a comment line, then `KEY=value` lines. */
const ENV_FILE = '.env';
const ENV_KEY = 'DATABASE_URL';
const STEP_TIMEOUT_MS = 60_000;

/** `npm run package` → dist/twelve-factor-linter.vsix. */
function packageVsix() {
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`npm run package failed (exit ${r.status}):\n${`${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-20).join('\n')}`);
  if (!existsSync(DEFAULT_VSIX)) throw new Error(`npm run package did not write ${DEFAULT_VSIX}`);
  return DEFAULT_VSIX;
}

/**
 * What the editor shows of `.env`: for its first `KEY=value` line and its first comment line, the token (`mtk<N>`
 * span of the `.view-line`) under the key, the value and the comment, with the class and the computed colour.
 * Undefined while the lines are not rendered yet.
 */
function envTokens(key) {
  const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')];
  // The view renders spaces as U+00A0; the offsets into the text stay the same.
  const text = (el) => (el.textContent ?? '').replace(/\u00a0/g, ' ');
  const tokenAt = (line, offset) => {
    let start = 0;
    for (const span of line.querySelectorAll(':scope > span > span')) {
      const end = start + text(span).length;
      if (offset >= start && offset < end) {
        const mtk = [...span.classList].find((c) => /^mtk\d+$/.test(c));
        // (No text: the value may be a credential, and this lands in the log.)
        return { mtk, color: getComputedStyle(span).color, length: text(span).length };
      }
      start = end;
    }
    return undefined;
  };
  const assignment = lines.find((l) => text(l).startsWith(`${key}=`));
  const comment = lines.find((l) => text(l).trimStart().startsWith('#'));
  if (!assignment || !comment) return undefined;
  const commentStart = text(comment).indexOf('#');
  return {
    key: tokenAt(assignment, 1),
    value: tokenAt(assignment, key.length + 2),
    comment: tokenAt(comment, commentStart + 2),
  };
}

/**
 * Opens the example's .env and waits (polling) until its key, value and comment are three tokens of different
 * classes and colours: the proof that the extension's grammar, not plain text, coloured the file. Screenshot
 * env-grammar.png of the editor's first lines.
 */
async function checkEnvColours(page, outDir, log) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: STEP_TIMEOUT_MS });
  await page.keyboard.type(ENV_FILE);
  const row = page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: /^\.env$/ }).first();
  await row.waitFor({ timeout: STEP_TIMEOUT_MS });
  await row.click();
  await page.locator('.tabs-container .tab.active', { hasText: /^\s*\.env\b/ }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.mouse.move(5, 890); // no hover over the text in the picture
  // The language of the file, as the status bar names it: the extension's dotenv (first alias), not the built-in
  // Properties that VS Code would otherwise pick for .env (whose grammar colours keys and comments too).
  const mode = page.locator('[id="status.editor.mode"]');
  await pollUntil(`the status bar to name ${ENV_FILE}'s language dotenv`, async () => (await mode.innerText().catch(() => '')).trim() === 'dotenv', { timeoutMs: STEP_TIMEOUT_MS, intervalMs: 250 })
    .catch(async (e) => { throw new Error(`${e.message}; it says ${JSON.stringify(await mode.innerText().catch(() => 'nothing'))}`); });
  let last;
  try {
    await pollUntil(`${ENV_FILE}'s key, value and comment in three colours`, async () => {
      last = await page.evaluate(envTokens, ENV_KEY);
      if (!last?.key?.mtk || !last.value?.mtk || !last.comment?.mtk) return false;
      const tokens = [last.key, last.value, last.comment];
      return new Set(tokens.map((t) => t.mtk)).size === 3 && new Set(tokens.map((t) => t.color)).size === 3;
    }, { timeoutMs: STEP_TIMEOUT_MS, intervalMs: 250 });
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : e}; last seen: ${JSON.stringify(last)}`);
  }
  if (last.key.length !== ENV_KEY.length) throw new Error(`the key's token is ${last.key.length} characters long, not ${ENV_KEY.length} (${ENV_KEY})`);
  log(`${ENV_FILE} tokens: ${JSON.stringify(last)}`);
  const editor = await page.locator('.part.editor').boundingBox();
  if (!editor) throw new Error('the editor part is not on screen');
  await page.screenshot({ path: join(outDir, 'env-grammar.png'), clip: { x: editor.x, y: editor.y, width: editor.width, height: Math.min(editor.height, 160) } });
}

/**
 * Runs the check. Returns one outcome per step ({ title, state, error? }) in the shape scripts/e2e.mjs reports;
 * steps after a failed one are reported as failed too ("not reached").
 */
export async function runUiCheck({ paths, outDir, vsix, pack = true }) {
  const steps = [
    'packages the extension as a .vsix',
    'installs the .vsix into code-server and opens the example app',
    'shows the squiggle under the hardcoded database URL',
    'lists the finding in the Problems panel',
    'opens the quick-fix menu with Ctrl+.',
    'colours the .env file with the dotenv grammar (key, value and comment differ)',
  ].map((title) => ({ title: `UI check: ${title}`, state: 'failed', error: 'not reached' }));
  let current = 0;
  const pass = () => { steps[current].state = 'passed'; delete steps[current].error; current++; };

  // Outside the repository, so that neither git nor tsserver in the editor walks up into this project.
  const runDir = mkdtempSync(join(tmpdir(), 'twelve-factor-ui-'));
  mkdirSync(outDir, { recursive: true });
  const t0 = Date.now();
  const log = (m) => console.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  let server;
  let browser;
  try {
    const file = vsix ?? (pack ? packageVsix() : DEFAULT_VSIX);
    if (!existsSync(file)) throw new Error(`no .vsix at ${file}`);
    log(`packaged ${file}`);
    pass();

    if (!existsSync(join(EXAMPLE, TARGET_FILE))) throw new Error(`the example app has no ${TARGET_FILE}: ${EXAMPLE}`);
    const workspace = join(runDir, 'express-app'); // a copy, so nothing the editor does touches the repository
    cpSync(EXAMPLE, workspace, { recursive: true, filter: (src) => !src.includes('node_modules') });
    server = await startCodeServer({ paths, runDir, vsix: [file] });
    browser = await launchBrowser({ paths, runDir });
    const { page } = browser;
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: STEP_TIMEOUT_MS });
    // The explorer lists the file once the remote file system is connected.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: TARGET_FILE.split('/')[0] }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator('.monaco-workbench').click();
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: STEP_TIMEOUT_MS });
    await page.keyboard.type(TARGET_FILE);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: TARGET_FILE.split('/').pop() }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: TARGET_TEXT }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    log(`${TARGET_FILE} open`);
    pass();

    await page.waitForSelector(SQUIGGLE, { timeout: STEP_TIMEOUT_MS });
    // Hovering the squiggle shows the message as a user would see it.
    // (The decoration lies under the text layer, so move the mouse to its middle rather than hovering the element.)
    const box = await page.locator(SQUIGGLE).first().boundingBox();
    if (!box) throw new Error('the squiggle has no position on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator('.monaco-hover', { hasText: 'twelve-factor' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    log('squiggle and hover seen'); // (its screenshot comes last, once code actions answer quickly)
    pass();

    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'twelve-factor' });
    await row.first().waitFor({ timeout: STEP_TIMEOUT_MS });
    const rows = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    log(`Problems panel: ${JSON.stringify(rows)}`);
    if (rows.some((t) => /postgres:\/\/[^:\s]*:(?!\*\*\*\*)[^@\s]+@/.test(t))) throw new Error('a Problems row shows an unmasked password');
    await page.screenshot({ path: join(outDir, 'problems-panel.png') });
    pass();

    // Back to the editor: click into the flagged literal, then Ctrl+. for the quick-fix menu. While the editor's
    // other providers are still starting, VS Code may answer "No code actions available": close that and ask again.
    const squiggle = await page.locator(SQUIGGLE).first().boundingBox();
    if (!squiggle) throw new Error('the squiggle has no position on screen');
    await page.mouse.click(squiggle.x + squiggle.width / 2, squiggle.y + squiggle.height / 2);
    const menu = page.locator('.action-widget .monaco-list-row', { hasText: 'Fix: ' });
    await pollUntil('the quick-fix menu with a "Fix: …" entry', async () => {
      await page.keyboard.press('Control+.');
      const shown = await menu.first().waitFor({ timeout: 5_000 }).then(() => true, () => false);
      if (!shown) await page.keyboard.press('Escape');
      return shown;
    }, { timeoutMs: STEP_TIMEOUT_MS });
    const items = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    log(`quick-fix menu: ${JSON.stringify(items)}`);
    await page.screenshot({ path: join(outDir, 'quick-fix.png') });
    pass();

    // The picture of the squiggle with its hover: panel closed, mouse on the squiggle, the hover's "Quick Fix…" link
    // present (before the editor's providers have all started, the hover says "Checking for quick fixes…").
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+J');
    await page.locator('.markers-panel').first().waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
    const final = await page.locator(SQUIGGLE).first().boundingBox();
    if (!final) throw new Error('the squiggle has no position on screen');
    await page.mouse.move(final.x + final.width / 2, final.y + final.height / 2);
    await page.locator('.monaco-hover', { hasText: 'Quick Fix' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.screenshot({ path: join(outDir, 'editor-squiggle.png') });

    await checkEnvColours(page, outDir, log);
    pass();
  } catch (e) {
    steps[current].error = e instanceof Error ? e.message.split('\n').slice(0, 12).join('\n') : String(e);
    console.log(`UI check failed at "${steps[current].title}": ${steps[current].error}`);
    if (browser) await browser.page.screenshot({ path: join(outDir, 'failure.png') }).then(() => console.log(`(screenshot: ${join(outDir, 'failure.png')})`), () => {});
    if (server) console.log(`(code-server log: ${server.logFile}; run folder kept: ${runDir})`);
  } finally {
    await browser?.close();
    await server?.stop();
  }
  // Keep the run folder (logs) only when a started code-server failed a step.
  if (!server || steps.every((s) => s.state === 'passed')) rmSync(runDir, { recursive: true, force: true });
  for (const s of steps) console.log(`  ${s.state === 'passed' ? '✓' : '✗'} ${s.title}`);
  return steps;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
  const outDir = resolve(arg('--out') ?? join(root, 'docs', 'images'));
  const vsix = arg('--vsix') && resolve(arg('--vsix'));
  try {
    const paths = setupVscodeHost();
    const steps = await runUiCheck({ paths, outDir, vsix, pack: !process.argv.includes('--no-package') });
    const failed = steps.filter((s) => s.state === 'failed').length;
    console.log(`ui-check: ${steps.length - failed} passed, ${failed} failed; screenshots in ${outDir}`);
    process.exitCode = failed === 0 ? 0 : 1;
  } catch (e) {
    console.error(`ui-check: ${e instanceof Error ? e.message : e}`);
    process.exitCode = 1;
  }
}
