// Index sizes: the sections of a faq-search index file (read from its section table, see
// FORMAT.md; kinds this script does not name are shown by number) raw, gzip -9 and
// brotli -q 11, and MiniSearch's serialized index for the same corpus, without and with the
// stored fields a result needs.

import fs from 'node:fs';
import zlib from 'node:zlib';
import { performance } from 'node:perf_hooks';
import MiniSearch from 'minisearch';

const MAGIC = Buffer.from('FAQSRCH\0', 'latin1');
const SECTION_NAMES = {
  1: 'meta',
  2: 'term dictionary',
  3: 'postings',
  4: 'document table',
  5: 'stored text',
  6: 'surface words',
  7: 'synonyms',
};
export const STORED_TEXT_KIND = 5;

/** The section table of an index file: [{ kind, name, offset, length }] in table order. */
export function readSections(buf) {
  if (buf.length < 20 || !buf.subarray(0, 8).equals(MAGIC)) throw new Error('not a faq-search index (bad magic)');
  const version = buf.readUInt32LE(8);
  const n = buf.readUInt32LE(12);
  const sections = [];
  for (let i = 0; i < n; i++) {
    const at = 16 + 16 * i;
    if (at + 16 > buf.length) throw new Error('section table runs past the end of the file');
    const kind = buf.readUInt32LE(at);
    const offset = buf.readUInt32LE(at + 8);
    const length = buf.readUInt32LE(at + 12);
    if (offset + length > buf.length) throw new Error(`section ${kind} runs past the end of the file`);
    sections.push({ kind, name: SECTION_NAMES[kind] ?? `kind ${kind}`, offset, length });
  }
  return { version, sections };
}

export function gzipLen(buf) {
  return zlib.gzipSync(buf, { level: 9 }).length;
}

/** brotli as the brotli CLI does by default (quality 11, 16 MiB window): what a host precompresses with. */
export function brotliLen(buf) {
  return zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;
}

function measure(name, buf) {
  return { name, raw: buf.length, gzip: gzipLen(buf), brotli: brotliLen(buf) };
}

/**
 * Sizes of one index file. Returns { sections: [{ name, raw, gzip, brotli }], envelope,
 * indexOnly, whole }: each section compressed on its own; the file without its stored-text
 * section (what searching needs, compressed as one stream); and the whole file as served.
 */
export function indexSizes(file) {
  const buf = fs.readFileSync(file);
  const { sections } = readSections(buf);
  const rows = [...sections]
    .sort((a, b) => a.offset - b.offset)
    .map((s) => measure(s.name, buf.subarray(s.offset, s.offset + s.length)));
  const inSections = sections.reduce((n, s) => n + s.length, 0);
  const text = sections.find((s) => s.kind === STORED_TEXT_KIND);
  const withoutText = text
    ? Buffer.concat([buf.subarray(0, text.offset), buf.subarray(text.offset + text.length)])
    : buf;
  return {
    sections: rows,
    envelope: buf.length - inSections,
    indexOnly: measure('file without stored text', withoutText),
    whole: measure('whole file', buf),
  };
}

/** Fields a result needs to be drawn (what our stored text + document table hold). */
export const MINISEARCH_STORE_FIELDS = ['title', 'url', 'category', 'published', 'updated', 'views', 'body'];

/**
 * MiniSearch over `docs` (fields title and body, id field "id"), serialized with
 * JSON.stringify: without stored fields, and with MINISEARCH_STORE_FIELDS.
 */
export function miniSearchSizes(docs) {
  const out = {};
  for (const [key, storeFields] of [
    ['indexOnly', []],
    ['withStored', MINISEARCH_STORE_FIELDS],
  ]) {
    const started = performance.now();
    const ms = new MiniSearch({ idField: 'id', fields: ['title', 'body'], storeFields });
    ms.addAll(docs);
    const buildMs = performance.now() - started;
    const json = Buffer.from(JSON.stringify(ms), 'utf8');
    out[key] = { ...measure(key, json), buildMs };
  }
  return out;
}
