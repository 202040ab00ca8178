/**
 * Parquet's Thrift structures, write side only: the page headers and the
 * footer (FileMetaData) the encoder needs, in the Thrift compact protocol.
 * The field ids are parquet-format's (src/main/thrift/parquet.thrift).
 */

export const Type = { BOOLEAN: 0, INT64: 2, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
export const Encoding = { PLAIN: 0, RLE: 3, RLE_DICTIONARY: 8 } as const;
export const PageType = { DATA_PAGE: 0, DICTIONARY_PAGE: 2 } as const;
const ConvertedType = { UTF8: 0, TIMESTAMP_MILLIS: 9 } as const;
const OPTIONAL = 1;

/** Compact-protocol type nibbles. */
const TType = { TRUE: 1, FALSE: 2, I32: 5, I64: 6, BINARY: 8, LIST: 9, STRUCT: 12 } as const;
type ElementType = (typeof TType)[keyof typeof TType];

/** Writes fields in ascending id order; a struct's fields are closed by `end()`. */
export class CompactWriter {
  private buf: Buffer;
  private pos = 0;
  private last = 0;
  private readonly stack: number[] = [];

  constructor(capacity = 64) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  i32(id: number, value: number): this {
    this.header(id, TType.I32);
    this.varint(zigzag(value));
    return this;
  }

  /** Whole numbers up to 2^53, which is all a file offset or a row count needs. */
  i64(id: number, value: number): this {
    this.header(id, TType.I64);
    this.varint(zigzag(value));
    return this;
  }

  bool(id: number, value: boolean): this {
    this.header(id, value ? TType.TRUE : TType.FALSE);
    return this;
  }

  binary(id: number, bytes: Uint8Array): this {
    this.header(id, TType.BINARY);
    this.bytes(bytes);
    return this;
  }

  string(id: number, text: string): this {
    return this.binary(id, Buffer.from(text, 'utf8'));
  }

  /** Opens a struct field; `end()` closes it. */
  struct(id: number): this {
    this.header(id, TType.STRUCT);
    return this.open();
  }

  /** A list field's header: the caller then writes `size` elements with the element methods. */
  list(id: number, type: ElementType, size: number): this {
    this.header(id, TType.LIST);
    this.room(6);
    if (size < 15) this.buf[this.pos++] = (size << 4) | type;
    else {
      this.buf[this.pos++] = 0xf0 | type;
      this.varint(size);
    }
    return this;
  }

  elementI32(value: number): this {
    this.varint(zigzag(value));
    return this;
  }

  elementString(text: string): this {
    this.bytes(Buffer.from(text, 'utf8'));
    return this;
  }

  /** Opens a struct element of a list; `end()` closes it. */
  open(): this {
    this.stack.push(this.last);
    this.last = 0;
    return this;
  }

  end(): this {
    this.room(1);
    this.buf[this.pos++] = 0;
    this.last = this.stack.pop() ?? 0;
    return this;
  }

  /** The bytes written (a view: the writer is done with). */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  private header(id: number, type: number): void {
    this.room(4);
    const delta = id - this.last;
    if (delta > 0 && delta <= 15) this.buf[this.pos++] = (delta << 4) | type;
    else {
      this.buf[this.pos++] = type;
      this.varint(zigzag(id));
    }
    this.last = id;
  }

  private bytes(bytes: Uint8Array): void {
    this.varint(bytes.length);
    this.room(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Unsigned LEB128 of a non-negative whole number below 2^53 (arithmetic, not bit operators: they stop at 32 bits). */
  private varint(value: number): void {
    this.room(10);
    let v = value;
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }

  private room(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
}

const zigzag = (value: number): number => (value >= 0 ? value * 2 : -value * 2 - 1);

/** A column chunk as the footer describes it. */
export interface ChunkMeta {
  name: string;
  type: number;
  /** The logical type over the physical one, if any. */
  logical: 'string' | 'timestamp_ms' | null;
  encodings: number[];
  start: number;
  dataPageOffset: number;
  dictionaryPageOffset: number | null;
  bytes: number;
  nulls: number;
  /** Signed min and max of an INT64 column, when it has values. */
  range: [number, number] | null;
}

/** A PageHeader: for a data page (v1, levels RLE-encoded) or the dictionary page. */
export function pageHeader(type: number, size: number, values: number, encoding: number): Buffer {
  const w = new CompactWriter(32).i32(1, type).i32(2, size).i32(3, size);
  if (type === PageType.DICTIONARY_PAGE) w.struct(7).i32(1, values).i32(2, encoding).end();
  else w.struct(5).i32(1, values).i32(2, encoding).i32(3, Encoding.RLE).i32(4, Encoding.RLE).end();
  return w.end().finish();
}

function int64Bytes(value: number): Buffer {
  const out = Buffer.allocUnsafe(8);
  out.writeBigInt64LE(BigInt(value), 0);
  return out;
}

/** FileMetaData: the schema (every column OPTIONAL), one row group of the chunks (none without rows), and a type-defined order for every column's statistics. */
export function fileMetadata(chunks: readonly ChunkMeta[], rows: number): Buffer {
  const w = new CompactWriter(256 + 160 * chunks.length);
  w.i32(1, 1).list(2, TType.STRUCT, chunks.length + 1);
  w.open().string(4, 'schema').i32(5, chunks.length).end();
  for (const chunk of chunks) {
    w.open().i32(1, chunk.type).i32(3, OPTIONAL).string(4, chunk.name);
    if (chunk.logical === 'string') w.i32(6, ConvertedType.UTF8).struct(10).struct(1).end().end();
    // Not adjusted to UTC: DuckDB reads TIMESTAMP, where adjusted would read TIMESTAMP WITH TIME ZONE.
    if (chunk.logical === 'timestamp_ms') w.i32(6, ConvertedType.TIMESTAMP_MILLIS).struct(10).struct(8).bool(1, false).struct(2).struct(1).end().end().end().end();
    w.end();
  }
  w.i64(3, rows).list(4, TType.STRUCT, rows === 0 ? 0 : 1);
  if (rows > 0) {
    w.open().list(1, TType.STRUCT, chunks.length);
    for (const chunk of chunks) {
      w.open().i64(2, chunk.start).struct(3).i32(1, chunk.type).list(2, TType.I32, chunk.encodings.length);
      for (const encoding of chunk.encodings) w.elementI32(encoding);
      w.list(3, TType.BINARY, 1).elementString(chunk.name);
      w.i32(4, 0).i64(5, rows).i64(6, chunk.bytes).i64(7, chunk.bytes).i64(9, chunk.dataPageOffset);
      if (chunk.dictionaryPageOffset !== null) w.i64(11, chunk.dictionaryPageOffset);
      if (chunk.range) {
        const [min, max] = chunk.range.map(int64Bytes) as [Buffer, Buffer];
        // The legacy min/max as well: they sort the same way for signed integers.
        w.struct(12).binary(1, max).binary(2, min).i64(3, chunk.nulls).binary(5, max).binary(6, min).end();
      }
      w.end().end();
    }
    w.i64(2, chunks.reduce((sum, chunk) => sum + chunk.bytes, 0)).i64(3, rows).end();
  }
  w.string(6, 'ml-workbench').list(7, TType.STRUCT, chunks.length);
  for (let i = 0; i < chunks.length; i++) w.open().struct(1).end().end();
  return w.end().finish();
}
