#!/usr/bin/env node
// Shrinks the widget's JavaScript glue and the import names it shares with the WebAssembly
// module, after wasm-opt:
//
//   node scripts/shrink-glue.mjs <pkg dir>     (faq_search.js + faq_search_bg.wasm, in place)
//
// wasm-bindgen names every import after the Rust item and a 16-digit hash
// (`__wbg_addEventListener_…`): two hundred of them, written once in the module's import section
// and once as keys of the glue's import object, where the hashes compress badly. Each becomes
// a short name in both places; then esbuild minifies the glue. Any import key that is not found
// exactly once in the glue stops the build, so a change in what wasm-bindgen emits cannot
// produce a module and a glue that no longer fit together.

import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';

const [dir] = process.argv.slice(2);
if (!dir) fail('usage: node scripts/shrink-glue.mjs <pkg dir>');
const wasmPath = path.join(dir, 'faq_search_bg.wasm');
const jsPath = path.join(dir, 'faq_search.js');

function fail(message) {
  console.error(`shrink-glue: ${message}`);
  process.exit(1);
}

function readU32(buf, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, pos];
  }
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

/** Byte length of an import's description (after module and field names) at `pos`. */
function skipImportDesc(buf, pos) {
  const start = pos;
  const kind = buf[pos++];
  const limits = () => {
    const flags = buf[pos++];
    [, pos] = readU32(buf, pos);
    if (flags & 1) [, pos] = readU32(buf, pos);
  };
  if (kind === 0) [, pos] = readU32(buf, pos); // function: type index
  else if (kind === 1) { pos++; limits(); } // table: reference type, limits
  else if (kind === 2) limits(); // memory
  else if (kind === 3) pos += 2; // global: value type, mutability
  else fail(`unexpected import kind ${kind}`);
  return pos - start;
}

/** Names 0, 1, 2… as a, b, …, Z, aa, ab, … */
function shortName(i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  for (i += 1; i > 0; i = Math.floor((i - 1) / letters.length)) {
    name = letters[(i - 1) % letters.length] + name;
  }
  return name;
}

const wasm = fs.readFileSync(wasmPath);
if (wasm.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not a WebAssembly module`);
const renames = new Map();
const parts = [wasm.subarray(0, 8)];
for (let pos = 8; pos < wasm.length; ) {
  const id = wasm[pos];
  const [size, bodyStart] = readU32(wasm, pos + 1);
  let body = wasm.subarray(bodyStart, bodyStart + size);
  if (id === 2) {
    let [count, p] = readU32(body, 0);
    const out = [u32(count)];
    for (let i = 0; i < count; i++) {
      let len;
      [len, p] = readU32(body, p);
      const module = body.subarray(p, p + len);
      p += len;
      [len, p] = readU32(body, p);
      let field = body.subarray(p, p + len).toString();
      p += len;
      const descLen = skipImportDesc(body, p);
      if (module.toString() === './faq_search_bg.js' && /^__wb(g|indgen)_/.test(field)) {
        if (!renames.has(field)) renames.set(field, shortName(renames.size));
        field = renames.get(field);
      }
      const name = Buffer.from(field);
      out.push(u32(module.length), module, u32(name.length), name, body.subarray(p, p + descLen));
      p += descLen;
    }
    body = Buffer.concat(out);
  }
  parts.push(Buffer.from([id]), u32(body.length), body);
  pos = bodyStart + size;
}
if (renames.size === 0) fail(`no wasm-bindgen imports found in ${wasmPath}`);

let js = fs.readFileSync(jsPath, 'utf8');
for (const [from, to] of renames) {
  const key = new RegExp(`^(\\s+)${from}(: )`, 'gm');
  const found = js.match(key)?.length ?? 0;
  const anywhere = js.split(from).length - 1;
  if (found !== 1 || anywhere !== 1) fail(`the import ${from} is not a single key of the glue`);
  js = js.replace(key, `$1${to}$2`);
}
const minified = transformSync(js, { minify: true, format: 'esm', target: 'es2020' }).code;

fs.writeFileSync(wasmPath, Buffer.concat(parts));
fs.writeFileSync(jsPath, minified);
console.log(`shrink-glue: ${renames.size} imports renamed, glue ${js.length} -> ${minified.length} bytes`);
