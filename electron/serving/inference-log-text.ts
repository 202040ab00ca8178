import type { ColumnarInput } from './types';

/** What the log writes for a cell of a text column: numbers and booleans as text, anything else as NULL. */
export const asText = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : null;

/** Codes are bytes and code 0 is null: 255 values at most. */
const MAX_VALUES = 255;
/** Up to this many values a lookup compares strings rather than hashing a fresh one. */
const SCAN = 8;

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
  full = false;

  /** The value's code (0 for null), or -1 for a value it does not know once the dictionary is full. */
  code(value: string | null): number {
    if (value === null) return 0;
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
 * A request's text inputs, coded as soon as they are parsed, row by row:
 * `codes[r * coded.length + k]` is row r's code for text input k, the layout
 * of the segment buffer's rows (see SegmentBuffer), so that logging copies a
 * row's codes from one cache line to another.
 */
export interface PreparedText {
  rows: number;
  codes: Uint8Array;
  /** Per text input (in `TextInputs` order): whether its codes are in `codes` (not when its dictionary is full). */
  coded: boolean[];
}

/** The text inputs of a schema, with their coders. */
export interface TextInput {
  key: string;
  coder: TextCoder;
}

export function prepareText(inputs: readonly TextInput[], input: ColumnarInput): PreparedText {
  const rows = input.rows;
  const width = inputs.length;
  const codes = new Uint8Array(width * rows);
  const coded = new Array<boolean>(width);
  for (let k = 0; k < width; k++) {
    const { key, coder } = inputs[k] as TextInput;
    const source = input.columns[key];
    let ok = !coder.full;
    // A column the request left out is all NULL: code 0, as the array already holds.
    if (ok && source) {
      for (let r = 0; r < rows; r++) {
        const code = coder.code(asText(source[r]));
        if (code < 0) {
          ok = false;
          break;
        }
        codes[r * width + k] = code;
      }
    }
    coded[k] = ok;
  }
  return { rows, codes, coded };
}
