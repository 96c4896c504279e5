// CPU profiles of our side (node --cpu-prof) where a goal is missed, summarised by function and by source file.
// The development bundles carry linked source maps, so bundle positions map back to server/src/… and to packages.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspSession, latencyDocuments, typingScript } from './lsp.mjs';
import { BENCH_DIR, bundleRootDir, log, ourCli, ROOT } from './util.mjs';

/** Raw profiles are kept here (gitignored) to open in Chrome DevTools or VS Code. */
export const PROFILE_DIR = join(BENCH_DIR, '.peers/profiles');

const maps = new Map();
function sourceMapFor(url) {
  if (!maps.has(url)) {
    let map = null;
    try {
      const file = fileURLToPath(url);
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return maps.get(url);
}

/** `node_modules/typescript/lib/typescript.js` → `typescript`; `server/src/engine/runner.ts` stays as it is. */
function sourceGroup(source) {
  const clean = source.replace(/^webpack:\/\/|^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = clean.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const abs = clean.startsWith('/') ? clean : join(ROOT, 'server/out', clean);
  const base = abs.startsWith(bundleRootDir()) ? bundleRootDir() : ROOT;
  return relative(base, abs);
}

/**
 * Self time per function and per source group from a .cpuprofile. Samples are attributed with the profile's own
 * time deltas; bundle positions go through the bundle's source map when there is one.
 */
export function summarizeProfile(profile, top = 12) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + delta);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const functions = new Map();
  const groups = new Map();
  const info = new Map();
  const describe = (id) => {
    if (info.has(id)) return info.get(id);
    const { callFrame } = byId.get(id);
    let where = callFrame.url.startsWith('file:') ? relative(bundleRootDir(), fileURLToPath(callFrame.url)) : callFrame.url.startsWith('/') ? relative(bundleRootDir(), callFrame.url) : callFrame.url;
    let group = callFrame.url ? sourceGroup(callFrame.url.startsWith('file:') ? fileURLToPath(callFrame.url) : callFrame.url) : callFrame.functionName || '(native)';
    if (callFrame.url.startsWith('wasm:')) group = '(WebAssembly: tree-sitter parsers)';
    else if (callFrame.url.startsWith('node:')) group = `(Node internals: ${callFrame.url.slice(5).split('/').slice(0, 2).join('/')})`;
    let name = callFrame.functionName || '(anonymous)';
    const map = callFrame.url?.startsWith('file:') ? sourceMapFor(callFrame.url) : null;
    if (map && callFrame.lineNumber >= 0) {
      const entry = map.findEntry(callFrame.lineNumber, callFrame.columnNumber);
      if (entry?.originalSource) {
        group = sourceGroup(entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : join(ROOT, 'server/out', entry.originalSource));
        where = `${group}:${entry.originalLine + 1}`;
        if (entry.name && name === '(anonymous)') name = entry.name;
      } else {
        // Code the bundler wrote itself (esbuild's __toESM/__copyProps getters, module wrappers): no source behind it.
        group = '(bundler runtime helpers)';
        where = `${where}:${callFrame.lineNumber + 1} (bundler helper)`;
      }
    } else if (callFrame.url) where = `${where}:${callFrame.lineNumber + 1}`;
    const described = { name, where, group };
    info.set(id, described);
    return described;
  };
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Time spent in libraries and helpers, charged to the nearest caller in our own sources (server/src/…).
  const charged = new Map();
  for (const [id, ms] of self) {
    const { name, where, group } = describe(id);
    if (group.startsWith('server/src/') || group.startsWith('(garbage') || group.startsWith('(idle') || group.startsWith('(program')) continue;
    let caller = '(no caller in server/src)';
    for (let up = parent.get(id), k = 0; up !== undefined && k < 60; up = parent.get(up), k++) {
      const d = describe(up);
      if (d.group.startsWith('server/src/')) {
        caller = `${d.name} ${d.where}`;
        break;
      }
    }
    charged.set(caller, (charged.get(caller) ?? 0) + ms);
    void name;
    void where;
  }
  for (const [id, ms] of self) {
    const { name, where, group } = describe(id);
    const key = `${name} ${where}`;
    const f = functions.get(key) ?? { function: name, where, ms: 0 };
    f.ms += ms;
    functions.set(key, f);
    groups.set(group, (groups.get(group) ?? 0) + ms);
  }
  const pct = (ms) => Math.round((ms / total) * 1000) / 10;
  return {
    totalMs: Math.round(total),
    functions: [...functions.values()].sort((a, b) => b.ms - a.ms).slice(0, top).map((f) => ({ ...f, ms: Math.round(f.ms), percent: pct(f.ms) })),
    sources: [...groups].sort((a, b) => b[1] - a[1]).slice(0, top).map(([source, ms]) => ({ source, ms: Math.round(ms), percent: pct(ms) })),
    /** Library, WebAssembly and bundler-helper time by the nearest calling function of ours. */
    callers: [...charged].sort((a, b) => b[1] - a[1]).slice(0, top).map(([caller, ms]) => ({ caller, ms: Math.round(ms), percent: pct(ms) })),
  };
}

/** The newest profile in `dir`, parsed, with a copy kept as PROFILE_DIR/<keepAs>.cpuprofile. */
function newestProfile(dir, keepAs) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) return undefined;
  const file = join(dir, files.sort().pop());
  mkdirSync(PROFILE_DIR, { recursive: true });
  const kept = join(PROFILE_DIR, `${keepAs}.cpuprofile`);
  copyFileSync(file, kept);
  return { profile: JSON.parse(readFileSync(file, 'utf8')), kept: relative(ROOT, kept) };
}

