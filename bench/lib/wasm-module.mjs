// A small WebAssembly binary reader for the size report (bench/size.mjs): the sections, the
// function bodies, the data segments with their memory offsets, the exports and the `name`
// custom section (function and data segment names). Only what the report needs; anything it
// does not understand is left as raw bytes rather than rejected.

const SECTION_KINDS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export',
  'start', 'element', 'code', 'data', 'datacount', 'tag'];

/** A cursor over a Uint8Array with the LEB128 readers the format uses. */
class Reader {
  constructor(buf, pos = 0, end = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }
  byte() {
    if (this.pos >= this.end) throw new Error(`unexpected end of input at byte ${this.pos}`);
    return this.buf[this.pos++];
  }
  u32() {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      shift += 7;
      if (shift > 35) throw new Error(`LEB128 too long at byte ${this.pos}`);
    }
  }
  bytes(n) {
    if (this.pos + n > this.end) throw new Error(`unexpected end of input at byte ${this.pos}`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  name() {
    return new TextDecoder().decode(this.bytes(this.u32()));
  }
}

/** Signed LEB128 at `pos`: { value, next } or null when it runs past `end` or is over-long. */
export function readSleb(buf, pos, end) {
  let result = 0;
  let shift = 0;
  for (let i = 0; i < 5; i++) {
    if (pos >= end) return null;
    const b = buf[pos++];
    result |= (b & 0x7f) << shift;
    shift += 7;
    if (!(b & 0x80)) {
      if (shift < 32 && b & 0x40) result |= -1 << shift;
      return { value: result, next: pos };
    }
  }
  return null;
}

/** Unsigned LEB128 (32-bit) at `pos`: { value, next } or null when it runs past `end` or is over-long. */
export function readUleb(buf, pos, end) {
  let result = 0;
  for (let i = 0; i < 5; i++) {
    if (pos >= end) return null;
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** (7 * i);
    if (!(b & 0x80)) return { value: result, next: pos };
  }
  return null;
}

/** A constant expression's value when it is a plain `i32.const N end`, else null. */
function constI32(r) {
  const start = r.pos;
  const op = r.byte();
  if (op === 0x41) {
    const v = readSleb(r.buf, r.pos, r.end);
    if (v && r.buf[v.next] === 0x0b) {
      r.pos = v.next + 1;
      return v.value >>> 0;
    }
  }
  // Something else (a global.get, an extended expression): skip to its `end`.
  r.pos = start;
  while (r.byte() !== 0x0b);
  return null;
}

function skipImport(r) {
  const kind = r.byte();
  if (kind === 0x00) r.u32();
  else if (kind === 0x01) {
    r.byte();
    const flags = r.u32();
    r.u32();
    if (flags & 1) r.u32();
  } else if (kind === 0x02) {
    const flags = r.u32();
    r.u32();
    if (flags & 1) r.u32();
  } else if (kind === 0x03) {
    r.byte();
    r.byte();
  } else if (kind === 0x04) {
    r.byte();
    r.u32();
  } else throw new Error(`unknown import kind ${kind}`);
  return kind;
}

/**
 * Parses a module. Returns
 *   { size, sections: [{ id, kind, name, offset, size }]   (size: header and payload),
 *     importedFunctions, functions: [{ index, offset, size, name }]   (bodies, size with locals),
 *     data: [{ index, offset, size, address, name }]   (address null for passive segments),
 *     exports: [{ name, kind, index }], hasNames, warnings }.
 */
export function parseModule(buf) {
  if (buf.length < 8 || buf[0] !== 0 || buf[1] !== 0x61 || buf[2] !== 0x73 || buf[3] !== 0x6d) {
    throw new Error('not a WebAssembly module (bad magic)');
  }
  const mod = { size: buf.length, sections: [], importedFunctions: 0, functions: [], data: [], exports: [],
    functionNames: new Map(), dataNames: new Map(), hasNames: false, warnings: [] };
  const r = new Reader(buf, 8);
  while (r.pos < buf.length) {
    const start = r.pos;
    const id = r.byte();
    const len = r.u32();
    const payload = r.pos;
    const end = payload + len;
    if (end > buf.length) throw new Error(`section ${id} runs past the end of the module`);
    const kind = SECTION_KINDS[id] ?? `unknown ${id}`;
    const section = { id, kind, name: kind, offset: start, size: end - start };
    const s = new Reader(buf, payload, end);
    try {
      if (id === 0) {
        section.name = s.name();
        if (section.name === 'name') readNames(s, mod);
      } else if (id === 2) {
        for (let n = s.u32(); n > 0; n--) {
          s.name();
          s.name();
          if (skipImport(s) === 0x00) mod.importedFunctions++;
        }
      } else if (id === 7) {
        for (let n = s.u32(); n > 0; n--) mod.exports.push({ name: s.name(), kind: s.byte(), index: s.u32() });
      } else if (id === 10) {
        const n = s.u32();
        for (let i = 0; i < n; i++) {
          const size = s.u32();
          mod.functions.push({ index: mod.importedFunctions + i, offset: s.pos, size });
          s.pos += size;
        }
      } else if (id === 11) {
        const n = s.u32();
        for (let i = 0; i < n; i++) {
          const flags = s.u32();
          let address = null;
          if (flags === 0) address = constI32(s);
          else if (flags === 2) {
            s.u32();
            address = constI32(s);
          }
          const size = s.u32();
          mod.data.push({ index: i, offset: s.pos, size, address });
          s.pos += size;
        }
      }
    } catch (e) {
      mod.warnings.push(`${section.name} section: ${e.message}`);
    }
    mod.sections.push(section);
    r.pos = end;
  }
  for (const f of mod.functions) f.name = mod.functionNames.get(f.index) ?? null;
  for (const d of mod.data) d.name = mod.dataNames.get(d.index) ?? null;
  return mod;
}

/** The `name` section: subsection 1 (function names) and 9 (data segment names). */
function readNames(s, mod) {
  while (s.pos < s.end) {
    const sub = s.byte();
    const len = s.u32();
    const end = s.pos + len;
    const target = sub === 1 ? mod.functionNames : sub === 9 ? mod.dataNames : null;
    if (target) {
      const t = new Reader(s.buf, s.pos, end);
      for (let n = t.u32(); n > 0; n--) {
        const index = t.u32();
        target.set(index, t.name());
      }
      if (sub === 1) mod.hasNames = true;
    }
    s.pos = end;
  }
}
