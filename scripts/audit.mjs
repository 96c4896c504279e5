#!/usr/bin/env node
// `npm run audit -- <path…> [options]`: builds the CLI bundle when it is missing or older than the sources, then
// runs it with the given arguments and passes its exit code on.
import { spawnSync } from 'node:child_process';
import { CLI, ensureCli } from './ensure-cli.mjs';

const buildError = ensureCli();
if (buildError !== null) {
  process.stderr.write(buildError);
  console.error('audit: the build failed (see above)');
  process.exit(2);
}
// npm runs scripts in the package root; relative paths are meant from where the user typed the command.
const run = spawnSync(process.execPath, [CLI, ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.env.INIT_CWD || process.cwd() });
process.exit(run.status ?? 2);
