#!/usr/bin/env node
// faq-search: runs the index-builder binary this package carries, with the same subcommands
// and flags (`faq-search build public/ --out public/search`, `faq-search --help`).
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const TARGETS = { 'linux-x64': 'x86_64-unknown-linux-gnu' };
const here = `${process.platform}-${process.arch}`;
const target = TARGETS[here];
if (!target) {
  console.error(`faq-search: this package has no index-builder for ${here} (it has: ${Object.keys(TARGETS).join(', ')}); build one from source with cargo build --release -p index-builder`);
  process.exit(1);
}
const binary = path.join(__dirname, '..', 'native', target, 'index-builder');
try {
  fs.accessSync(binary, fs.constants.X_OK);
} catch {
  try {
    fs.chmodSync(binary, 0o755);
  } catch (error) {
    console.error(`faq-search: cannot run ${binary} (${error.message}); reinstall the package`);
    process.exit(1);
  }
}
const result = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit' });
if (result.error) {
  console.error(`faq-search: cannot run ${binary} (${result.error.message})`);
  process.exit(1);
}
process.exit(result.status ?? 1);
