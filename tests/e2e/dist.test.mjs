// dist/ as a folder someone uploads to a static host: every file there, readable by a web
// server that runs as another user, and only relative references in the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO_ROOT, readManifest, defaultIndexFile } from './harness.mjs';

const DIST = path.join(REPO_ROOT, 'dist');
const EXPECTED = [
  'index.html',
  'faq-search.js',
  'faq-search-api.js',
  'faq-search.css',
  'demo.css',
  'pkg/faq_search.js',
  'pkg/faq_search_bg.wasm',
  'index/faq-search.json',
];

function walk(dir) {
  return [dir, ...fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  })];
}

test('dist/ has every file of the widget and the demo', () => {
  for (const f of EXPECTED) assert.ok(fs.statSync(path.join(DIST, f)).size > 0, `dist/${f} exists and is not empty`);
});

test('dist/index/ holds the indexes its manifest names, each with .br and .gz copies of the same bytes', () => {
  const folder = path.join(DIST, 'index');
  const manifest = readManifest(folder);
  assert.equal(manifest.format, 'faq-search-manifest');
  assert.equal(manifest.version, 1);
  assert.ok(manifest.indexes.some((i) => i.locale === manifest.default), 'the default locale has an index');
  const names = ['faq-search.json'];
  for (const entry of manifest.indexes) {
    assert.match(entry.file, /^[A-Za-z0-9_-]+\.[0-9a-f]{10}\.idx$/, 'a content-hashed name');
    assert.equal(fs.statSync(path.join(folder, entry.file)).size, entry.bytes, `${entry.file}: bytes`);
    names.push(entry.file, ...entry.parts.map((p) => p.file));
  }
  for (const name of names) {
    const raw = fs.readFileSync(path.join(folder, name));
    assert.ok(zlib.gunzipSync(fs.readFileSync(path.join(folder, `${name}.gz`))).equals(raw), `${name}.gz`);
    assert.ok(zlib.brotliDecompressSync(fs.readFileSync(path.join(folder, `${name}.br`))).equals(raw), `${name}.br`);
  }
});

test('dist/ is readable by a web server running as another user', () => {
  // `cp -r`, rsync -a and most upload tools carry these modes to the host: a 0700 folder there
  // makes nginx or Apache answer 403 for the whole help center.
  const unreadable = walk(DIST)
    .map((p) => ({ p, mode: fs.statSync(p).mode }))
    .filter(({ mode }) => (fs.constants.S_IFDIR & mode ? (mode & 0o005) !== 0o005 : (mode & 0o004) === 0))
    .map(({ p, mode }) => `${path.relative(REPO_ROOT, p) || '.'} (mode ${(mode & 0o777).toString(8)})`);
  assert.deepEqual(unreadable, [], 'folders need o+rx and files o+r');
});

test('the demo page refers to its files by relative URLs only', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/\b(?:src|href|data-index)="([^"]*)"/g)].map((m) => m[1]);
  assert.ok(refs.length > 0);
  for (const ref of refs) {
    if (ref.startsWith('data:')) continue; // inline, e.g. the empty favicon
    assert.doesNotMatch(ref, /^(\/|[a-z][a-z0-9+.-]*:)/i, `"${ref}" is relative, so dist/ works below any path`);
  }
});

test('the index ends with the CRC-32 of everything before it (what the damage tests rely on)', async () => {
  const { crc32 } = await import('./harness.mjs');
  const idx = fs.readFileSync(defaultIndexFile(path.join(DIST, 'index')));
  assert.equal(idx.subarray(0, 8).toString('latin1'), 'FAQSRCH\0', 'magic bytes');
  // The version the engine writes for an index in one file, as the demo's is (engine/src/
  // format.rs), read from the source so this test follows format changes without an edit.
  const format = fs.readFileSync(path.join(REPO_ROOT, 'engine/src/format.rs'), 'utf8');
  const version = Number(format.match(/pub const WHOLE_FORMAT_VERSION: u32 = (\d+);/)?.[1]);
  assert.ok(version >= 1, 'WHOLE_FORMAT_VERSION found in engine/src/format.rs');
  assert.equal(idx.readUInt32LE(8), version, `format version ${version}`);
  assert.equal(idx.readUInt32LE(idx.length - 4), crc32(idx.subarray(0, idx.length - 4)));
});
