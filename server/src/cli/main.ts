/**
 * Entry point of server/out/cli.js (bundled by scripts/build.mjs; bin/twelve-factor.js requires it).
 * The exit code is set, not forced, so piped output is flushed before the process ends.
 */
import * as path from 'path';
import { setWasmDirectory } from '../engine/lang/treesitter';
import { runCli } from './cli';

setWasmDirectory(path.join(__dirname, 'wasm'));
// `twelve-factor . | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
);
