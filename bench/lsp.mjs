// Part 2: editing latency of the real bundled language server (server/out/server.js --stdio), driven over stdio
// with vscode-jsonrpc as an editor would: incremental didChange per keystroke, diagnostics matched by version.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { minifiedLine, prng, sourceFile } from './corpus.mjs';
import { log, ROOT, serverBundle, summarize } from './util.mjs';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const GUARD_MS = 120_000;

/** The server's debounce as written in its source (server/src/documents.ts), for the report. */
export function serverDefaultDebounceMs() {
  try {
    const m = /DEFAULT_DEBOUNCE_MS\s*=\s*(\d+)/.exec(readFileSync(join(ROOT, 'server/src/documents.ts'), 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

const now = () => performance.now();

/** One server process and the editor side of its connection. */
export class LspSession {
  static async start({ workspace, debounceMs, execArgv = [], settings = {} }) {
    const startedAt = now();
    const child = spawn(process.execPath, [...execArgv, serverBundle(), '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
    const session = new LspSession(child, startedAt, settings);
    const initializationOptions = debounceMs === undefined ? undefined : { debounceMs };
    const folder = pathToFileURL(workspace).href;
    await session.guard(
      session.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: folder,
        workspaceFolders: [{ uri: folder, name: 'bench' }],
        capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
        initializationOptions,
      }),
      'initialize',
    );
    session.initializedAt = now();
    await session.connection.sendNotification('initialized', {});
    return session;
  }

  constructor(child, startedAt, settings) {
    this.child = child;
    this.startedAt = startedAt;
    this.settings = settings;
    this.stderr = '';
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
    child.stderr.on('data', (d) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    /** uri → { version, at } of the newest publishDiagnostics, and the waiters. */
    this.published = new Map();
    this.waiters = [];
    this.connection.onRequest('workspace/configuration', (params) => params.items.map(() => this.settings));
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = now();
      this.published.set(p.uri, { version: p.version, at, count: p.diagnostics.length });
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || (w.minVersion !== undefined && (p.version ?? -1) < w.minVersion)) return true;
        w.resolve({ at, version: p.version, count: p.diagnostics.length });
        return false;
      });
    });
    this.connection.onNotification(() => {});
    this.connection.listen();
  }

  /** Resolves with the first publishDiagnostics for `uri` whose version is at least `minVersion`. */
  diagnostics(uri, minVersion) {
    const seen = this.published.get(uri);
    if (seen && seen.version !== undefined && seen.version !== null && seen.version >= minVersion) return Promise.resolve(seen);
    return this.guard(new Promise((resolve) => this.waiters.push({ uri, minVersion, resolve })), `diagnostics for ${uri} v${minVersion}`);
  }

  guard(promise, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer for ${what} within ${GUARD_MS / 1000} s; server stderr: ${this.stderr.slice(-500) || '(empty)'}`)), GUARD_MS);
    });
    const exited = this.exited.then((code) => {
      throw new Error(`the server exited (${code}) while waiting for ${what}; stderr: ${this.stderr.slice(-500) || '(empty)'}`);
    });
    return Promise.race([promise, timeout, exited]).finally(() => clearTimeout(timer));
  }

  open(uri, languageId, text, version = 1) {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri, version, contentChanges) {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri) {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request(method, params) {
    return this.guard(this.connection.sendRequest(method, params), method);
  }

  /** Peak and current resident set size of the server process (Linux /proc), in MiB. */
  memory() {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { peakRssMiB: kib('VmHWM') / 1024, rssMiB: kib('VmRSS') / 1024 };
    } catch {
      return { peakRssMiB: null, rssMiB: null };
    }
  }

  async stop() {
    try {
      await this.guard(this.connection.sendRequest('shutdown'), 'shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.child.kill('SIGKILL');
    }
    const code = await Promise.race([this.exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
    if (code === 'timeout') this.child.kill('SIGKILL');
    this.connection.dispose();
    return code;
  }
}

/** What a developer types in the middle of a file: a config read, a leaked URL, a port, a log line, then fixes. */
const TYPED = {
  js: [
    `const cacheUrl = process.env.CACHE_URL || 'redis://localhost:6379';`,
    `const legacyDatabase = 'postgres://admin:${'Pa55w0rd'}-x@db.prod.acme-corp.net:5432/app';`,
    `server.listen(8081);`,
    `logger.info({ cacheUrl }, 'cache configured');`,
  ],
  py: [
    `CACHE_URL = os.environ.get("CACHE_URL", "redis://localhost:6379")`,
    `LEGACY_DATABASE = "postgresql://admin:${'Pa55w0rd'}-x@db.prod.acme-corp.net:5432/app"`,
    `app.run(port=8081)`,
    `log.info("cache configured: %s", CACHE_URL)`,
  ],
};

/**
 * The edit script: keystrokes at a blank top-level line near the middle, one incremental change each, with a few
 * backspaces (typos corrected). Positions are tracked so every range is valid for the document as it is then.
 */
export function typingScript(text, language, maxEdits) {
  const lines = text.split('\n');
  const mid = Math.floor(lines.length / 2);
  let line = mid;
  for (let d = 0; d < lines.length; d++) {
    const i = mid + (d % 2 ? -Math.ceil(d / 2) : Math.ceil(d / 2));
    if (i > 0 && i < lines.length - 1 && lines[i] === '' && !/^\s/.test(lines[i - 1]) && !/^\s/.test(lines[i + 1])) {
      line = i;
      break;
    }
  }
  const r = prng(99);
  const edits = [];
  let ch = 0;
  const type = (c) => {
    edits.push({ range: { start: { line, character: ch }, end: { line, character: ch } }, text: c });
    if (c === '\n') {
      line++;
      ch = 0;
    } else ch += c.length;
  };
  const backspace = () => {
    edits.push({ range: { start: { line, character: ch - 1 }, end: { line, character: ch } }, text: '' });
    ch--;
  };
  const script = TYPED[language === 'py' ? 'py' : 'js'];
  for (let pass = 0; edits.length < maxEdits && pass < 4; pass++) {
    for (const statement of script) {
      type('\n');
      for (const c of statement) {
        type(c);
        // A typo now and then: a wrong letter, then backspace.
        if (r.chance(0.06) && ch > 2) {
          type('x');
          backspace();
        }
      }
    }
  }
  return edits.slice(0, maxEdits);
}

const LANGUAGE_IDS = { js: 'javascript', ts: 'typescript', py: 'python' };

/** The documents of the latency benchmark. */
export function latencyDocuments({ sizes = [200, 2000, 10000], languages = ['js', 'ts', 'py'], minified = true } = {}) {
  const docs = [];
  for (const size of sizes) {
    for (const language of languages) {
      docs.push({ name: `${language} ${size.toLocaleString('en-US')} lines`, language, languageId: LANGUAGE_IDS[language], lines: size, file: `src/edit_${size}.${language}`, text: sourceFile(language, size) });
    }
  }
  if (minified) docs.push({ name: 'js 1 MB minified line', language: 'js', languageId: 'javascript', lines: 1, file: 'src/bundle.min-like.js', text: minifiedLine() });
  return docs;
}

/**
 * Closed loop, debounce 0: send one keystroke, wait for the diagnostics of that version, send the next. The
 * latency is the server's analysis plus the protocol round trip, what a user would see without the debounce.
 */
async function analysisLatency(session, workspace, doc, maxEdits, budgetMs = Infinity, minEdits = 20) {
  const uri = pathToFileURL(join(workspace, doc.file)).href;
  await session.open(uri, doc.languageId, doc.text, 1);
  await session.diagnostics(uri, 1);
  const edits = typingScript(doc.text, doc.language, maxEdits);
  const latencies = [];
  let version = 1;
  let lastCount = 0;
  const started = now();
  for (const edit of edits) {
    // A slow document stops at the time budget (after a minimum of edits), so one file cannot take the whole run.
    if (latencies.length >= minEdits && now() - started > budgetMs) break;
    version++;
    const t0 = now();
    await session.change(uri, version, [edit]);
    const got = await session.diagnostics(uri, version);
    latencies.push(got.at - t0);
    lastCount = got.count;
  }
  await session.close(uri);
  return { edits: latencies.length, planned: edits.length, ...summarize(latencies), diagnosticsAtEnd: lastCount };
}

/**
 * Open loop with the server's own debounce: keystrokes in bursts (40–110 ms apart, as typing), then a pause. For
 * the last keystroke of each burst, the time until diagnostics for that version arrive: what a user waits after
 * they stop typing. Every keystroke's wait (to the first diagnostics at or after its version) is kept too.
 */
async function userLatency(session, workspace, doc, maxEdits) {
  const uri = pathToFileURL(join(workspace, doc.file)).href;
  await session.open(uri, doc.languageId, doc.text, 1);
  await session.diagnostics(uri, 1);
  const edits = typingScript(doc.text, doc.language, maxEdits);
  const r = prng(doc.lines);
  const afterPause = [];
  const perKeystroke = [];
  let version = 1;
  let i = 0;
  while (i < edits.length) {
    const burst = Math.min(edits.length - i, r.int(4, 12));
    const sent = [];
    for (let k = 0; k < burst; k++, i++) {
      version++;
      const t0 = now();
      sent.push({ version, t0 });
      await session.change(uri, version, [edits[i]]);
      if (k < burst - 1) await new Promise((res) => setTimeout(res, r.int(40, 110)));
    }
    const got = await session.diagnostics(uri, version);
    afterPause.push(got.at - sent[sent.length - 1].t0);
    for (const s of sent) perKeystroke.push(got.at - s.t0);
    await new Promise((res) => setTimeout(res, r.int(30, 100)));
  }
  await session.close(uri);
  return { edits: edits.length, bursts: afterPause.length, afterPause: summarize(afterPause), perKeystroke: summarize(perKeystroke) };
}

/** Spawn → initialize → didOpen of a small file → its first diagnostics, in a fresh process each time. */
async function coldStart(workspace, runs) {
  const doc = latencyDocuments({ sizes: [200], languages: ['js'], minified: false })[0];
  const total = [];
  const initialize = [];
  for (let k = 0; k < runs; k++) {
    const session = await LspSession.start({ workspace });
    initialize.push(session.initializedAt - session.startedAt);
    const uri = pathToFileURL(join(workspace, `src/cold_${k}.js`)).href;
    await session.open(uri, doc.languageId, doc.text, 1);
    const got = await session.diagnostics(uri, 1);
    total.push(got.at - session.startedAt);
    await session.stop();
  }
  return { runs, toFirstDiagnostics: summarize(total), toInitializeResult: summarize(initialize) };
}

/**
 * Runs the whole editing benchmark. `auditFolder` (the generated corpus) is audited through the server's
 * twelveFactor/auditWorkspace request, after which the server's peak RSS (VmHWM) is read.
 */
export async function runLsp({ tmpDir, quick, auditFolder, maxEdits, coldRuns, sizes, budgetMs, execArgv = [] }) {
  const workspace = join(tmpDir, 'lsp-workspace');
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(join(workspace, 'src'), { recursive: true });
  writeFileSync(join(workspace, 'package.json'), '{ "name": "bench-editing", "private": true }\n');
  const editCount = maxEdits ?? (quick ? 40 : 260);
  const docs = latencyDocuments({ sizes: sizes ?? [200, 2000, 10000] });
  const result = { debounceMs: serverDefaultDebounceMs(), editsPerDocument: editCount, budgetMsPerDocument: budgetMs ?? (quick ? 20_000 : 90_000), documents: [], coldStart: null, audit: null, errors: [] };

  log('lsp: cold start');
  result.coldStart = await coldStart(workspace, coldRuns ?? (quick ? 2 : 5));

  log('lsp: analysis latency (debounce 0)');
  let session = await LspSession.start({ workspace, debounceMs: 0, execArgv });
  try {
    for (const doc of docs) {
      const edits = doc.lines === 1 ? Math.min(editCount, 40) : editCount;
      const analysis = await analysisLatency(session, workspace, doc, edits, budgetMs ?? (quick ? 20_000 : 90_000), Math.min(edits, 20));
      result.documents.push({ name: doc.name, language: doc.language, lines: doc.lines, chars: doc.text.length, analysis });
      log(`lsp: ${doc.name} analysis p95 ${result.documents.at(-1).analysis.p95.toFixed(1)} ms`);
    }
    result.afterEditing = session.memory();
  } finally {
    await session.stop();
  }

  log('lsp: user-visible latency (server debounce)');
  session = await LspSession.start({ workspace });
  try {
    for (const [k, doc] of docs.entries()) {
      const userEdits = Math.min(editCount, quick ? 20 : 60);
      result.documents[k].user = await userLatency(session, workspace, doc, doc.lines === 1 ? Math.min(userEdits, 20) : userEdits);
    }
  } finally {
    await session.stop();
  }

  if (auditFolder) {
    log(`lsp: workspace audit of ${auditFolder}`);
    session = await LspSession.start({ workspace: auditFolder });
    try {
      const before = session.memory();
      const t0 = now();
      const answer = await session.request('twelveFactor/auditWorkspace', {});
      const ms = now() - t0;
      const folders = answer?.folders ?? [];
      result.audit = {
        folder: auditFolder,
        ms,
        filesScanned: folders.reduce((n, f) => n + (f.filesScanned ?? 0), 0),
        findings: folders.reduce((n, f) => n + (f.files ?? []).reduce((m, file) => m + file.findings.length, 0), 0),
        rssBeforeMiB: before.rssMiB,
        ...session.memory(),
      };
    } catch (error) {
      result.errors.push(`workspace audit: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await session.stop();
    }
  }
  return result;
}
