/**
 * Runs the built CLI (server/out/cli.js) as a child process, the way users and CI run it, and makes throw-away
 * project folders for the cases that need odd files (binary, huge, ignored, vendored).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';

export const REPO = join(__dirname, '..', '..');
export const CLI = join(REPO, 'server', 'out', 'cli.js');
export const EXPRESS_APP = join(REPO, 'examples', 'express-app');
export const CLEAN_APP = join(REPO, 'examples', 'clean-app');

function newest(dir: string): number {
  let time = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const stat = statSync(full);
    time = Math.max(time, stat.isDirectory() ? newest(full) : stat.mtimeMs);
  }
  return time;
}

let built = false;
/** Builds the bundle when it is missing or older than the sources (npm test builds before the tests run). */
export function ensureBuilt(): void {
  if (built) return;
  if (!existsSync(CLI) || statSync(CLI).mtimeMs < newest(join(REPO, 'server', 'src'))) {
    const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
  }
  built = true;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  ensureBuilt();
  const env = { ...process.env, ...options.env };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temporary project with the given files (text or bytes); removed when the test file ends. */
export function makeProject(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'twelve-factor-cli-'));
  made.push(root);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

/** A temporary directory for output files. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'twelve-factor-out-'));
  made.push(dir);
  return dir;
}
