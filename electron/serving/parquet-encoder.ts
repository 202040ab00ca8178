/**
 * A lean Parquet writer for the inference log, written by hand on purpose.
 *
 * Handing the log's buffers to DuckDB (a staging table, then COPY ... TO
 * parquet) cost about 2 µs of CPU per logged row (1.7 to 2.4 measured), on
 * the event loop the server answers from; the Parquet libraries on npm would cost as much, as
 * they take rows as objects and re-hash every string to build dictionaries.
 * The log already holds what a Parquet file stores: Float64Arrays (written
 * with one copy, or none) and text as dictionary codes (written as they are,
 * each distinct string encoded once per file). So this writes just the
 * subset of the format it needs: flat OPTIONAL columns, data pages v1,
 * PLAIN and RLE_DICTIONARY encodings, no compression, one row group.
 */
import { endianness } from 'node:os';
import { bitPacked, encodeLevels, hybridBound, levelRun, runs, runsBound, varint } from './parquet-rle';
import { Encoding, fileMetadata, PageType, pageHeader, Type, type ChunkMeta } from './parquet-thrift';

export type ParquetColumn =
  /** NaN is written as null; `int64` values are whole numbers, `timestamp_ms` milliseconds since the epoch. */
  | { name: string; kind: 'double' | 'int64' | 'timestamp_ms'; values: Float64Array }
  /**
   * Code 0 is null, code k is dictionary[k - 1]. Byte codes are written as
   * they are, a byte a row (no bit-packing to pay for). `nulls`, when given,
   * is the caller's word for how many codes are 0 and that none is past the
   * dictionary: the codes are then not scanned when they make a single page
   * (a column of several pages is still scanned, page by page).
   */
  | { name: string; kind: 'dictionary'; codes: Int32Array | Uint8Array; dictionary: readonly string[]; nulls?: number }
  | { name: string; kind: 'text'; values: readonly (string | null)[] }
  | { name: string; kind: 'boolean'; values: readonly (boolean | null)[] }
  /**
   * One value per run of rows, never null: `lengths[i]` rows of `values[i]`,
   * for i < `count` (a request's timestamp, model version or ID over its
   * rows). Long runs are written as a dictionary of the runs and one RLE run
   * each; short ones as the plain column they make.
   */
  | { name: string; kind: 'int64-runs' | 'timestamp-runs'; lengths: Int32Array; values: Float64Array; count: number }
  | { name: string; kind: 'text-runs'; lengths: Int32Array; values: readonly string[]; count: number };

export interface EncodeOptions {
  /** About how large a data page grows before the next one starts. */
  pageBytes?: number;
}

const MAGIC = Buffer.from('PAR1', 'latin1');
const LITTLE_ENDIAN = endianness() === 'LE';
const TWO_32 = 4294967296;
const TWO_63 = 9223372036854775808;
/** Values in runs this long on average are worth a dictionary of their runs. */
const MIN_RUN = 8;
/** Codes wider than this would overflow the 32-bit packing accumulator (16M distinct values: never a log's). */
const MAX_CODE_BITS = 24;

interface Page {
  rows: number;
  nulls: number;
  /** The definition levels, with their 4-byte length in front. */
  levels: Buffer;
  /** The values' bytes, in order (more than one part where a view of the caller's array saves a copy). */
  values: Buffer | Buffer[];
}

/**
 * A column's dictionary: its `size` PLAIN-encoded entries and the codes of
 * its rows: 0 for null, k for entry k - `bias`.
 */
interface Dictionary {
  entries: Buffer;
  size: number;
  codes: Int32Array | Uint8Array;
  bias: 0 | 1;
  nulls?: number | undefined;
}

/**
 * Encodes columns of `rows` rows each as the bytes of one Parquet file, in
 * order. Some buffers are views of the columns' own arrays (no copy): leave
 * those unchanged until the bytes are written.
 */
export function encodeParquet(columns: readonly ParquetColumn[], rows: number, options: EncodeOptions = {}): Buffer[] {
  const encoder = new ParquetEncoder(rows, options);
  for (const column of columns) encoder.add(column);
  return encoder.finish();
}

/** Column by column, so a caller can yield to the event loop between them. */
export class ParquetEncoder {
  private readonly parts: Buffer[] = [MAGIC];
  private offset = MAGIC.length;
  private readonly chunks: ChunkMeta[] = [];
  private readonly pageBytes: number;
  private scratch = new Int32Array(0);
  private range: [number, number] | null = null;

  constructor(
    readonly rows: number,
    options: EncodeOptions = {},
  ) {
    this.pageBytes = Math.max(1024, options.pageBytes ?? 1 << 20);
  }

