import type { ModelSignature } from '../../shared/contract';
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

/** The columns of a model's log: ts, request_id, model_version, its inputs as the signature names them, its outputs. */
export interface LogSchema {
  columns: LogColumn[];
}

const FIXED = ['ts', 'request_id', 'model_version'];
const schemas = new WeakMap<ModelSignature, LogSchema>();

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
  const schema = { columns: [...inputs, ...columns] };
  schemas.set(signature, schema);
  return schema;
}

/**
 * A column as the Parquet encoder takes it. Text is dictionary-coded while it
 * repeats (categories, a request's ID over its rows): the codes go straight
 * into Parquet's dictionary encoding, and each distinct string is written
 * once per segment.
 */
export type Staged =
  | { kind: 'double'; values: Float64Array }
  | { kind: 'code'; codes: Int32Array; dictionary: readonly string[] }
  | { kind: 'text'; values: readonly (string | null)[] }
  | { kind: 'boolean'; values: readonly (boolean | null)[] };

/** Past this share of distinct values a text column is kept as it is. */
const DICTIONARY_SHARE = 0.5;
const SCAN_DICTIONARY = 8;

class TextColumn {
  private codes: Int32Array | null;
  private readonly index = new Map<string, number>();
  private dictionary: string[] = [];
  private values: (string | null)[] | null = null;
  private readonly limit: number;

  constructor(private readonly capacity: number) {
    this.codes = new Int32Array(capacity);
    this.limit = Math.max(16, Math.floor(capacity * DICTIONARY_SHARE));
  }

  /** Empty again, for the next segment (a new dictionary: the last one may still be referenced). */
  reset(): void {
    this.codes ??= new Int32Array(this.capacity);
    this.values = null;
    this.index.clear();
    this.dictionary = [];
  }

  /** Sets rows [at, at + count) to `value` (0 rows: nothing). */
  fill(at: number, count: number, value: string | null): void {
    if (this.codes) {
      const code = this.code(value);
      if (code >= 0) {
        this.codes.fill(code, at, at + count);
        return;
      }
    }
    (this.values as (string | null)[]).fill(value, at, at + count);
  }

  set(at: number, value: string | null): void {
    if (this.codes) {
      const code = this.code(value);
      if (code >= 0) {
        this.codes[at] = code;
        return;
      }
    }
    (this.values as (string | null)[])[at] = value;
  }

  staged(rows: number): Staged {
    return this.codes ? { kind: 'code', codes: this.codes.subarray(0, rows), dictionary: this.dictionary } : { kind: 'text', values: (this.values as (string | null)[]).slice(0, rows) };
  }

  /** The value's code (0 for null), or -1 once the dictionary is full: the column turns to plain text. */
  private code(value: string | null): number {
    if (value === null) return 0;
    // Most logged text is a category of a few values: comparing beats hashing a fresh string.
    const { dictionary } = this;
    if (dictionary.length <= SCAN_DICTIONARY) {
      for (let i = 0; i < dictionary.length; i++) if (dictionary[i] === value) return i + 1;
    }
    const known = this.index.get(value);
    if (known !== undefined) return known;
    if (this.dictionary.length < this.limit) {
      this.dictionary.push(value);
      this.index.set(value, this.dictionary.length);
      return this.dictionary.length;
    }
    const codes = this.codes as Int32Array;
    this.values = Array.from(codes, (code) => (code === 0 ? null : (this.dictionary[code - 1] as string)));
    this.codes = null;
    return -1;
  }
}

const asNumber = (value: unknown): number => (typeof value === 'number' ? value : typeof value === 'bigint' || typeof value === 'boolean' ? Number(value) : Number.NaN);
const asText = (value: unknown): string | null => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : null);

type Column = Float64Array | TextColumn | (boolean | null)[];

/**
 * Rows of one schema waiting to be written, copied out of each request as it
 * is logged (numbers with one memcpy, text as dictionary codes): the request's
 * own objects are free to go at once, so logging adds no long-lived garbage.
 */
export class SegmentBuffer {
  rows = 0;
  firstTs = 0;
  private readonly ts: Float64Array;
  private readonly versions: Float64Array;
  private readonly ids: TextColumn;
  private readonly columns: Column[];

  constructor(
    readonly schema: LogSchema,
    readonly capacity: number,
  ) {
    this.ts = new Float64Array(capacity);
    this.versions = new Float64Array(capacity);
    this.ids = new TextColumn(capacity);
    this.columns = schema.columns.map((column) => (column.stage === 'DOUBLE' ? new Float64Array(capacity) : column.stage === 'VARCHAR' ? new TextColumn(capacity) : new Array<boolean | null>(capacity).fill(null)));
  }

  /** Copies one request's rows in; false (and nothing copied) when they do not fit. */
  append(ts: number, requestId: string, version: number, input: ColumnarInput, outputs: ScoreResult['outputs'], rows: number): boolean {
    if (this.rows + rows > this.capacity) return false;
    const at = this.rows;
    if (at === 0) this.firstTs = ts;
    this.ts.fill(ts, at, at + rows);
    this.versions.fill(version, at, at + rows);
    this.ids.fill(at, rows, requestId);
    const { columns } = this.schema;
    for (let c = 0; c < columns.length; c++) {
      const spec = columns[c] as LogColumn;
      const column = this.columns[c] as Column;
      const source: ArrayLike<unknown> | undefined = spec.from === 'input' ? input.columns[spec.key] : outputs.find((output) => output.name === spec.key)?.values;
      if (column instanceof Float64Array) {
        if (source instanceof Float64Array) column.set(source.subarray(0, rows), at);
        else for (let r = 0; r < rows; r++) column[at + r] = source ? asNumber(source[r]) : Number.NaN;
      } else if (column instanceof TextColumn) {
        if (!source) column.fill(at, rows, null);
        else for (let r = 0; r < rows; r++) column.set(at + r, asText(source[r]));
      } else {
        for (let r = 0; r < rows; r++) column[at + r] = source && typeof source[r] === 'boolean' ? (source[r] as boolean) : null;
      }
    }
    this.rows += rows;
    return true;
  }

  /**
   * Empty again, keeping its arrays: a server logging steadily reuses two
   * buffers instead of allocating megabytes a segment for the collector to
   * chase. Only once its segment is written (the encoder reads the arrays).
   */
  reset(): void {
    this.rows = 0;
    this.firstTs = 0;
    this.ids.reset();
    for (const column of this.columns) if (column instanceof TextColumn) column.reset();
  }

  /** ts, request_id, model_version, then the schema's columns, for the writer. */
  staged(): Staged[] {
    const rows = this.rows;
    return [
      { kind: 'double', values: this.ts.subarray(0, rows) },
      this.ids.staged(rows),
      { kind: 'double', values: this.versions.subarray(0, rows) },
      ...this.columns.map((column): Staged =>
        column instanceof Float64Array ? { kind: 'double', values: column.subarray(0, rows) } : column instanceof TextColumn ? column.staged(rows) : { kind: 'boolean', values: column.slice(0, rows) },
      ),
    ];
  }
}
