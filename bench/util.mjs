// Shared pieces of the benchmark: statistics, the machine description, timed child processes and formatting.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_DIR = join(ROOT, 'bench');

/**
 * The folders the engine never reads (server/src/engine/skippedFolders.json, SKIPPED_DIRECTORIES in the engine):
 * every peer tool is told to skip them too, so no tool is timed on files the others never read.
 */
export const SKIPPED_DIRECTORIES = JSON.parse(readFileSync(join(ROOT, 'server/src/engine/skippedFolders.json'), 'utf8'));
const SKIPPED_RE = new RegExp(`(^|/)(${SKIPPED_DIRECTORIES.map((d) => d.replace(/\./g, '\\.')).join('|')})/`);
/** A path inside a skipped folder (dependencies, vendored code, build output): no tool should report there. */
export const isVendored = (path) => SKIPPED_RE.test(path.replace(/\\/g, '/'));

/** Linear-interpolated percentile of a sorted copy; NaN for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function summarize(values) {
  if (values.length === 0) return { n: 0, median: NaN, min: NaN, max: NaN, p50: NaN, p95: NaN, mean: NaN };
  return {
    n: values.length,
    median: percentile(values, 50),
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    min: Math.min(...values),
    max: Math.max(...values),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
  };
}

/** What the numbers were measured on. The load average tells how busy the (shared) machine was. */
export function machineInfo() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cores: cpus.length,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

const TIME_BIN = ['/usr/bin/time'].find((p) => existsSync(p));

/**
 * Runs a command to completion and times it from spawn to exit (wall clock, ms). stdout and stderr go to files so
 * the harness never holds a tool's output in memory while timing. With GNU time installed, the child's peak RSS
 * (KiB) is recorded too; the wrapper costs the same fork/exec for every tool.
 */
export function timedRun({ cmd, args, cwd, env, stdoutFile, stderrFile, okCodes = [0], timeoutMs = 30 * 60_000 }) {
  return new Promise((resolve, reject) => {
    const rssFile = `${stderrFile}.rss`;
    const out = openSync(stdoutFile, 'w');
    const err = openSync(stderrFile, 'w');
    const [file, argv] = TIME_BIN ? [TIME_BIN, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', out, err] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      closeSync(out);
      closeSync(err);
      reject(error);
    });
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      closeSync(out);
      closeSync(err);
      let peakRssKiB;
      if (TIME_BIN && existsSync(rssFile)) {
        const last = readFileSync(rssFile, 'utf8').trim().split('\n').pop();
        if (/^\d+$/.test(last ?? '')) peakRssKiB = Number(last);
        rmSync(rssFile, { force: true });
      }
      if (signal || !okCodes.includes(code)) {
        const tail = readFileSync(stderrFile, 'utf8').trim().split('\n').slice(-8).join('\n');
        reject(new Error(`${cmd} ${args.join(' ')} exited with ${signal ?? code}${tail ? `:\n${tail}` : ''}`));
        return;
      }
      resolve({ ms, peakRssKiB });
    });
  });
}

/** True when an executable is on PATH. */
export function which(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function fmtRatio(x) {
  if (!Number.isFinite(x)) return '–';
  return x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;
}

export function fmtBytes(bytes) {
  if (!Number.isFinite(bytes)) return '–';
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** A Markdown table from a header row and rows of cells. */
export function mdTable(header, rows, align) {
  const sep = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  const line = (cells) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(sep), ...rows.map(line)].join('\n');
}

/** Progress for humans on stderr, so stdout stays the Markdown report. */
export function log(message) {
  if (process.env.BENCH_SILENT !== '1') process.stderr.write(`bench: ${message}\n`);
}

/**
 * Where the bundles under test live: the work tree, or a private snapshot of it (bench/bundles.mjs), so builds by
 * others in the same tree during a long run cannot swap the code being measured.
 */
let bundleRoot = ROOT;
export function setBundleRoot(dir) {
  bundleRoot = dir;
}
export const bundleRootDir = () => bundleRoot;
export const ourCli = () => join(bundleRoot, 'server/out/cli.js');
export const serverBundle = () => join(bundleRoot, 'server/out/server.js');
