// Helpers shared by the benchmark scripts: paths, the query stream, statistics, tables.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The shared corpora sit beside the repository (../shared/corpus) unless FAQ_CORPUS_DIR says.
export const CORPUS_DIR = process.env.FAQ_CORPUS_DIR || path.resolve(REPO_ROOT, '../shared/corpus');
export const BENCH_OUT = path.join(REPO_ROOT, 'target/bench');

/**
 * The default locale's index file in a folder index-builder wrote, as its faq-search.json
 * manifest names it; null when the folder has no manifest (nothing built there yet).
 */
export function defaultIndexFile(folder) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(folder, 'faq-search.json'), 'utf8'));
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw new Error(`${folder}/faq-search.json: ${e.message}`);
  }
  const entry = manifest.indexes?.find((i) => i.locale === manifest.default);
  if (!entry) throw new Error(`${folder}/faq-search.json names no index for its default locale`);
  return path.join(folder, entry.file);
}

/**
 * Reads a query file: JSON Lines with a "query" string per line, or plain text with one query
 * per line ('#' starts a comment line). Returns the queries in file order.
 */
export function readQueries(file) {
  const out = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (line.startsWith('{')) {
      let rec;
      try {
        rec = JSON.parse(line);
      } catch (e) {
        throw new Error(`${file}:${i + 1}: not JSON (${e.message})`);
      }
      if (typeof rec.query !== 'string') {
        console.error(`${file}:${i + 1}: no "query" string; skipped`);
        return;
      }
      out.push(rec.query);
    } else {
      // Kept as written (only the line ending dropped): a trailing space is a keystroke.
      out.push(raw.replace(/\r$/, ''));
    }
  });
  return out;
}

/** Every prefix of every query, one character (code point) at a time: what the box holds after each keystroke. */
export function keystrokeStream(queries) {
  const stream = [];
  queries.forEach((q, qi) => {
    let text = '';
    for (const ch of q) {
      text += ch;
      stream.push({ query: qi, text });
    }
  });
  return stream;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

export function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  if (!n) return NaN;
  return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/** { count, median, p95, p99, max, mean } of a list of numbers. */
export function distribution(values) {
  const v = [...values].sort((a, b) => a - b);
  return {
    count: v.length,
    median: percentile(v, 50),
    p95: percentile(v, 95),
    p99: percentile(v, 99),
    max: v[v.length - 1],
    mean: v.reduce((s, x) => s + x, 0) / (v.length || 1),
  };
}

/** Milliseconds, readable: "0.412 ms", "12.3 ms". */
export function ms(x) {
  if (!Number.isFinite(x)) return '-';
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  return `${x.toFixed(3)} ms`;
}

export function bytes(n) {
  if (!Number.isFinite(n)) return '-';
  return n.toLocaleString('en-US');
}

export function kib(n) {
  if (!Number.isFinite(n)) return '-';
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

/**
 * Prints a table: `columns` is a list of header strings; rows are arrays of cells (strings).
 * The first column is left-aligned, the rest right-aligned.
 */
export function printTable(title, columns, rows) {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) =>
    '  ' +
    cells
      .map((c, i) => (i === 0 ? String(c ?? '').padEnd(widths[i]) : String(c ?? '').padStart(widths[i])))
      .join('  ');
  if (title) console.log(`\n${title}`);
  console.log(line(columns));
  console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/**
 * Copies the demo page and the widget as served into `dest`: www/ (page, loader, API, styles),
 * then the loader, API and stylesheet as build-widget.sh minified them into `pkg` (when it
 * made them), and pkg/ itself: glue, wasm, the stemmer modules and the strings files.
 */
export function copyDemoSite(pkg, dest) {
  fs.mkdirSync(path.join(dest, 'pkg'), { recursive: true });
  for (const f of fs.readdirSync(path.join(REPO_ROOT, 'www'))) {
    if (/\.(html|css|js)$/.test(f)) fs.copyFileSync(path.join(REPO_ROOT, 'www', f), path.join(dest, f));
  }
  for (const f of ['faq-search.js', 'faq-search-api.js', 'faq-search.css']) {
    if (fs.existsSync(path.join(pkg, f))) fs.copyFileSync(path.join(pkg, f), path.join(dest, f));
  }
  const modules = fs.readdirSync(pkg).filter((f) => /^(stem-[a-z]+\.wasm|strings-[A-Za-z-]+\.json)$/.test(f));
  for (const f of ['faq_search.js', 'faq_search_bg.wasm', ...modules]) fs.copyFileSync(path.join(pkg, f), path.join(dest, 'pkg', f));
}
