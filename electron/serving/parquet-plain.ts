/**
 * The bytes of values in a Parquet page, for parquet-encoder.ts: PLAIN
 * strings and numbers, and byte codes as a bit-packed run of width 8.
 */
import { endianness } from 'node:os';
import { varint } from './parquet-rle';

const LITTLE_ENDIAN = endianness() === 'LE';

export const paddedTo8 = (count: number): number => (count + 7) & ~7;

/**
 * Byte indices as a bit-packed run of width 8: a header, then the bytes
 * themselves, padded to a group of 8. The bytes are a view of the caller's
 * array where zeros follow them there (the log's code columns are staged so,
 * see SegmentBuffer.staged), else a copy.
 */
export function bytePacked(indices: Uint8Array): Buffer[] {
  const padded = paddedTo8(indices.length);
  const header = Buffer.allocUnsafe(1 + 5);
  header[0] = 8;
  const start = varint(header, 1, (padded / 8) * 2 + 1);
  const { buffer, byteOffset } = indices;
  let view = byteOffset + padded <= buffer.byteLength;
  if (view) {
    const after = new Uint8Array(buffer, byteOffset + indices.length, padded - indices.length);
    for (let i = 0; i < after.length; i++) if (after[i] !== 0) view = false;
  }
  const body = view ? Buffer.from(buffer, byteOffset, padded) : Buffer.alloc(padded);
  if (!view) body.set(indices);
  return [header.subarray(0, start), body];
}

export const bitWidth = (max: number): number => (max <= 0 ? 0 : 32 - Math.clz32(max));

/** Text pages end once their UTF-16 length passes the page size: a cheap stand-in for the UTF-8 one. */
export function textPageEnd(values: readonly (string | null)[], start: number, rows: number, pageBytes: number): number {
  let bytes = 0;
  let i = start;
  while (i < rows && bytes < pageBytes) bytes += 4 + (values[i++]?.length ?? 0);
  return i;
}

/** PLAIN BYTE_ARRAY: each string as its 4-byte little-endian UTF-8 length, then the bytes. */
export function plainStrings(values: readonly (string | null)[], start: number, end: number): Buffer {
  let bound = 0;
  // A UTF-16 code unit never takes more than 3 bytes of UTF-8.
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (v != null) bound += 4 + 3 * v.length;
  }
  const out = Buffer.allocUnsafe(bound);
  let pos = 0;
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (v == null) continue;
    const length = v.length === 0 ? 0 : out.write(v, pos + 4, 'utf8');
    out.writeUInt32LE(length, pos);
    pos += 4 + length;
  }
  return out.subarray(0, pos);
}

/** A typed array's bytes in little-endian order: a view of them on a little-endian machine. */
export function littleEndian(values: Float64Array | Int32Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const out = Buffer.allocUnsafe(values.byteLength);
  if (values instanceof Float64Array) values.forEach((v, i) => out.writeDoubleLE(v, 8 * i));
  else values.forEach((v, i) => out.writeInt32LE(v, 4 * i));
  return out;
}
