#!/usr/bin/env node
'use strict';
// The command-line audit. The bundle is built by `npm run build` (scripts/build.mjs).
const path = require('path');
const fs = require('fs');

const cli = path.join(__dirname, '..', 'server', 'out', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write("twelve-factor: the CLI is not built yet; run 'npm run build' first\n");
  process.exitCode = 2;
} else {
  require(cli);
}
