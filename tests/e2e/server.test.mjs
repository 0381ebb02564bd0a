// The static server the browser tests rely on: MIME types (wasm streaming compile needs
// application/wasm), 404s, and no way out of the served folder.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { startServer, crc32, formatDate, formatViews } from './harness.mjs';

let tmp, server;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fqs-server-'));
  fs.mkdirSync(path.join(tmp, 'root/sub/index'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'outside the root');
  const files = {
    'index.html': '<!doctype html><title>root</title>',
    'sub/a.js': 'export {}',
    'sub/a.css': 'body{}',
    'sub/a.wasm': Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]),
    'sub/index/en.0123456789.idx': Buffer.from('FAQSRCH\0 raw'),
    'sub/index/en.0123456789.idx.br': zlib.brotliCompressSync(Buffer.from('FAQSRCH\0 from br')),
    'sub/index/en.0123456789.idx.gz': zlib.gzipSync(Buffer.from('FAQSRCH\0 from gz')),
    'sub/index/faq-search.json': '{}',
    'sub/index/faq-search.json.gz': zlib.gzipSync('{"gz": true}'),
  };
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(tmp, 'root', name), body);
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(tmp, 'root/link.txt'));
  server = await startServer(path.join(tmp, 'root'));
});

after(async () => {
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// A raw request, so the path reaches the server exactly as written (fetch would normalize "..").
function rawGet(rawPath, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: server.port, path: rawPath, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode, type: res.headers['content-type'], encoding: res.headers['content-encoding'], bytes, body: bytes.toString('latin1') });
      });
    });
    req.on('error', reject);
  });
}

test('serves files with the MIME types browsers need', async () => {
  const cases = {
    '/': 'text/html',
    '/index.html': 'text/html',
    '/sub/a.js': 'text/javascript',
    '/sub/a.css': 'text/css',
    '/sub/a.wasm': 'application/wasm',
    '/sub/index/en.0123456789.idx': 'application/octet-stream',
    '/sub/index/faq-search.json': 'application/json',
  };
  for (const [p, type] of Object.entries(cases)) {
    const res = await rawGet(p);
    assert.equal(res.status, 200, p);
    assert.equal(res.type.split(';')[0], type, p);
  }
});

test('precompressed copies are sent to clients that accept them, with the original type', async () => {
  const idx = '/sub/index/en.0123456789.idx';
  let res = await rawGet(idx, { 'Accept-Encoding': 'gzip, deflate, br' });
  assert.equal(res.encoding, 'br');
  assert.equal(res.type, 'application/octet-stream');
  assert.equal(zlib.brotliDecompressSync(res.bytes).toString(), 'FAQSRCH\0 from br');
  res = await rawGet(idx, { 'Accept-Encoding': 'gzip' });
  assert.equal(res.encoding, 'gzip');
  assert.equal(zlib.gunzipSync(res.bytes).toString(), 'FAQSRCH\0 from gz');
  res = await rawGet(idx, { 'Accept-Encoding': 'br;q=0, gzip' });
  assert.equal(res.encoding, 'gzip', 'q=0 refuses a coding');
  res = await rawGet(idx);
  assert.equal(res.encoding, undefined);
  assert.equal(res.body, 'FAQSRCH\0 raw');
  res = await rawGet('/sub/index/faq-search.json', { 'Accept-Encoding': 'br, gzip' });
  assert.equal(res.encoding, 'gzip', 'no .br copy: the .gz one');
  assert.match(res.type, /^application\/json/);
  assert.equal(zlib.gunzipSync(res.bytes).toString(), '{"gz": true}');
});

test('missing files and folders without index.html are 404', async () => {
  for (const p of ['/nope.js', '/sub/index/', '/sub/missing/faq-search.json']) {
    assert.equal((await rawGet(p)).status, 404, p);
  }
});

test('no directory traversal, encoded or not, and no symlinks out of the root', async () => {
  for (const p of ['/../secret.txt', '/sub/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/sub/..%2f..%2fsecret.txt', '/link.txt']) {
    const res = await rawGet(p);
    assert.notEqual(res.status, 200, p);
    assert.doesNotMatch(res.body, /outside the root/, p);
  }
});

test('helpers: crc32 check value, date and number formats', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  assert.equal(formatDate('2024-08-08'), 'Aug 8, 2024');
  assert.equal(formatDate('2026-12-31'), 'Dec 31, 2026');
  assert.equal(formatViews(31433), '31,433');
  assert.equal(formatViews(842310), '842,310');
  assert.equal(formatViews(1234567), '1,234,567');
  assert.equal(formatViews(999), '999');
});
