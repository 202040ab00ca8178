import type { ModelSignature } from '../../shared/contract';
import { asText, prepareText, TextCoder, type PreparedText, type TextInput } from './inference-log-text';
import type { ColumnarInput, ScoreResult } from './types';
import { kindOf } from './validate';

type StageType = 'DOUBLE' | 'VARCHAR' | 'BOOLEAN';

export interface LogColumn {
  /** The column's name in the Parquet file. */
  name: string;
  from: 'input' | 'output';
  /** The input column or output it is read from. */
  key: string;
  stage: StageType;
  /** The type written (whole numbers are staged as DOUBLE, written as BIGINT). */
  final: StageType | 'BIGINT';
}

/** Where a column's cells are in a buffered row: a slot among the row's numbers, or among its bytes (text codes, booleans). */
export interface CellPlace {
  in: 'numbers' | 'bytes';
  slot: number;
}

/** The columns of a model's log: ts, request_id, model_version, its inputs as the signature names them, its outputs. */
export interface LogSchema {
  columns: LogColumn[];
  /** Per column, the dictionary of a text one (null for the others): shared by every segment of the schema. */
  coders: (TextCoder | null)[];
  /** The text inputs, in the order `prepare` codes them: their byte slots are 0, 1, ... in that order. */
  textInputs: TextInput[];
  places: CellPlace[];
  /** Numbers and bytes per buffered row. */
  numberWidth: number;
  byteWidth: number;
  /** Code arrays of requests already logged, for `prepare` to reuse. */
  spareCodes: Uint8Array[];
}

const FIXED = ['ts', 'request_id', 'model_version'];
const schemas = new WeakMap<ModelSignature, LogSchema>();

const rank = (column: LogColumn): number => (column.stage === 'BOOLEAN' ? 2 : column.from === 'input' ? 0 : 1);

/** Outputs with more than one value per row (a 2-D tensor) are left out: a table holds one value per cell. */
export function logSchema(signature: ModelSignature): LogSchema {
  const known = schemas.get(signature);
  if (known) return known;
  const taken = new Set(FIXED);
  const unique = (name: string, suffix: string): string => {
    let out = name;
    while (taken.has(out)) out = `${out}${suffix}`;
    taken.add(out);
    return out;
  };
  const columns: LogColumn[] = [];
  for (const output of signature.outputs) {
    if (output.type === 'tensor' && output.shape && output.shape.length > 1 && output.shape.slice(1).some((d) => d !== 1)) continue;
    const stage: StageType = kindOf(output) === 'string' ? 'VARCHAR' : 'DOUBLE';
    columns.push({ name: unique(output.name, '_output'), from: 'output', key: output.name, stage, final: stage });
  }
  const inputs = signature.inputs.map((field): LogColumn => {
    const kind = kindOf(field);
    const stage: StageType = kind === 'string' ? 'VARCHAR' : kind === 'boolean' ? 'BOOLEAN' : 'DOUBLE';
    return { name: unique(field.name, '_input'), from: 'input', key: field.name, stage, final: kind === 'long' ? 'BIGINT' : stage };
  });
  const all = [...inputs, ...columns];
  const coders = all.map((column) => (column.stage === 'VARCHAR' ? new TextCoder() : null));
  const textInputs = all.flatMap((column, c) => (column.from === 'input' && coders[c] ? [{ key: column.key, coder: coders[c] }] : []));
  // Bytes: the text inputs first (as `prepare` lays out their codes), then the text outputs, then booleans.
  const byteOrder = [...all.keys()].filter((c) => all[c]?.stage !== 'DOUBLE').sort((a, b) => rank(all[a] as LogColumn) - rank(all[b] as LogColumn) || a - b);
  let numberWidth = 0;
  const places = all.map((column, c): CellPlace => (column.stage === 'DOUBLE' ? { in: 'numbers', slot: numberWidth++ } : { in: 'bytes', slot: byteOrder.indexOf(c) }));
  const schema = { columns: all, coders, textInputs, places, numberWidth, byteWidth: byteOrder.length, spareCodes: [] };
  schemas.set(signature, schema);
  return schema;
}

