/**
 * Parquet's RLE/bit-packed hybrid encoding: definition levels as runs of
 * equal values (RLE runs) and the rest bit-packed in groups of 8, least
 * significant bit first; dictionary indices as one bit-packed run
 * (`bitPacked`), or as one RLE run per request where each request has an
 * entry of its own (`runs`).
 */

/** Runs shorter than this go into bit-packed groups: an RLE run costs a header of its own. */
const MIN_RUN = 8;

/** Definition levels (bit width 1) with their length in front; no nulls or all nulls is a single run. */
export function encodeLevels(levels: Int32Array, rows: number, nulls: number): Buffer {
  if (nulls === 0) return levelRun(rows, 1);
  if (nulls === rows) return levelRun(rows, 0);
  const out = Buffer.allocUnsafe(4 + hybridBound(rows, 1));
  const end = hybrid(levels, rows, 1, out, 4);
  out.writeUInt32LE(end - 4, 0);
  return out.subarray(0, end);
}

export function levelRun(rows: number, level: number): Buffer {
  const out = Buffer.allocUnsafe(4 + 6);
  const end = rleRun(out, 4, rows, level, 1);
  out.writeUInt32LE(end - 4, 0);
  return out.subarray(0, end);
}

/** The most bytes `hybrid` writes for `count` values: every run and every bit-packed block costs a header. */
export const hybridBound = (count: number, width: number): number => Math.ceil(count / 8) * (5 + 4 + width) + 16;

/**
 * The RLE/bit-packed hybrid of `values` less `bias`: runs of MIN_RUN or more equal values as RLE
 * runs, the rest as bit-packed groups of 8 (only the file's last group may
 * be padded, so a bit-packed block ends on a group boundary or at the end).
 */
export function hybrid(values: Int32Array, count: number, width: number, out: Buffer, at: number, bias = 0): number {
  const valueBytes = (width + 7) >> 3;
  let pos = at;
  let i = 0;
  while (i < count) {
    const v = values[i] as number;
    let j = i + 1;
    while (j < count && values[j] === v) j++;
    if (j - i >= MIN_RUN) {
      pos = rleRun(out, pos, j - i, v - bias, valueBytes);
      i = j;
      continue;
    }
    // Groups of 8 until one starts a run long enough to be worth its own header.
    let g = i + 8;
    while (g < count) {
      if (g + MIN_RUN <= count) {
        const u = values[g] as number;
        let k = g + 1;
        while (k < g + MIN_RUN && values[k] === u) k++;
        if (k === g + MIN_RUN) break;
      }
      g += 8;
    }
    const end = Math.min(g, count);
    const groups = (end - i + 7) >> 3;
    pos = varint(out, pos, groups * 2 + 1);
    const stop = pos + groups * width;
    pos = pack(values, i, end, width, bias, out, pos);
    // The padding of a last, partial group.
    while (pos < stop) out[pos++] = 0;
    i = end;
  }
  return pos;
}

/**
 * `values` less `bias` as one bit-packed run: what dictionary codes in no
 * particular order come to anyway, without looking for runs value by value.
 */
export function bitPacked(values: Int32Array | Uint8Array, count: number, width: number, out: Buffer, at: number, bias = 0): number {
  if (count === 0) return at;
  const groups = (count + 7) >> 3;
  let pos = varint(out, at, groups * 2 + 1);
  const stop = pos + groups * width;
  pos = pack(values, 0, count, width, bias, out, pos);
  while (pos < stop) out[pos++] = 0;
  return pos;
}

/** Bit-packs values [from, end), less `bias`, at `at`; answers where the bytes end. */
function pack(values: Int32Array | Uint8Array, from: number, end: number, width: number, bias: number, out: Buffer, at: number): number {
  let pos = at;
  let k = from;
  // A whole group of narrow values fits one 32-bit word: no carrying bits from value to value.
  if (width <= 4) {
    for (; k + 8 <= end; k += 8) {
      const word =
        (((values[k] as number) - bias) |
          (((values[k + 1] as number) - bias) << width) |
          (((values[k + 2] as number) - bias) << (2 * width)) |
          (((values[k + 3] as number) - bias) << (3 * width)) |
          (((values[k + 4] as number) - bias) << (4 * width)) |
          (((values[k + 5] as number) - bias) << (5 * width)) |
          (((values[k + 6] as number) - bias) << (6 * width)) |
          (((values[k + 7] as number) - bias) << (7 * width))) >>>
        0;
      for (let b = 0; b < width; b++) out[pos++] = (word >>> (8 * b)) & 0xff;
    }
  }
  let acc = 0;
  let bits = 0;
  for (; k < end; k++) {
    acc |= ((values[k] as number) - bias) << bits;
    bits += width;
    while (bits >= 8) {
      out[pos++] = acc & 0xff;
      acc >>>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) out[pos++] = acc & 0xff;
  return pos;
}

/** The most bytes `runs` writes for `count` runs of codes `width` bits wide. */
export const runsBound = (count: number, width: number): number => count * (5 + ((width + 7) >> 3));

/**
 * Run i as an RLE run of `lengths[i]` copies of code i, for i < count: a
 * dictionary of one entry per run, as the log's per-request columns are
 * written. A run of no rows is left out: an RLE run of length 0 is odd
 * enough that not every reader need expect one. Answers where the bytes end.
 */
export function runs(lengths: Int32Array, count: number, width: number, out: Buffer, at: number): number {
  const valueBytes = (width + 7) >> 3;
  let pos = at;
  for (let i = 0; i < count; i++) if ((lengths[i] as number) > 0) pos = rleRun(out, pos, lengths[i] as number, i, valueBytes);
  return pos;
}

function rleRun(out: Buffer, at: number, count: number, value: number, valueBytes: number): number {
  let pos = varint(out, at, count * 2);
  for (let b = 0; b < valueBytes; b++) out[pos++] = (value >>> (8 * b)) & 0xff;
  return pos;
}

export function varint(out: Buffer, at: number, value: number): number {
  let pos = at;
  let v = value;
  while (v >= 0x80) {
    out[pos++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[pos++] = v;
  return pos;
}
