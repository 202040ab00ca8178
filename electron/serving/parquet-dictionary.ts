/**
 * Dictionaries for parquet-encoder.ts: of a text column's codes (as the
 * inference log makes them), of runs of whole numbers, and of small whole
 * numbers. A column so written holds codes of a few bits a row, not 8 bytes.
 */
import { bitWidth, littleEndian, plainStrings } from './parquet-plain';

export const TWO_32 = 4294967296;
const TWO_63 = 9223372036854775808;
/** Values in runs this long on average are worth a dictionary of their runs. */
export const MIN_RUN = 8;
/** Codes wider than this would overflow the 32-bit packing accumulator (16M distinct values: never a log's). */
export const MAX_CODE_BITS = 24;

/**
 * A column's dictionary: its `size` PLAIN-encoded entries and the codes of
 * its rows: 0 for null, k for entry k - `bias`.
 */
export interface Dictionary {
  entries: Buffer;
  size: number;
  codes: Int32Array | Uint8Array;
  bias: 0 | 1;
  nulls?: number | undefined;
}

/** A whole-number dictionary and the range of its values (for the column's statistics). */
export type RangedDictionary = Dictionary & { range: [number, number] };

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

export const inInt64 = (v: number): boolean => v >= -TWO_63 && v < TWO_63;
/** As DuckDB casts a DOUBLE to BIGINT: half away from zero. */
export const whole = (v: number): number => (v === Math.floor(v) ? v : v < 0 ? -Math.round(-v) : Math.round(v));

/** A text column as byte or 32-bit codes into `dictionary` (see ParquetColumn's 'dictionary' kind). */
export interface CodedText {
  name: string;
  codes: Int32Array | Uint8Array;
  dictionary: readonly string[];
  nulls?: number | undefined;
}

export function stringDictionary(column: CodedText): Dictionary | null {
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

/**
 * Values that come in runs (an input that is the same over a request's
 * rows) as a dictionary of one entry per run: the pages then hold a code
 * of a few bits a row (bit-packed), not 8 bytes. Entries may repeat:
 * spotting that would take hashing, and readers do not mind.
 */
export function runDictionary(values: Float64Array, rows: number): RangedDictionary | null {
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
  return { entries: littleEndian(words), size, codes, bias: 1, range: [min, max] };
}

/**
 * Small whole numbers of few distinct values (flags, counts, ages) as a
 * dictionary of them: a few bits a row instead of 8 bytes. Found with a
 * table indexed by the value, not hashing.
 */
export function smallDictionary(values: Float64Array, rows: number): RangedDictionary | null {
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
  return { entries: littleEndian(words), size: entries.length, codes, bias: 1, range: [Math.min(...entries), Math.max(...entries)] };
}
