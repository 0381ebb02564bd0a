#!/usr/bin/env node
// Minifies the files a page downloads beside the wasm (the loader, the JS API module, the
// stylesheet, and the page highlighter of article pages) from www/ into the widget package, where scripts/build-dist.sh takes them:
//
//   node scripts/minify-assets.mjs <pkg dir>
//
// www/ keeps the readable sources (comments included); what is served is the same code without
// them, about half the bytes (4 KB brotli of the first download). esbuild only minifies: no
// bundling, so the API module's import of ./pkg/faq_search.js stays as it is.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FILES = [
  ['faq-search.js', 'js'],
  ['faq-search-api.js', 'js'],
  ['faq-search.css', 'css'],
  ['faq-search-highlight.js', 'js'],
];

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/minify-assets.mjs <pkg dir>');
  process.exit(1);
}
for (const [name, loader] of FILES) {
  const source = fs.readFileSync(path.join(ROOT, 'www', name), 'utf8');
  // The API is an ES module; the loader a classic script, which esbuild leaves one.
  const { code } = transformSync(source, { loader, minify: true, legalComments: 'none' });
  fs.writeFileSync(path.join(dir, name), code);
  console.log(`minify-assets: ${name} ${source.length} -> ${code.length} bytes`);
}
