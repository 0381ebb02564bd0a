#!/usr/bin/env node
// Size report for the widget's WebAssembly module: what the next change to it costs, in one
// command.
//
//   node bench/size.mjs [--wasm FILE] [--names FILE] [--top N] [--json] [--verbose]
//
// --wasm is the shipped module (default target/widget-pkg/faq_search_bg.wasm): its size raw,
// gzip -9 and brotli -q 11, and the bytes of each section. --names is the same module built
// with names kept (default target/widget-build/faq_search_bg.names.wasm; scripts/build-widget.sh
// writes both): its function bodies are attributed to crates by their demangled names, and its
// data (string literals, tables, vtables) to the crates whose code refers to it: every
// `i32.const` (and load or store offset) in a body whose value points into a data segment, and
// every 4-byte word in data that points into data, cuts the data into objects; an object
// belongs to the crate of its first code referrer, or inherits the crate of the data that
// points at it. This is a heuristic (a constant that only looks like an address counts too);
// the totals are exact.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO_ROOT, bytes, printTable } from './lib/common.mjs';
import { parseModule, readSleb, readUleb } from './lib/wasm-module.mjs';

const DEFAULT_WASM = path.join(REPO_ROOT, 'target/widget-pkg/faq_search_bg.wasm');
const DEFAULT_NAMES = path.join(REPO_ROOT, 'target/widget-build/faq_search_bg.names.wasm');
const OWN_CRATE = /^faq_search/;
const STD_CRATES = new Set(['core', 'alloc', 'std']);
const PRIMITIVES = new Set(['bool', 'char', 'str', 'f32', 'f64', 'u8', 'u16', 'u32', 'u64', 'u128', 'usize',
  'i8', 'i16', 'i32', 'i64', 'i128', 'isize', '!']);
// Inherent methods of str and slices that the alloc crate defines (they allocate).
const ALLOC_METHODS = new Set(['to_lowercase', 'to_uppercase', 'to_owned', 'to_string', 'to_vec', 'repeat',
  'replace', 'replacen', 'into_string', 'into_boxed_str', 'into_vec', 'join', 'concat', 'sort', 'sort_by',
  'sort_by_key', 'sort_by_cached_key', 'to_ascii_lowercase', 'to_ascii_uppercase']);
const COMPILER_BUILTINS = /^(memcpy|memmove|memset|memcmp|bcmp|strlen|__(ashl|ashr|lshr|mul|div|mod|udiv|umod|fix|float|extend|trunc|add|sub|neg|cmp|eq|ne|lt|le|gt|ge|un|pow)\w*|(f?(max|min)|fmod|log(2|10|1p)?|exp(2|m1)?|pow|sqrt|cbrt|floor|ceil|round|trunc|fabs|sin|cos|tan|hypot)f?)$/;

// Segments at most this far apart, the second unreferenced, are one object (see attributeData).
const CONTINUATION_GAP = 64;
// Crates reported under another name: the allocator shims are std's, and wasm-bindgen's
// runtime crate goes with the glue its macros generate.
const CRATE_ALIASES = { __rustc: 'std', wasm_bindgen: 'wasm-bindgen' };

const HELP = `usage: node bench/size.mjs [options]

  --wasm FILE    the shipped module (default ${path.relative(process.cwd(), DEFAULT_WASM)})
  --names FILE   the same module with names kept (wasm-opt -g; default
                 ${path.relative(process.cwd(), DEFAULT_NAMES)}); "-" for none
  --top N        functions and data objects listed (default 25)
  --json         print every figure as one JSON document instead of the tables
  --verbose      also list the biggest functions no rule attributes to a crate

Both files come from scripts/build-widget.sh. Brotli is quality 11 with a 16 MiB window, as
the brotli CLI precompresses.`;