/** One profiled run of the CLI on a folder. */
export function profileCli(folder, tmpDir) {
  const dir = join(tmpDir, 'profile-cli');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`profile: CLI on ${folder}`);
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, ourCli(), folder, '--format', 'json', '--fail-on', 'never', '--output', join(dir, 'report.json')], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return { error: `profiled CLI run failed (exit ${r.status ?? r.signal}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' ')}` };
  const found = newestProfile(dir, 'cli-audit');
  return found ? { file: found.kept, ...summarizeProfile(found.profile) } : { error: 'no .cpuprofile written' };
}

/** The server under --cpu-prof, typing into the documents whose names are given (closed loop, debounce 0). */
export async function profileServer(documentNames, tmpDir, edits = 60, budgetMs = 30_000) {
  const dir = join(tmpDir, 'profile-server');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const workspace = join(tmpDir, 'lsp-workspace');
  mkdirSync(join(workspace, 'src'), { recursive: true });
  const docs = latencyDocuments().filter((d) => documentNames.includes(d.name));
  log(`profile: server typing into ${docs.map((d) => d.name).join(', ')}`);
  const session = await LspSession.start({ workspace, debounceMs: 0, execArgv: ['--cpu-prof', '--cpu-prof-dir', dir] });
  try {
    for (const doc of docs) {
      const uri = pathToFileURL(join(workspace, doc.file)).href;
      await session.open(uri, doc.languageId, doc.text, 1);
      await session.diagnostics(uri, 1);
      let version = 1;
      const started = performance.now();
      for (const edit of typingScript(doc.text, doc.language, edits)) {
        if (version > 10 && performance.now() - started > budgetMs) break;
        version++;
        await session.change(uri, version, [edit]);
        await session.diagnostics(uri, version);
      }
      await session.close(uri);
    }
  } finally {
    await session.stop();
  }
  const found = newestProfile(dir, 'server-typing');
  return found ? { file: found.kept, documents: docs.map((d) => d.name), ...summarizeProfile(found.profile) } : { error: 'the server wrote no .cpuprofile (did it exit cleanly?)' };
}