/**
 * A column as the Parquet encoder takes it. Text is byte codes into its
 * column's TextCoder while that has room (up to 255 values; past that, plain
 * text): the codes go straight into Parquet's dictionary encoding, and each
 * distinct string is written once per segment. ts, request_id and
 * model_version are `runs`: one value per request, not per row.
 */
export type Staged =
  | { kind: 'double'; values: Float64Array }
  | { kind: 'code'; codes: Uint8Array | Int32Array; dictionary: readonly string[]; nulls: number }
  | { kind: 'text'; values: readonly (string | null)[] }
  | { kind: 'boolean'; values: readonly (boolean | null)[] }
  /** A value per request, over its rows: `lengths[i]` rows of `values[i]`. */
  | { kind: 'runs'; lengths: Int32Array; values: Float64Array | readonly string[]; count: number };

const asNumber = (value: unknown): number => (typeof value === 'number' ? value : typeof value === 'bigint' || typeof value === 'boolean' ? Number(value) : Number.NaN);

/** A request's text inputs coded right after parsing, for `append` (see TextCoder for why). */
export function prepare(schema: LogSchema, input: ColumnarInput): PreparedText {
  return prepareText(schema.textInputs, input, input.rows >= COLUMNAR_ROWS, schema.spareCodes.pop() ?? null);
}

/** Code arrays kept for reuse per schema: about one per request in flight. */
const SPARE_CODES = 16;

/** `prepared`'s codes are copied: its array goes back for another request, and it is marked used. */
function release(schema: LogSchema, prepared: PreparedText): void {
  if (prepared.rows < 0) return;
  prepared.rows = -1;
  if (schema.spareCodes.length < SPARE_CODES) schema.spareCodes.push(prepared.codes);
}

/**
 * Rows of one schema waiting to be written, copied out of each request as it
 * is logged: the request's own objects are free to go at once. A request of
 * a few rows is kept row by row (a row's numbers side by side, its text
 * codes and booleans side by side as bytes): a one-row request then writes
 * two cache lines, where twenty columns' arrays cost twenty cache and TLB
 * misses that the model's next run paid for. A larger request is copied
 * straight into the columns the writer takes, a column at a time (one copy
 * per column, nothing to turn round later). `staged` turns the small
 * requests' rows into columns, off the request path. Text is byte codes into
 * its column's TextCoder while that has room (up to 255 values; 0 is NULL);
 * past that, the column turns to plain strings for the rest of the segment.
 */
export class SegmentBuffer {
  rows = 0;
  firstTs = 0;
  /** ts, model_version and request_id are one value per request: kept once per request, not per row. */
  private requests = 0;
  private readonly requestRows: Int32Array;
  /** Per request: 1 when its rows went straight into the columns, 0 when kept row by row. */
  private readonly requestColumnar: Uint8Array;
  private readonly ts: Float64Array;
  private readonly versions: Float64Array;
  private readonly ids: string[] = [];
  /** Small requests' rows, row by row. */
  private readonly numbers: Float64Array;
  private readonly bytes: Uint8Array;
  /** Per column, the array the writer takes: large requests' cells, and the small ones' once `staged` turned them. */
  private readonly columnsOut: (Float64Array | Uint8Array)[];
  /** Per column: its strings, once its coder filled during this segment (else null). */
  private readonly plain: ((string | null)[] | null)[];

  constructor(
    readonly schema: LogSchema,
    readonly capacity: number,
  ) {
    this.requestRows = new Int32Array(capacity);
    this.requestColumnar = new Uint8Array(capacity);
    this.ts = new Float64Array(capacity);
    this.versions = new Float64Array(capacity);
    this.numbers = new Float64Array(capacity * schema.numberWidth);
    this.bytes = new Uint8Array(capacity * schema.byteWidth);
    this.columnsOut = schema.places.map((place) => (place.in === 'numbers' ? new Float64Array(capacity) : new Uint8Array(capacity)));
    this.plain = schema.columns.map(() => null);
  }