function fail(message) {
  console.error(`size: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { wasm: DEFAULT_WASM, names: DEFAULT_NAMES, top: 25, json: false, verbose: false, namesGiven: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--wasm') opts.wasm = path.resolve(value());
    else if (a === '--names') {
      const v = value();
      opts.names = v === '-' ? null : path.resolve(v);
      opts.namesGiven = true;
    } else if (a === '--top') {
      opts.top = Number(value());
      if (!Number.isInteger(opts.top) || opts.top < 0) fail('--top wants a whole number');
    } else if (a === '--json') opts.json = true;
    else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--help' || a === '-h') {
      console.log(HELP);
      process.exit(0);
    } else fail(`unknown argument ${a}\n\n${HELP}`);
  }
  return opts;
}

function readModuleFile(file, what) {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if (e.code === 'ENOENT') fail(`${what} ${file} is missing: run scripts/build-widget.sh first`);
    fail(`${file}: ${e.message}`);
  }
}

const gzipLen = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const brotliLen = (buf) =>
  buf.length === 0
    ? 0
    : zlib.brotliCompressSync(buf, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
        },
      }).length;

// ---------------------------------------------------------------------------------------------
// Names to crates

/** The name without crate hashes (`[429cf03fd33f351e]`) and legacy `::h<16 hex>` suffixes. */
export function cleanName(name) {
  return name
    .replace(/\[[0-9a-f]{4,}\]/g, '')
    .replace(/::h[0-9a-f]{16}(?=$|[^0-9a-zA-Z_])/g, '')
    .replace(/\.\d+$/, '');
}

/** The index just after the `>` that closes the `<` at `start`, or -1. */
function closeAngle(s, start) {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '<') depth++;
    else if (c === '>' && s[i - 1] !== '-') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Splits `A as B` at its top-level ` as `; [A, B] or [A, null]. */
function splitAs(s) {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '<' || c === '(' || c === '[') depth++;
    else if ((c === '>' && s[i - 1] !== '-') || c === ')' || c === ']') depth--;
    else if (depth === 0 && s.startsWith(' as ', i)) return [s.slice(0, i), s.slice(i + 4)];
  }
  return [s, null];
}

/** The crate a type or path belongs to: its first path segment; primitives are core's. */
function crateOfPath(p, method) {
  let t = p.trim().replace(/^(&(mut )?|\*(const|mut) |dyn |impl )+/, '').trim();
  if (t.startsWith('<')) return crateOfName(t);
  if (t.startsWith('[') || t.startsWith('(')) return method && ALLOC_METHODS.has(method) ? 'alloc' : 'core';
  const head = t.match(/^[A-Za-z_][A-Za-z0-9_]*/)?.[0];
  if (!head) return null;
  if (PRIMITIVES.has(head) && !t.slice(head.length).startsWith('::')) {
    return head === 'str' && method && ALLOC_METHODS.has(method) ? 'alloc' : 'core';
  }
  if (!t.slice(head.length).startsWith('::')) return null;
  return head;
}

/** The crate owning a (cleaned) function name's code, or null when no rule applies. */
export function crateOfName(name) {
  if (name.startsWith('<')) {
    const close = closeAngle(name, 0);
    if (close < 0) return null;
    const [self, trait] = splitAs(name.slice(1, close - 1));
    const method = name.slice(close).match(/^::([A-Za-z_][A-Za-z0-9_]*)/)?.[1];
    if (trait) {
      // An impl lives in the trait's crate or in the type's (the orphan rule). A standard
      // trait for a type is the type's crate's code (derives, Display); a library's trait for
      // the library's own generic type (yew's Stateful for CompStateInner<SearchWidget>) is the
      // library's code, instantiated for the project's type; a project type's impl of a
      // library trait (a #[function_component]'s FunctionProvider) is the project's code.
      const traitCrate = crateOfPath(trait);
      const selfCrate = crateOfPath(self, method);
      if (traitCrate && OWN_CRATE.test(traitCrate)) return traitCrate;
      if (selfCrate && !STD_CRATES.has(selfCrate)) return selfCrate;
      if (traitCrate && !STD_CRATES.has(traitCrate)) return traitCrate;
      return selfCrate ?? traitCrate;
    }
    return crateOfPath(self, method);
  }
  return crateOfPath(name);
}

const OWN_MENTION = /(?:^|[^A-Za-z0-9_])(faq_search[A-Za-z0-9_]*)::/;

/**
 * { crate, instantiatedFor } for a function: instantiatedFor names the project crate whose
 * types a library's generic code was instantiated for, when its name shows one.
 */
function attributeFunction(rawName, exportNames) {
  if (rawName == null) return { crate: '(other)', instantiatedFor: null };
  let name = cleanName(rawName);
  // wasm-opt's merged functions name the one they were merged from.
  name = name.replace(/^byn\$mgfn-shared\$/, '');
  let crate = null;
  if (/^(__wbg_|__wbindgen|__externref|wasm_bindgen|__wbg)/.test(name) || /(externref|multivalue) shim$/.test(name) ||
      /^\w+ -> \w+/.test(name) || /^(Ref|RefMut|Option|Vec)\(.*\) -> /.test(name)) crate = 'wasm-bindgen';
  else if (exportNames.has(name) || exportNames.has(name.replace(/ .*$/, ''))) crate = 'faq_search (exports)';
  else if (/^__rust_|^__rdl_|^__rg_/.test(name)) crate = 'std';
  else if (/^dlmalloc|^<?dlmalloc::/.test(name)) crate = 'dlmalloc';
  else if (COMPILER_BUILTINS.test(name)) crate = 'compiler_builtins';
  else crate = crateOfName(name);
  if (!crate) return { crate: '(other)', instantiatedFor: null };
  crate = CRATE_ALIASES[crate] ?? crate;
  let instantiatedFor = null;
  if (!OWN_CRATE.test(crate)) instantiatedFor = name.match(OWN_MENTION)?.[1] ?? null;
  return { crate, instantiatedFor };
}

// ---------------------------------------------------------------------------------------------
// Data objects

/** The entry of `sorted` ({ address, size }, by address, not overlapping) holding `addr`, or null. */
function rangeAt(sorted, addr) {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = sorted[mid];
    if (addr < r.address) hi = mid - 1;
    else if (addr >= r.address + r.size) lo = mid + 1;
    else return r;
  }
  return null;
}

/**
 * Cuts the active data segments into objects at every referenced address and gives each a crate.
 * Returns { objects: [{ address, size, segment, crate, referrers, fromData }], multiReferred,
 * passive } (passive: bytes of segments without a fixed address).
 */
function attributeData(buf, mod, fnCrates) {
  const segs = mod.data.filter((d) => d.address != null && d.size > 0).sort((a, b) => a.address - b.address);
  const findSeg = (addr) => rangeAt(segs, addr);
  const codeRefs = new Map(); // address -> [crate, ...] in function order, distinct
  const firstReferrer = new Map(); // address -> the first function referring to it
  mod.functions.forEach((f, i) => {
    const end = f.offset + f.size;
    for (let p = f.offset; p < end; p++) {
      const op = buf[p];
      let addr;
      if (op === 0x41) {
        const v = readSleb(buf, p + 1, end);
        if (!v) continue;
        addr = v.value >>> 0;
      } else if (op >= 0x28 && op <= 0x3e) {
        // A load or store: its memarg's offset is often the static address itself (base 0).
        const align = readUleb(buf, p + 1, end);
        if (!align || align.value > 0x4f) continue;
        const offset = readUleb(buf, align.next, end);
        if (!offset) continue;
        addr = offset.value;
      } else continue;
      if (!findSeg(addr)) continue;
      const crates = codeRefs.get(addr) ?? [];
      if (!crates.includes(fnCrates[i])) crates.push(fnCrates[i]);
      codeRefs.set(addr, crates);
      if (!firstReferrer.has(addr)) firstReferrer.set(addr, f);
    }
  });
  const dataRefs = []; // [from address, to address]
  for (const s of segs) {
    const base = s.address;
    for (let a = (base + 3) & ~3; a + 4 <= base + s.size; a += 4) {
      const to = buf.readUInt32LE(s.offset + (a - base));
      if (to !== 0 && findSeg(to)) dataRefs.push([a, to]);
    }
  }
  const cuts = new Set(segs.map((s) => s.address));
  for (const a of codeRefs.keys()) cuts.add(a);
  for (const [, to] of dataRefs) cuts.add(to);
  const referenced = new Set([...codeRefs.keys(), ...dataRefs.map(([, to]) => to)]);
  const sorted = [...cuts].sort((a, b) => a - b);
  // Pieces run from a cut to the next one (or their segment's end). wasm-opt splits data at
  // runs of zeros, so an array of structs can be many segments a few zero bytes apart of which
  // only the first is referred to: a segment that starts unreferenced that close to the
  // previous one continues its object.
  const pieces = [];
  const objects = [];
  for (let i = 0; i < sorted.length; i++) {
    const address = sorted[i];
    const seg = findSeg(address);
    const segEnd = seg.address + seg.size;
    const end = Math.min(i + 1 < sorted.length ? sorted[i + 1] : segEnd, segEnd);
    const piece = { address, size: end - address, segment: seg, object: null };
    const prev = pieces[pieces.length - 1];
    if (prev && !referenced.has(address) && address === seg.address && address - (prev.address + prev.size) <= CONTINUATION_GAP) {
      piece.object = prev.object;
      prev.object.size += piece.size;
      prev.object.parts.push(piece);
    } else {
      const referrers = codeRefs.get(address) ?? [];
      piece.object = { address, size: piece.size, segment: seg, parts: [piece], crate: referrers[0] ?? null, referrers: referrers.length, fromData: false, referrer: firstReferrer.get(address) ?? null };
      objects.push(piece.object);
    }
    pieces.push(piece);
  }
  const objectAt = (addr) => rangeAt(pieces, addr)?.object ?? null;
  // Data reachable only from data inherits its referrer's crate, transitively.
  const edges = new Map();
  for (const [from, to] of dataRefs) {
    const src = objectAt(from);
    const dst = objectAt(to);
    if (!src || !dst || src === dst) continue;
    if (!edges.has(src)) edges.set(src, []);
    edges.get(src).push(dst);
  }
  const queue = objects.filter((o) => o.crate);
  while (queue.length) {
    const o = queue.shift();
    for (const d of edges.get(o) ?? []) {
      if (d.crate) continue;
      d.crate = o.crate;
      d.fromData = true;
      queue.push(d);
    }
  }
  for (const o of objects) if (!o.crate) o.crate = '(data, unattributed)';
  const multiReferred = objects.filter((o) => o.referrers > 1).reduce((s, o) => s + o.size, 0);
  const passive = mod.data.filter((d) => d.address == null).reduce((s, d) => s + d.size, 0);
  return { objects, multiReferred, passive };
}

/** A readable label for a data object: its segment and offset, and a preview when it is text. */
function dataLabel(buf, o) {
  const seg = o.segment;
  const at = o.address - seg.address;
  const bytesOf = buf.subarray(seg.offset + at, seg.offset + at + Math.min(o.parts[0].size, 48));
  const text = bytesOf.toString('latin1');
  const printable = /^[\x20-\x7e\t\n]+$/.test(text) && text.length >= 4;
  const segments = o.parts.length > 1 ? ` (${o.parts.length} segments)` : '';
  const where = `${seg.name ?? `data ${seg.index}`}+${at}${segments}`;
  if (printable) return `${where} "${text.replace(/\n/g, '\\n')}${o.size > 48 ? '…' : ''}"`;
  return o.referrer?.name ? `${where} (used by ${cleanName(o.referrer.name)})` : where;
}

// ---------------------------------------------------------------------------------------------
// The report

function sectionReport(buf, mod) {
  const bySection = new Map();
  for (const s of mod.sections) {
    const key = s.id === 0 ? `custom: ${s.name}` : s.kind;
    bySection.set(key, (bySection.get(key) ?? 0) + s.size);
  }
  return [...bySection].map(([name, size]) => ({ name, raw: size }));
}

function crateReport(buf, mod, opts) {
  const exportNames = new Set(mod.exports.filter((e) => e.kind === 0).map((e) => e.name));
  const attrs = mod.functions.map((f) => attributeFunction(f.name, exportNames));
  const fnCrates = attrs.map((a) => a.crate);
  const data = attributeData(buf, mod, fnCrates);

  const crates = new Map();
  const entry = (name) => {
    if (!crates.has(name)) crates.set(name, { crate: name, code: 0, data: 0, codeParts: [], dataParts: [] });
    return crates.get(name);
  };
  const instantiated = new Map();
  mod.functions.forEach((f, i) => {
    const c = entry(attrs[i].crate);
    c.code += f.size;
    c.codeParts.push(buf.subarray(f.offset, f.offset + f.size));
    const forCrate = attrs[i].instantiatedFor;
    if (forCrate) {
      const k = `${attrs[i].crate} for ${forCrate}`;
      const row = instantiated.get(k) ?? { crate: attrs[i].crate, for: forCrate, functions: 0, code: 0 };
      row.functions++;
      row.code += f.size;
      instantiated.set(k, row);
    }
  });
  for (const o of data.objects) {
    const c = entry(o.crate);
    c.data += o.size;
    for (const p of o.parts) {
      const start = p.segment.offset + (p.address - p.segment.address);
      c.dataParts.push(buf.subarray(start, start + p.size));
    }
  }
  if (data.passive) entry('(data, passive segments)').data += data.passive;

  const codeSection = mod.sections.find((s) => s.id === 10)?.size ?? 0;
  const dataSection = mod.sections.find((s) => s.id === 11)?.size ?? 0;
  const rows = [...crates.values()].map((c) => {
    const codeBrotli = brotliLen(Buffer.concat(c.codeParts));
    const dataBrotli = brotliLen(Buffer.concat(c.dataParts));
    return { crate: c.crate, code: c.code, data: c.data, total: c.code + c.data, brotli: codeBrotli + dataBrotli, codeBrotli, dataBrotli };
  });
  rows.sort((a, b) => b.total - a.total || a.crate.localeCompare(b.crate));
  const attributed = rows.reduce((s, r) => s + r.total, 0);
  for (const r of rows) r.share = attributed ? (100 * r.total) / attributed : 0;

  const items = [
    ...mod.functions.map((f, i) => ({ kind: 'code', name: f.name ?? `function ${f.index}`, crate: attrs[i].crate, raw: f.size })),
    ...data.objects.map((o) => ({ kind: 'data', name: dataLabel(buf, o), crate: o.crate, raw: o.size })),
  ].sort((a, b) => b.raw - a.raw);

  const unattributed = mod.functions
    .map((f, i) => ({ name: f.name ?? `function ${f.index} (no name)`, raw: f.size, crate: attrs[i].crate }))
    .filter((f) => f.crate === '(other)')
    .sort((a, b) => b.raw - a.raw);

  return {
    crates: rows,
    instantiated: [...instantiated.values()].sort((a, b) => b.code - a.code),
    top: items.slice(0, opts.top),
    unattributed: unattributed.slice(0, Math.max(opts.top, 25)),
    totals: {
      code: rows.reduce((s, r) => s + r.code, 0),
      data: rows.reduce((s, r) => s + r.data, 0),
      codeSection,
      dataSection,
      overhead: codeSection + dataSection - attributed,
      dataMultiReferred: data.multiReferred,
      dataFromData: data.objects.filter((o) => o.fromData).reduce((s, o) => s + o.size, 0),
      functions: mod.functions.length,
      dataObjects: data.objects.length,
      moduleBrotli: brotliLen(buf),
    },
  };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const wasmBuf = readModuleFile(opts.wasm, 'the widget module');
  let wasmMod;
  try {
    wasmMod = parseModule(wasmBuf);
  } catch (e) {
    fail(`${opts.wasm}: ${e.message}`);
  }
  const report = {
    wasm: {
      file: opts.wasm,
      raw: wasmBuf.length,
      gzip: gzipLen(wasmBuf),
      brotli: brotliLen(wasmBuf),
      sections: sectionReport(wasmBuf, wasmMod),
      warnings: wasmMod.warnings,
    },
    names: null,
    hint: null,
  };

  if (opts.names) {
    if (!fs.existsSync(opts.names) && !opts.namesGiven) {
      report.hint = `no names build at ${opts.names}: run scripts/build-widget.sh first (it writes one with wasm-opt -g) for the crate tables`;
    } else {
      const namesBuf = readModuleFile(opts.names, 'the names build');
      let namesMod;
      try {
        namesMod = parseModule(namesBuf);
      } catch (e) {
        fail(`${opts.names}: ${e.message}`);
      }
      if (!namesMod.hasNames) {
        report.hint = `${opts.names} has no function names: build it with wasm-opt -g (scripts/build-widget.sh does) for the crate tables`;
      } else {
        report.names = { file: opts.names, raw: namesBuf.length, warnings: namesMod.warnings, ...crateReport(namesBuf, namesMod, opts) };
      }
    }
  }

  if (opts.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  printText(report, opts);
}

function printText(report, opts) {
  const w = report.wasm;
  console.log(`${path.relative(process.cwd(), w.file) || w.file}: ${bytes(w.raw)} bytes raw, ${bytes(w.gzip)} gzip -9, ${bytes(w.brotli)} brotli -q 11`);
  for (const m of w.warnings) console.log(`  warning: ${m}`);
  printTable('Sections', ['section', 'raw', 'share %'], w.sections.map((s) => [s.name, bytes(s.raw), ((100 * s.raw) / w.raw).toFixed(1)]));
  if (report.hint) {
    console.log(`\n${report.hint}`);
    return;
  }
  const n = report.names;
  if (!n) return;
  const t = n.totals;
  console.log(`\nBy crate, from ${path.relative(process.cwd(), n.file) || n.file} (${bytes(n.raw)} bytes with names; ` +
    `module brotli without the name section differs): code by function name, data by the code and data that ` +
    `point at it (a heuristic)`);
  for (const m of n.warnings) console.log(`  warning: ${m}`);
  printTable(
    null,
    ['crate', 'code raw', 'data raw', 'total raw', 'share %', 'brotli est.'],
    [
      ...n.crates.map((r) => [r.crate, bytes(r.code), bytes(r.data), bytes(r.total), r.share.toFixed(1), bytes(r.brotli)]),
      ['total', bytes(t.code), bytes(t.data), bytes(t.code + t.data), '100.0', bytes(n.crates.reduce((s, r) => s + r.brotli, 0))],
    ],
  );
  console.log(
    `  code section ${bytes(t.codeSection)} + data section ${bytes(t.dataSection)} bytes; ` +
      `${bytes(t.overhead)} of them are section overhead (counts, body sizes, segment headers).\n` +
      `  ${bytes(t.dataMultiReferred)} data bytes are referred to by code of several crates (counted for the first); ` +
      `${bytes(t.dataFromData)} are reached only from other data.\n` +
      `  Brotli per crate compresses each crate's code and data on their own; the module shares context, so the ` +
      `estimates do not add up to its real ${bytes(t.moduleBrotli)} bytes (names build) / ${bytes(w.brotli)} (shipped).`,
  );
  if (n.instantiated.length) {
    printTable(
      'Generic code instantiated for faq_search types (counted above under the library)',
      ['library', 'for', 'functions', 'code raw'],
      n.instantiated.map((r) => [r.crate, r.for, String(r.functions), bytes(r.code)]),
    );
  }
  if (opts.top > 0) {
    printTable(
      `Top ${opts.top} functions and data objects`,
      ['name', 'kind', 'crate', 'raw'],
      n.top.map((i) => [shorten(cleanName(i.name), 110), i.kind, i.crate, bytes(i.raw)]),
    );
  }
  if (opts.verbose && n.unattributed.length) {
    printTable('Biggest functions no rule attributes', ['name', 'raw'], n.unattributed.map((f) => [shorten(f.name, 140), bytes(f.raw)]));
  }
}

function shorten(s, max) {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

main();