  add(column: ParquetColumn): void {
    if ('lengths' in column) {
      this.addRuns(column);
      return;
    }
    const length = column.kind === 'dictionary' ? column.codes.length : column.values.length;
    if (length < this.rows) throw new Error(`Parquet column ${column.name} has ${length} values for ${this.rows} rows`);
    const start = this.offset;
    this.range = null;
    const integer = column.kind === 'int64' || column.kind === 'timestamp_ms';
    const dictionary = column.kind === 'dictionary' ? stringDictionary(column) : integer ? (this.runDictionary(column.values) ?? this.smallDictionary(column.values)) : null;
    if (dictionary) this.push(pageHeader(PageType.DICTIONARY_PAGE, dictionary.entries.length, dictionary.size, Encoding.PLAIN), dictionary.entries);
    const encoding = dictionary ? Encoding.RLE_DICTIONARY : Encoding.PLAIN;
    const dataPageOffset = this.offset;
    let nulls = 0;
    for (let at = 0; at < this.rows; ) {
      const page = this.page(column, dictionary, at);
      const values = Array.isArray(page.values) ? page.values : [page.values];
      const size = values.reduce((sum, part) => sum + part.length, page.levels.length);
      this.push(pageHeader(PageType.DATA_PAGE, size, page.rows, encoding), page.levels, ...values);
      nulls += page.nulls;
      at += page.rows;
    }
    const type = column.kind === 'double' ? Type.DOUBLE : column.kind === 'boolean' ? Type.BOOLEAN : integer ? Type.INT64 : Type.BYTE_ARRAY;
    const logical = column.kind === 'timestamp_ms' ? 'timestamp_ms' : type === Type.BYTE_ARRAY ? 'string' : null;
    const encodings = dictionary ? [Encoding.PLAIN, Encoding.RLE, Encoding.RLE_DICTIONARY] : [Encoding.PLAIN, Encoding.RLE];
    const dictionaryPageOffset = dictionary ? start : null;
    this.chunks.push({ name: column.name, type, logical, encodings, start, dataPageOffset, dictionaryPageOffset, bytes: this.offset - start, nulls, range: this.range });
  }

  private addRuns(column: Extract<ParquetColumn, { lengths: Int32Array }>): void {
    const { name, lengths, count } = column;
    let total = 0;
    for (let i = 0; i < count; i++) {
      const length = lengths[i] as number;
      if (!(length >= 0)) throw new Error(`Parquet column ${name} has a run of ${length} rows`);
      total += length;
    }
    if (total !== this.rows) throw new Error(`Parquet column ${name} has runs of ${total} rows for ${this.rows} rows`);
    const text = column.kind === 'text-runs';
    const valid = text || column.values.subarray(0, count).every(inInt64);
    if (!valid || count === 0 || count * MIN_RUN > this.rows || bitWidth(count - 1) > MAX_CODE_BITS) {
      this.add(expandRuns(column, this.rows));
      return;
    }
    const start = this.offset;
    let entries: Buffer;
    let range: [number, number] | null = null;
    if (column.kind === 'text-runs') entries = plainStrings(column.values, 0, count);
    else {
      const words = new Int32Array(2 * count);
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < count; i++) {
        const v = whole(column.values[i] as number);
        const high = Math.floor(v / TWO_32);
        words[2 * i] = v - high * TWO_32;
        words[2 * i + 1] = high;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      entries = littleEndian(words);
      range = [min, max];
    }
    this.push(pageHeader(PageType.DICTIONARY_PAGE, entries.length, count, Encoding.PLAIN), entries);
    const dataPageOffset = this.offset;
    const width = Math.max(1, bitWidth(count - 1));
    const out = Buffer.allocUnsafe(1 + runsBound(count, width));
    out[0] = width;
    const values = out.subarray(0, runs(lengths, count, width, out, 1));
    const levels = levelRun(this.rows, 1);
    this.push(pageHeader(PageType.DATA_PAGE, levels.length + values.length, this.rows, Encoding.RLE_DICTIONARY), levels, values);
    const type = text ? Type.BYTE_ARRAY : Type.INT64;
    const logical = column.kind === 'timestamp-runs' ? 'timestamp_ms' : text ? 'string' : null;
    this.chunks.push({ name, type, logical, encodings: [Encoding.PLAIN, Encoding.RLE, Encoding.RLE_DICTIONARY], start, dataPageOffset, dictionaryPageOffset: start, bytes: this.offset - start, nulls: 0, range });
  }