  /**
   * Copies one request's rows in (its text inputs from `prepared` when given
   * and made for as many rows; otherwise from `input`); false (and nothing
   * copied) when they do not fit.
   */
  append(ts: number, requestId: string, version: number, input: ColumnarInput, outputs: ScoreResult['outputs'], rows: number, prepared: PreparedText | null = null): boolean {
    if (rows <= 0 || this.rows + rows > this.capacity) return false;
    const at = this.rows;
    if (at === 0) this.firstTs = ts;
    const columnar = rows >= COLUMNAR_ROWS;
    const request = this.requests++;
    this.requestRows[request] = rows;
    this.requestColumnar[request] = columnar ? 1 : 0;
    this.ts[request] = ts;
    this.versions[request] = version;
    this.ids[request] = requestId;
    const { columns, places, coders, numberWidth, byteWidth } = this.schema;
    const codes = prepared && prepared.rows === rows ? prepared : null;
    let textInput = 0;
    for (let c = 0; c < columns.length; c++) {
      const spec = columns[c] as LogColumn;
      const source = spec.from === 'input' ? input.columns[spec.key] : outputValues(outputs, spec.key);
      // Where row `at` goes, and the step to the next row: the column's own array, or the rows.
      const place = places[c] as CellPlace;
      const inNumbers = place.in === 'numbers';
      const array = columnar ? (this.columnsOut[c] as Float64Array | Uint8Array) : inNumbers ? this.numbers : this.bytes;
      const step = columnar ? 1 : inNumbers ? numberWidth : byteWidth;
      const start = columnar ? at : at * step + place.slot;
      if (spec.stage === 'DOUBLE') {
        const numbers = array as Float64Array;
        // Parsed inputs are Float64Arrays, a model's outputs often Float32Arrays: both are copied as they are.
        if ((source instanceof Float64Array || source instanceof Float32Array) && step === 1) numbers.set(source.subarray(0, rows), start);
        else if (source instanceof Float64Array || source instanceof Float32Array) for (let r = 0, cell = start; r < rows; r++, cell += step) numbers[cell] = source[r] as number;
        else for (let r = 0, cell = start; r < rows; r++, cell += step) numbers[cell] = source ? asNumber(source[r]) : Number.NaN;
      } else if (spec.stage === 'BOOLEAN') {
        for (let r = 0, cell = start; r < rows; r++, cell += step) array[cell] = source && typeof source[r] === 'boolean' ? (source[r] ? 2 : 1) : 0;
      } else {
        const k = spec.from === 'input' ? textInput++ : -1;
        const coder = coders[c] as TextCoder;
        const plain = this.plain[c];
        if (codes && k >= 0 && codes.coded[k]) {
          // Row r's code is at first + r * stride (see PreparedText).
          const first = codes.byColumn ? k * rows : k;
          const stride = codes.byColumn ? 1 : codes.coded.length;
          const from = codes.codes;
          if (plain) for (let r = 0; r < rows; r++) plain[at + r] = coder.value(from[first + r * stride] as number);
          else if (stride === 1 && step === 1) array.set(from.subarray(first, first + rows), start);
          else for (let r = 0, cell = start; r < rows; r++, cell += step) array[cell] = from[first + r * stride] as number;
        } else {
          this.copyText(c, coder, at, source, rows, array, start, step);
        }
      }
    }
    this.rows += rows;
    if (prepared) release(this.schema, prepared);
    return true;
  }

  /** Rows [at, at + rows) of a text column from its values (anything not text is written as text); no source: NULL. */
  private copyText(c: number, coder: TextCoder, at: number, source: ArrayLike<unknown> | undefined, rows: number, array: Float64Array | Uint8Array, start: number, step: number): void {
    let r = 0;
    if (!this.plain[c]) {
      for (let cell = start; r < rows; r++, cell += step) {
        const code = source ? coder.code(asText(source[r])) : 0;
        if (code < 0) break;
        array[cell] = code;
      }
      if (r < rows) this.plain[c] = this.decoded(c, coder, at + r);
    }
    const values = this.plain[c];
    if (values) for (; r < rows; r++) values[at + r] = source ? asText(source[r]) : null;
  }

  /** A text column's rows [0, upTo) as strings: its coder is full, and the rest of the segment is plain text. */
  private decoded(c: number, coder: TextCoder, upTo: number): (string | null)[] {
    const values = new Array<string | null>(this.capacity).fill(null);
    const { slot } = this.schema.places[c] as CellPlace;
    const { byteWidth } = this.schema;
    const own = this.columnsOut[c] as Uint8Array;
    this.eachRequest((first, rows, columnar) => {
      for (let row = first; row < Math.min(first + rows, upTo); row++) values[row] = coder.value((columnar ? own[row] : this.bytes[row * byteWidth + slot]) as number);
    });
    return values;
  }

