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
import { bitPacked, encodeLevels, hybridBound, levelRun, runs, runsBound } from './parquet-rle';
import { bitWidth, bytePacked, littleEndian, paddedTo8, plainStrings, textPageEnd } from './parquet-plain';
import { inInt64, MAX_CODE_BITS, MIN_RUN, runDictionary, smallDictionary, stringDictionary, TWO_32, whole, type Dictionary } from './parquet-dictionary';
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

interface Page {
  rows: number;
  nulls: number;
  /** The definition levels, with their 4-byte length in front. */
  levels: Buffer;
  /** The values' bytes, in order (more than one part where a view of the caller's array saves a copy). */
  values: Buffer | Buffer[];
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
    const ranged = integer ? (runDictionary(column.values, this.rows) ?? smallDictionary(column.values, this.rows)) : null;
    if (ranged) this.range = ranged.range;
    const dictionary = column.kind === 'dictionary' ? stringDictionary(column) : ranged;
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

