import type { ModelSignature } from '../../shared/contract';
import { prepareText, TextCoder, TextColumn, type PreparedText, type TextInput } from './inference-log-text';
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
  /** Per column, the dictionary of a text one (null for the others): shared by every segment of the schema. */
  coders: (TextCoder | null)[];
  /** The text inputs, in the order `prepare` codes them. */
  textInputs: TextInput[];
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
  const all = [...inputs, ...columns];
  const coders = all.map((column) => (column.stage === 'VARCHAR' ? new TextCoder() : null));
  const textInputs = all.flatMap((column, c) => (column.from === 'input' && coders[c] ? [{ key: column.key, coder: coders[c] }] : []));
  const schema = { columns: all, coders, textInputs };
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

type Column = Float64Array | TextColumn | (boolean | null)[];

/** A request's text inputs coded right after parsing, for `append` (see TextCoder for why). */
export function prepare(schema: LogSchema, input: ColumnarInput): PreparedText {
  return prepareText(schema.textInputs, input);
}

/**
 * Rows of one schema waiting to be written, copied out of each request as it
 * is logged (numbers with one memcpy, text as byte codes): the request's
 * own objects are free to go at once, so logging adds no long-lived garbage.
 */
export class SegmentBuffer {
  rows = 0;
  firstTs = 0;
  /** ts, model_version and request_id are one value per request: kept once per request, not per row. */
  private requests = 0;
  private readonly requestRows: Int32Array;
  private readonly ts: Float64Array;
  private readonly versions: Float64Array;
  private readonly ids: string[] = [];
  private readonly columns: Column[];

  constructor(
    readonly schema: LogSchema,
    readonly capacity: number,
  ) {
    this.requestRows = new Int32Array(capacity);
    this.ts = new Float64Array(capacity);
    this.versions = new Float64Array(capacity);
    this.columns = schema.columns.map((column, c) => {
      const coder = schema.coders[c];
      return coder ? new TextColumn(coder, capacity) : column.stage === 'DOUBLE' ? new Float64Array(capacity) : new Array<boolean | null>(capacity).fill(null);
    });
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
    const request = this.requests++;
    this.requestRows[request] = rows;
    this.ts[request] = ts;
    this.versions[request] = version;
    this.ids[request] = requestId;
    const { columns } = this.schema;
    const codes = prepared && prepared.rows === rows ? prepared : null;
    let textInput = 0;
    for (let c = 0; c < columns.length; c++) {
      const spec = columns[c] as LogColumn;
      const column = this.columns[c] as Column;
      const source: ArrayLike<unknown> | undefined = spec.from === 'input' ? input.columns[spec.key] : outputs.find((output) => output.name === spec.key)?.values;
      if (column instanceof Float64Array) {
        if (source instanceof Float64Array) column.set(source.subarray(0, rows), at);
        else for (let r = 0; r < rows; r++) column[at + r] = source ? asNumber(source[r]) : Number.NaN;
      } else if (column instanceof TextColumn) {
        const k = spec.from === 'input' ? textInput++ : -1;
        if (codes && k >= 0 && codes.coded[k]) column.setCodes(at, codes.codes, k * rows, rows);
        else column.copy(at, source, rows);
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
    this.requests = 0;
    this.ids.length = 0;
    for (const column of this.columns) if (column instanceof TextColumn) column.reset();
  }

  /** ts, request_id, model_version, then the schema's columns, for the writer. */
  staged(): Staged[] {
    const rows = this.rows;
    const runs = (values: Float64Array | readonly string[]): Staged => ({ kind: 'runs', lengths: this.requestRows, values, count: this.requests });
    return [
      runs(this.ts),
      runs(this.ids),
      runs(this.versions),
      ...this.columns.map((column): Staged =>
        column instanceof Float64Array ? { kind: 'double', values: column.subarray(0, rows) } : column instanceof TextColumn ? column.staged(rows) : { kind: 'boolean', values: column.slice(0, rows) },
      ),
    ];
  }
}