  /** The next data page from row `at`: about `pageBytes` of values. */
  private page(column: Exclude<ParquetColumn, { lengths: Int32Array }>, dictionary: Dictionary | null, at: number): Page {
    const end = (bytesPerRow: number): number => Math.min(this.rows, at + Math.max(1, Math.floor(this.pageBytes / bytesPerRow)));
    if (dictionary) return this.dictionaryPage(dictionary, at, end(1));
    switch (column.kind) {
      case 'double':
        return this.doublePage(column.values, at, end(8));
      case 'int64':
      case 'timestamp_ms':
        return this.int64Page(column.values, at, end(8));
      case 'dictionary':
        // An empty dictionary: every row is null.
        return this.dictionaryPage({ entries: Buffer.alloc(0), size: 0, codes: column.codes, bias: 1 }, at, end(1));
      case 'text':
        return this.textPage(column.values, at, textPageEnd(column.values, at, this.rows, this.pageBytes));
      case 'boolean':
        return this.booleanPage(column.values, at, end(1 / 8));
    }
  }

  /** The file's bytes: what `add` encoded, then the footer. */
  finish(): Buffer[] {
    const footer = fileMetadata(this.chunks, this.rows);
    const length = Buffer.allocUnsafe(4);
    length.writeUInt32LE(footer.length, 0);
    this.parts.push(footer, length, MAGIC);
    return this.parts;
  }

  private push(...buffers: Buffer[]): void {
    for (const buffer of buffers) {
      this.parts.push(buffer);
      this.offset += buffer.length;
    }
  }

  /** Reused between pages: definition levels are built here before they are encoded. */
  private levelsFor(rows: number): Int32Array {
    if (this.scratch.length < rows) this.scratch = new Int32Array(rows);
    return this.scratch;
  }

