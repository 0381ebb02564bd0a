// A static file server for browser benchmarks that want realistic transfer sizes: correct MIME
// types, keep-alive, and brotli when the browser asks for it. A file `X` is sent as the
// precompressed `X.br` next to it when there is one, otherwise compressed on first request
// (brotli quality 11, as a host precompressing its files would) and kept in memory. A file
// that already is gzip data (Pagefind's index chunks, fragments and wasm) is sent as it is.
// Every response is `no-store`. Only GET and HEAD; nothing outside the root is served.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';

const brotli = promisify(zlib.brotliCompress);

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.idx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Whether the request's Accept-Encoding allows br (and does not give it q=0). */
function acceptsBrotli(req) {
  return String(req.headers['accept-encoding'] ?? '')
    .split(',')
    .some((part) => {
      const [name, ...params] = part.split(';').map((s) => s.trim());
      if (name.toLowerCase() !== 'br') return false;
      const q = params.find((p) => p.startsWith('q='));
      return !q || Number(q.slice(2)) > 0;
    });
}

/** Brotli as the brotli CLI writes it by default (quality 11, 16 MiB window). */
export function brotliOptions(size) {
  return {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  };
}

const isGzip = (buf) => buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b;

/**
 * Serves `root` on 127.0.0.1 at an ephemeral port. Returns { url, port, log, close(), warm() };
 * `log` holds one { at, status, path, encoding, bytes, headerBytes } per response: `at` is when
 * the request arrived (milliseconds since the epoch, as the page's performance.timeOrigin +
 * performance.now() counts), `bytes` the body as sent and `headerBytes` the status line and
 * headers.
 */
export async function startBrotliServer(root) {
  const realRoot = fs.realpathSync(root);
  const cache = new Map(); // file -> Promise<Buffer> (brotli)
  const log = [];

  const compressed = (file, buf) => {
    const key = `${file}:${buf.length}`;
    if (!cache.has(key)) cache.set(key, brotli(buf, brotliOptions(buf.length)));
    return cache.get(key);
  };

  const resolveFile = (pathname) => {
    let file = path.resolve(realRoot, '.' + pathname);
    const inside = (f) => f === realRoot || f.startsWith(realRoot + path.sep);
    if (!inside(file)) return null;
    try {
      file = fs.realpathSync(file);
      if (!inside(file)) return null;
      let stat = fs.statSync(file);
      if (stat.isDirectory()) {
        if (!pathname.endsWith('/')) return { redirect: pathname + '/' };
        file = path.join(file, 'index.html');
        stat = fs.statSync(file);
      }
      return stat.isFile() ? { file } : null;
    } catch {
      return null;
    }
  };

  const server = http.createServer(async (req, res) => {
    const at = performance.timeOrigin + performance.now();
    const done = (status, body, headers = {}, encoding = null) => {
      res.writeHead(status, { 'Cache-Control': 'no-store', ...headers, 'Content-Length': body ? body.length : 0 });
      const headerBytes = Buffer.byteLength(typeof res._header === 'string' ? res._header : '');
      const sent = req.method === 'HEAD' || !body ? 0 : body.length;
      log.push({ at, status, path: req.url, encoding, bytes: sent, headerBytes });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return done(405, Buffer.from('method not allowed'));
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      } catch {
        return done(400, Buffer.from('bad request'));
      }
      if (pathname.includes('\0')) return done(400, Buffer.from('bad request'));
      const found = resolveFile(pathname);
      if (!found) return done(404, Buffer.from('not found'), { 'Content-Type': 'text/plain; charset=utf-8' });
      if (found.redirect) return done(301, null, { Location: found.redirect });
      const type = mimeType(found.file);
      const headers = { 'Content-Type': type, Vary: 'Accept-Encoding' };
      const raw = fs.readFileSync(found.file);
      if (!acceptsBrotli(req) || isGzip(raw)) return done(200, raw, headers);
      const pre = found.file + '.br';
      if (fs.existsSync(pre)) return done(200, fs.readFileSync(pre), { ...headers, 'Content-Encoding': 'br' }, 'br (precompressed)');
      const body = await compressed(found.file, raw);
      return done(200, body, { ...headers, 'Content-Encoding': 'br' }, 'br');
    } catch (error) {
      if (!res.headersSent) done(500, Buffer.from(String(error?.message ?? error)));
      else res.destroy();
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    log,
    /** Compresses `files` (paths below the root) ahead of time, so no measured request waits for it. */
    async warm(files) {
      await Promise.all(
        files.map(async (rel) => {
          const file = path.join(realRoot, rel);
          if (fs.existsSync(file + '.br') || !fs.existsSync(file)) return;
          const raw = fs.readFileSync(file);
          if (!isGzip(raw)) await compressed(fs.realpathSync(file), raw);
        }),
      );
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
