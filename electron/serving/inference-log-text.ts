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

/** A request's text inputs, coded as soon as they are parsed: `rows` codes per coded column, one column after another. */
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
  const codes = new Uint8Array(inputs.length * rows);
  const coded = new Array<boolean>(inputs.length);
  for (let k = 0; k < inputs.length; k++) {
    const { key, coder } = inputs[k] as TextInput;
    const source = input.columns[key];
    let ok = !coder.full;
    // A column the request left out is all NULL: code 0, as the array already holds.
    if (ok && source) {
      const at = k * rows;
      for (let r = 0; r < rows; r++) {
        const code = coder.code(asText(source[r]));
        if (code < 0) {
          ok = false;
          break;
        }
        codes[at + r] = code;
      }
    }
    coded[k] = ok;
  }
  return { rows, codes, coded };
}

/**
 * A text column of one segment: byte codes into its column's TextCoder, or
 * plain strings once that coder is full (the rows coded before are decoded).
 */
export class TextColumn {
  private readonly codes: Uint8Array;
  private values: (string | null)[] | null = null;
  private nulls = 0;

  constructor(
    readonly coder: TextCoder,
    private readonly capacity: number,
  ) {
    this.codes = new Uint8Array(capacity);
  }

  reset(): void {
    this.values = null;
    this.nulls = 0;
  }

  /** Rows [at, at + rows) from codes made by `prepareText`, from `from` on. */
  setCodes(at: number, codes: Uint8Array, from: number, rows: number): void {
    const { values } = this;
    if (values) {
      for (let r = 0; r < rows; r++) values[at + r] = this.coder.value(codes[from + r] as number);
      return;
    }
    const own = this.codes;
    let nulls = 0;
    for (let r = 0; r < rows; r++) {
      const code = codes[from + r] as number;
      own[at + r] = code;
      if (code === 0) nulls++;
    }
    this.nulls += nulls;
  }

  /** Rows [at, at + rows) from a column's values (anything not text is written as text); no source: NULL. */
  copy(at: number, source: ArrayLike<unknown> | undefined, rows: number): void {
    let r = 0;
    if (!this.values) {
      const own = this.codes;
      for (; r < rows; r++) {
        const code = source ? this.coder.code(asText(source[r])) : 0;
        if (code < 0) break;
        own[at + r] = code;
        if (code === 0) this.nulls++;
      }
      if (r < rows) this.toPlain(at + r);
    }
    const values = this.values;
    if (values) for (; r < rows; r++) values[at + r] = source ? asText(source[r]) : null;
  }

  staged(rows: number): { kind: 'code'; codes: Uint8Array; dictionary: readonly string[]; nulls: number } | { kind: 'text'; values: readonly (string | null)[] } {
    return this.values ? { kind: 'text', values: this.values.slice(0, rows) } : { kind: 'code', codes: this.codes.subarray(0, rows), dictionary: this.coder.dictionary.slice(), nulls: this.nulls };
  }

  /** From codes to plain strings, keeping rows [0, upTo). */
  private toPlain(upTo: number): void {
    const values = new Array<string | null>(this.capacity).fill(null);
    for (let r = 0; r < upTo; r++) values[r] = this.coder.value(this.codes[r] as number);
    this.values = values;
  }
}
