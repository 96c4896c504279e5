// Part 3: what the user downloads and waits for: the .vsix (npm run package) and the client's activation time.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleRootDir, log, ROOT, summarize } from './util.mjs';

export const VSIX = join(ROOT, 'dist/twelve-factor-linter.vsix');

/** The entries of a zip file from its central directory: name, compressed and uncompressed size. */
export function zipEntries(buffer) {
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory record)');
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  const entries = [];
  for (let k = 0; k < count; k++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const compressed = buffer.readUInt32LE(at + 20);
    const size = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30);
    const comment = buffer.readUInt16LE(at + 32);
    entries.push({ name: buffer.toString('utf8', at + 46, at + 46 + nameLength), compressed, size });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** Runs `npm run package` (production build + vsce) and measures the .vsix. */
export function measurePackage() {
  log('package: npm run package');
  const t0 = performance.now();
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0 || !existsSync(VSIX)) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n');
    return { error: `npm run package failed (exit ${r.status ?? r.signal}): ${tail}`, bytes: null };
  }
  const bytes = statSync(VSIX).size;
  let entries = [];
  try {
    entries = zipEntries(readFileSync(VSIX));
  } catch (error) {
    return { bytes, buildMs: ms, files: null, largest: [], error: `cannot list ${VSIX}: ${error.message}` };
  }
  const largest = [...entries].sort((a, b) => b.compressed - a.compressed).slice(0, 8);
  return { path: VSIX, bytes, buildMs: ms, files: entries.length, unpackedBytes: entries.reduce((n, e) => n + e.size, 0), largest, error: null };
}

/** Activation of client/out/extension.js with a fake `vscode` (bench/activate-probe.cjs), in a fresh process per run. */
export function measureActivation({ runs, workspace }) {
  const samples = [];
  const errors = [];
  for (let k = 0; k < runs; k++) {
    const r = spawnSync(process.execPath, [join(ROOT, 'bench/activate-probe.cjs'), bundleRootDir(), workspace], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    const line = (r.stdout ?? '').trim().split('\n').pop();
    let parsed;
    try {
      parsed = JSON.parse(line);
    } catch {
      errors.push(`probe printed no result (exit ${r.status ?? r.signal}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`);
      continue;
    }
    if (parsed.error) errors.push(parsed.error);
    else samples.push(parsed);
  }
  return {
    runs,
    ok: samples.length,
    load: summarize(samples.map((s) => s.loadMs)),
    activate: summarize(samples.map((s) => s.activateMs)),
    commands: samples[0]?.commands ?? null,
    serverRunning: samples.length > 0 && samples.every((s) => s.serverRunning),
    errors: [...new Set(errors)],
  };
}