  /**
   * Values that come in runs (an input that is the same over a request's
   * rows) as a dictionary of one entry per run: the pages then hold a code
   * of a few bits a row (bit-packed), not 8 bytes. Entries may repeat:
   * spotting that would take hashing, and readers do not mind.
   */
  private runDictionary(values: Float64Array): Dictionary | null {
    const rows = this.rows;
    let runs = 0;
    let last = Number.NaN;
    for (let i = 0; i < rows; i++) {
      const v = values[i] as number;
      if (v !== last && inInt64(v)) {
        runs++;
        last = v;
      }
    }
    if (runs === 0 || runs * MIN_RUN > rows || bitWidth(runs - 1) > MAX_CODE_BITS) return null;
    const codes = integerCodes(rows);
    const words = new Int32Array(2 * runs);
    let size = 0;
    let min = Infinity;
    let max = -Infinity;
    last = Number.NaN;
    for (let i = 0; i < rows; i++) {
      const raw = values[i] as number;
      if (!inInt64(raw)) {
        codes[i] = 0;
        continue;
      }
      if (raw !== last) {
        last = raw;
        const v = whole(raw);
        const high = Math.floor(v / TWO_32);
        words[2 * size] = v - high * TWO_32;
        words[2 * size + 1] = high;
        size++;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      codes[i] = size;
    }
    this.range = [min, max];
    return { entries: littleEndian(words), size, codes, bias: 1 };
  }

  /**
   * Small whole numbers of few distinct values (flags, counts, ages) as a
   * dictionary of them: a few bits a row instead of 8 bytes. Found with a
   * table indexed by the value, not hashing.
   */
  private smallDictionary(values: Float64Array): Dictionary | null {
    const rows = this.rows;
    const limit = Math.min(SMALL_ENTRIES, rows >> 3);
    const codes = integerCodes(rows);
    const entries: number[] = [];
    let fits = true;
    for (let i = 0; i < rows; i++) {
      const v = values[i] as number;
      if (Number.isNaN(v)) {
        codes[i] = 0;
        continue;
      }
      if (!(v >= 0 && v < SMALL_RANGE && v === Math.floor(v))) {
        fits = false;
        break;
      }
      let code = smallCodes[v] as number;
      if (code === 0) {
        if (entries.length >= limit) {
          fits = false;
          break;
        }
        entries.push(v);
        code = entries.length;
        smallCodes[v] = code;
      }
      codes[i] = code;
    }
    for (const v of entries) smallCodes[v] = 0;
    if (!fits || entries.length === 0) return null;
    const words = new Int32Array(2 * entries.length);
    for (let i = 0; i < entries.length; i++) words[2 * i] = entries[i] as number;
    this.range = [Math.min(...entries), Math.max(...entries)];
    return { entries: littleEndian(words), size: entries.length, codes, bias: 1 };
  }

  private doublePage(values: Float64Array, start: number, end: number): Page {
    const rows = end - start;
    const page = values.subarray(start, end);
    let nulls = 0;
    for (let i = 0; i < rows; i++) if (Number.isNaN(page[i])) nulls++;
    // No missing values, the common case: the array's own bytes are the page.
    if (nulls === 0) return { rows, nulls, levels: levelRun(rows, 1), values: littleEndian(page) };
    const levels = this.levelsFor(rows);
    const out = new Float64Array(rows - nulls);
    for (let i = 0, k = 0; i < rows; i++) {
      const v = page[i] as number;
      if (Number.isNaN(v)) levels[i] = 0;
      else {
        levels[i] = 1;
        out[k++] = v;
      }
    }
    return { rows, nulls, levels: encodeLevels(levels, rows, nulls), values: littleEndian(out) };
  }

  /** Each value as two 32-bit words, low first; NaN and values past the int64 range are null. */
  private int64Page(values: Float64Array, start: number, end: number): Page {
    const rows = end - start;
    const levels = this.levelsFor(rows);
    const out = new Int32Array(2 * rows);
    let k = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < rows; i++) {
      const raw = values[start + i] as number;
      if (!inInt64(raw)) {
        levels[i] = 0;
        continue;
      }
      const v = whole(raw);
      const high = Math.floor(v / TWO_32);
      out[k++] = v - high * TWO_32;
      out[k++] = high;
      levels[i] = 1;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const nulls = rows - k / 2;
    if (k > 0) this.range = this.range ? [Math.min(this.range[0], min), Math.max(this.range[1], max)] : [min, max];
    return { rows, nulls, levels: encodeLevels(levels, rows, nulls), values: littleEndian(out.subarray(0, k)) };
  }

  /** One byte of bit width, then the dictionary indices of the values that are there: bytes as they are, else bit-packed. */
  private dictionaryPage(dictionary: Dictionary, start: number, end: number): Page {
    const { codes, size, bias } = dictionary;
    const rows = end - start;
    let nulls = dictionary.nulls;
    if (nulls === undefined || rows !== this.rows) {
      nulls = 0;
      let max = 0;
      for (let i = start; i < end; i++) {
        const code = (codes[i] as number) >>> 0;
        if (code === 0) nulls++;
        else if (code > max) max = code;
      }
      if (max - bias >= size) throw new Error(`dictionary code ${max} is outside a dictionary of ${size - 1 + bias}`);
    }
    let levels = levelRun(rows, 1);
    // With no nulls the codes are the indices as they are (less the bias, which `bitPacked` takes off).
    let indices = codes.subarray(start, end);
    if (nulls > 0) {
      const defined = this.levelsFor(rows);
      // Byte indices get room for their padding to a group of 8 (zeros): bytePacked then writes them without a copy.
      indices = codes instanceof Uint8Array ? new Uint8Array(paddedTo8(rows - nulls)).subarray(0, rows - nulls) : new Int32Array(rows - nulls);
      for (let i = 0, k = 0; i < rows; i++) {
        const code = codes[start + i] as number;
        defined[i] = code === 0 ? 0 : 1;
        if (code !== 0) indices[k++] = code;
      }
      levels = encodeLevels(defined, rows, nulls);
    }
    if (size === 0) return { rows, nulls, levels, values: Buffer.alloc(0) };
    const width = indices instanceof Uint8Array ? 8 : Math.max(1, bitWidth(size - 1));
    // A page of nulls only still starts with its bit width: readers take that byte whatever follows.
    if (indices.length === 0) return { rows, nulls, levels, values: Buffer.of(width) };
    if (indices instanceof Uint8Array) return { rows, nulls, levels, values: bytePacked(indices) };
    const out = Buffer.allocUnsafe(1 + hybridBound(indices.length, width));
    out[0] = width;
    return { rows, nulls, levels, values: out.subarray(0, bitPacked(indices, indices.length, width, out, 1, bias)) };
  }

  private textPage(values: readonly (string | null)[], start: number, end: number): Page {
    const rows = end - start;
    const levels = this.levelsFor(rows);
    let nulls = 0;
    for (let i = 0; i < rows; i++) {
      const defined = values[start + i] != null;
      levels[i] = defined ? 1 : 0;
      if (!defined) nulls++;
    }
    return { rows, nulls, levels: encodeLevels(levels, rows, nulls), values: plainStrings(values, start, end) };
  }

  /** Bits, least significant first, of the values that are there. */
  private booleanPage(values: readonly (boolean | null)[], start: number, end: number): Page {
    const rows = end - start;
    const levels = this.levelsFor(rows);
    const out = Buffer.alloc((rows + 7) >> 3);
    let k = 0;
    for (let i = 0; i < rows; i++) {
      const v = values[start + i];
      if (v == null) levels[i] = 0;
      else {
        levels[i] = 1;
        if (v) out[k >> 3] = (out[k >> 3] as number) | (1 << (k & 7));
        k++;
      }
    }
    return { rows, nulls: rows - k, levels: encodeLevels(levels, rows, rows - k), values: out.subarray(0, (k + 7) >> 3) };
  }
}

/** Short runs as the plain column they make. */
function expandRuns(column: Extract<ParquetColumn, { lengths: Int32Array }>, rows: number): ParquetColumn {
  const { name, lengths, count } = column;
  if (column.kind === 'text-runs') {
    const values = new Array<string>(rows);
    for (let i = 0, at = 0; i < count; at += lengths[i] as number, i++) values.fill(column.values[i] as string, at, at + (lengths[i] as number));
    return { name, kind: 'text', values };
  }
  const values = new Float64Array(rows);
  for (let i = 0, at = 0; i < count; at += lengths[i] as number, i++) values.fill(column.values[i] as number, at, at + (lengths[i] as number));
  return { name, kind: column.kind === 'timestamp-runs' ? 'timestamp_ms' : 'int64', values };
}

/** Whole numbers below this, and no more than SMALL_ENTRIES of them, are written as a dictionary. */
const SMALL_RANGE = 1 << 16;
const SMALL_ENTRIES = 4096;
/** Value to code while `smallDictionary` runs; all zero between runs (it clears the entries it set). */
const smallCodes = new Int32Array(SMALL_RANGE);

/**
 * The codes of the whole-number column being encoded: one array, reused
 * column after column and file after file (a column is encoded in one
 * synchronous call, and its pages copy the codes out).
 */
let integerScratch = new Int32Array(0);
function integerCodes(rows: number): Int32Array {
  if (integerScratch.length < rows) integerScratch = new Int32Array(rows);
  return integerScratch.subarray(0, rows);
}

const inInt64 = (v: number): boolean => v >= -TWO_63 && v < TWO_63;
/** As DuckDB casts a DOUBLE to BIGINT: half away from zero. */
const whole = (v: number): number => (v === Math.floor(v) ? v : v < 0 ? -Math.round(-v) : Math.round(v));

function stringDictionary(column: Extract<ParquetColumn, { kind: 'dictionary' }>): Dictionary | null {
  const { name, dictionary, codes, nulls } = column;
  const size = dictionary.length;
  if (size === 0) return null;
  if (bitWidth(size - 1) > MAX_CODE_BITS) throw new Error(`Parquet column ${name}: a dictionary of ${size} values is too large`);
  if (codes instanceof Uint8Array) {
    if (size > 255) throw new Error(`Parquet column ${name}: byte codes for a dictionary of ${size} values`);
    // Entry 0 is a placeholder no row points at, so that a code is its own index: the bytes are written as they are.
    return { entries: Buffer.concat([EMPTY_ENTRY, plainStrings(dictionary, 0, size)]), size: size + 1, codes, bias: 0, nulls };
  }
  return { entries: plainStrings(dictionary, 0, size), size, codes, bias: 1, nulls };
}

/** A PLAIN BYTE_ARRAY entry of length 0. */
const EMPTY_ENTRY = Buffer.alloc(4);

const paddedTo8 = (count: number): number => (count + 7) & ~7;

/**
 * Byte indices as a bit-packed run of width 8: a header, then the bytes
 * themselves, padded to a group of 8. The bytes are a view of the caller's
 * array where zeros follow them there (the log's code columns are staged so,
 * see SegmentBuffer.staged), else a copy.
 */
function bytePacked(indices: Uint8Array): Buffer[] {
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

const bitWidth = (max: number): number => (max <= 0 ? 0 : 32 - Math.clz32(max));

/** Text pages end once their UTF-16 length passes the page size: a cheap stand-in for the UTF-8 one. */
function textPageEnd(values: readonly (string | null)[], start: number, rows: number, pageBytes: number): number {
  let bytes = 0;
  let i = start;
  while (i < rows && bytes < pageBytes) bytes += 4 + (values[i++]?.length ?? 0);
  return i;
}

/** PLAIN BYTE_ARRAY: each string as its 4-byte little-endian UTF-8 length, then the bytes. */
function plainStrings(values: readonly (string | null)[], start: number, end: number): Buffer {
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
function littleEndian(values: Float64Array | Int32Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const out = Buffer.allocUnsafe(values.byteLength);
  if (values instanceof Float64Array) values.forEach((v, i) => out.writeDoubleLE(v, 8 * i));
  else values.forEach((v, i) => out.writeInt32LE(v, 4 * i));
  return out;
}