  /** Calls `visit` with each request's first row, rows and layout, in order. */
  private eachRequest(visit: (first: number, rows: number, columnar: boolean) => void): void {
    for (let request = 0, first = 0; request < this.requests; request++) {
      const rows = this.requestRows[request] as number;
      visit(first, rows, this.requestColumnar[request] === 1);
      first += rows;
    }
  }

  /**
   * Empty again, keeping its arrays: a server logging steadily reuses two
   * buffers instead of allocating megabytes a segment for the collector to
   * chase. Only once its segment is written (the encoder reads the arrays).
   */
  reset(): void {
    this.rows = 0;
    this.firstTs = 0;
    this.requests = 0;
    this.ids.length = 0;
    this.plain.fill(null);
  }

  /** ts, request_id, model_version, then the schema's columns, for the writer. */
  staged(): Staged[] {
    const { rows } = this;
    const runs = (values: Float64Array | readonly string[]): Staged => ({ kind: 'runs', lengths: this.requestRows, values, count: this.requests });
    // The small requests' rows between two large ones make one range to turn into columns.
    let from = 0;
    this.eachRequest((first, count, columnar) => {
      if (!columnar) return;
      this.transpose(from, first);
      from = first + count;
    });
    this.transpose(from, rows);
    const { columns, coders } = this.schema;
    return [
      runs(this.ts),
      runs(this.ids),
      runs(this.versions),
      ...columns.map((spec, c): Staged => {
        const plain = this.plain[c];
        if (plain) return { kind: 'text', values: plain.slice(0, rows) };
        const out = (this.columnsOut[c] as Float64Array | Uint8Array).subarray(0, rows);
        if (out instanceof Float64Array) return { kind: 'double', values: out };
        if (spec.stage === 'BOOLEAN') return { kind: 'boolean', values: Array.from(out, (code) => (code === 0 ? null : code === 2)) };
        // Most columns have no NULL (code 0) at all: a native search says so without a loop over every row.
        let nulls = 0;
        for (let r = out.indexOf(0); r >= 0 && r < rows; r++) if (out[r] === 0) nulls++;
        // Zeros up to a group of 8 after the codes: the encoder then writes the codes from this array, not a copy.
        const whole = this.columnsOut[c] as Uint8Array;
        whole.fill(0, rows, Math.min(whole.length, (rows + 7) & ~7));
        return { kind: 'code', codes: out, dictionary: (coders[c] as TextCoder).dictionary.slice(), nulls };
      }),
    ];
  }

  /**
   * Rows [first, end), kept row by row, into the columns' arrays: a block of
   * rows at a time, so that the block stays in cache while every column takes
   * its cells.
   */
  private transpose(first: number, end: number): void {
    const { places, numberWidth, byteWidth } = this.schema;
    const { numbers, bytes, columnsOut } = this;
    for (let block = first; block < end; block += TRANSPOSE_BLOCK) {
      const last = Math.min(end, block + TRANSPOSE_BLOCK);
      for (let c = 0; c < places.length; c++) {
        const { in: where, slot } = places[c] as CellPlace;
        if (where === 'numbers') {
          const column = columnsOut[c] as Float64Array;
          for (let r = block, cell = block * numberWidth + slot; r < last; r++, cell += numberWidth) column[r] = numbers[cell] as number;
        } else {
          const column = columnsOut[c] as Uint8Array;
          for (let r = block, cell = block * byteWidth + slot; r < last; r++, cell += byteWidth) column[r] = bytes[cell] as number;
        }
      }
    }
  }
}

/** Rows per block when rows are turned into columns: a block of a wide schema's rows stays within L2. */
const TRANSPOSE_BLOCK = 1024;

/** Requests of at least this many rows are copied a column at a time; smaller ones row by row (see SegmentBuffer). */
const COLUMNAR_ROWS = 8;

/** An output's values by name: a loop, not `find` with a closure, on the request path. */
function outputValues(outputs: ScoreResult['outputs'], name: string): ArrayLike<unknown> | undefined {
  for (const output of outputs) if (output.name === name) return output.values;
  return undefined;
}
