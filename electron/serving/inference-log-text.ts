import type { ColumnarInput } from './types';

/** What the log writes for a cell of a text column: numbers and booleans as text, anything else as NULL. */
export const asText = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : null;

/** Codes are bytes and code 0 is null: 255 values at most. */
const MAX_VALUES = 255;
/** Up to this many values a lookup compares strings rather than hashing a fresh one. */
const SCAN = 8;
/** Slots of TextCoder's hint table: a power of two. */
const HINT_SLOTS = 256;

/**
 * The dictionary of one logged text column, kept for the server's life (not
 * a segment's), so that a request's values can be coded once, straight after
 * parsing, while they are still in the CPU's cache: coded after scoring, the
 * same lookups cost three times as much, the model having pushed the
 * strings out. Codes never change meaning; each segment writes the
 * dictionary as it stands. Once a column has had more than 255 distinct
 * values its dictionary is full: values it knows are still coded, and a
 * segment's column turns to plain text at the first value it does not know.
 */
export class TextCoder {
  readonly dictionary: string[] = [];
  private readonly index = new Map<string, number>();
  /**
   * A code per slot of a cheap hash (length, first and last character): a
   * request's value is then checked against one known value, not looked up.
   * Request strings are fresh copies, so each comparison reads the text; one
   * is the least there can be.
   */
  private readonly hints = new Uint8Array(HINT_SLOTS);
  full = false;

  /** The value's code (0 for null), or -1 for a value it does not know once the dictionary is full. */
  code(value: string | null): number {
    if (value === null) return 0;
    const length = value.length;
    const slot = length === 0 ? 0 : (length * 31 + value.charCodeAt(0) * 7 + value.charCodeAt(length - 1)) & (HINT_SLOTS - 1);
    const hinted = this.hints[slot] as number;
    if (hinted !== 0 && this.dictionary[hinted - 1] === value) return hinted;
    const code = this.lookup(value);
    if (code > 0) this.hints[slot] = code;
    return code;
  }

  private lookup(value: string): number {
    const { dictionary } = this;
    if (dictionary.length <= SCAN) {
      for (let i = 0; i < dictionary.length; i++) if (dictionary[i] === value) return i + 1;
    }
    const known = this.index.get(value);
    if (known !== undefined) return known;
    if (this.full || dictionary.length >= MAX_VALUES) {
      this.full = true;
      return -1;
    }
    dictionary.push(value);
    this.index.set(value, dictionary.length);
    return dictionary.length;
  }

  /** The value of a code. */
  value(code: number): string | null {
    return code === 0 ? null : (this.dictionary[code - 1] as string);
  }
}

/**
 * A request's text inputs, coded as soon as they are parsed, in the layout
 * the segment buffer takes them (see SegmentBuffer): by column for a
 * request it copies a column at a time (`codes[k * rows + r]` is row r's
 * code for text input k, a slice to copy whole), else by row
 * (`codes[r * coded.length + k]`, a row's codes side by side).
 */
export interface PreparedText {
  /** The rows coded; -1 once the codes were used and their array went back for reuse. */
  rows: number;
  byColumn: boolean;
  /** At least `rows` times the number of text inputs long: a reused array may be longer. */
  codes: Uint8Array;
  /** Per text input (in `TextInputs` order): whether its codes are in `codes` (not when its dictionary is full). */
  coded: boolean[];
}

/** The text inputs of a schema, with their coders. */
export interface TextInput {
  key: string;
  coder: TextCoder;
}

/** Code arrays are at least this long (and a power of two): a few sizes cover every request, so they can be reused. */
const MIN_CODES = 64;

/**
 * Codes a request's text inputs. `spare` is a code array to write into
 * (one an earlier request no longer needs), so that a large request does
 * not cost an allocation outside the heap and its later release.
 */
export function prepareText(inputs: readonly TextInput[], input: ColumnarInput, byColumn: boolean, spare: Uint8Array | null = null): PreparedText {
  const rows = input.rows;
  const width = inputs.length;
  const size = width * rows;
  const codes = spare && spare.length >= size ? spare : new Uint8Array(Math.max(MIN_CODES, 2 ** Math.ceil(Math.log2(Math.max(1, size)))));
  const coded = new Array<boolean>(width);
  for (let k = 0; k < width; k++) {
    const { key, coder } = inputs[k] as TextInput;
    const source = input.columns[key];
    const first = byColumn ? k * rows : k;
    const step = byColumn ? 1 : width;
    let ok = !coder.full;
    if (ok && source) {
      for (let r = 0, cell = first; r < rows; r++, cell += step) {
        const value = source[r];
        const code = coder.code(typeof value === 'string' ? value : asText(value));
        if (code < 0) {
          ok = false;
          break;
        }
        codes[cell] = code;
      }
    } else if (ok) {
      // A column the request left out is all NULL (code 0); a reused array holds old codes there.
      for (let r = 0, cell = first; r < rows; r++, cell += step) codes[cell] = 0;
    }
    coded[k] = ok;
  }
  return { rows, byColumn, codes, coded };
}
