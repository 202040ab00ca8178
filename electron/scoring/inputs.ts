import type { DuckDBDataChunk } from '@duckdb/node-api';
import { WorkbenchError, type ModelSignature, type SignatureField } from '../../shared/contract';
import { quoteIdent, quoteLiteral, type Engine } from '../data';
import type { ColumnarInput } from '../packaging';

type Kind = 'number' | 'string' | 'boolean' | 'any';
type Value = number | string | boolean | null;

/**
 * One model input: the SQL that streams it, and how its values are read.
 * `number` comes as DOUBLE (numbers, booleans, dates as epoch ms, as training
 * reads them); `text-number` is text parsed here, strictly; `dictionary` is
 * text as an ENUM of the values a sample showed, with any other value beside
 * it as text (decoding a string per row costs more than scoring it).
 */
export interface InputPlan {
  name: string;
  kind: Kind;
  expression: string;
  read: 'value' | 'number' | 'text-number' | 'dictionary';
}

const numericTypes = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL|BOOLEAN)/;
const dateTypes = /^(DATE|TIMESTAMP)/;
/** Past this many distinct values in the sample, text is streamed as text. */
const DICTIONARY_MAX = 1024;
const SAMPLE_ROWS = 8192;

/**
 * Matches the signature's inputs to the relation's columns by name. A missing
 * column is refused here, before anything is read or written; optional inputs
 * may be absent, and columns the model does not use are only carried through.
 */
export function planInputs(signature: ModelSignature, columns: readonly { name: string; type: string }[], label: string): InputPlan[] {
  const plans: InputPlan[] = [];
  const missing: string[] = [];
  for (const field of signature.inputs) {
    const column = columns.find((candidate) => candidate.name === field.name);
    if (column) plans.push(planOf(field, column.type));
    else if (!field.optional) missing.push(field.name);
  }
  if (missing.length > 0) {
    const list = missing.map((name) => `"${name}"`).join(', ');
    throw new WorkbenchError('invalid_input', `${label} has no column ${list}, which the model needs (it has ${columns.map((c) => c.name).join(', ')}).`, {
      column: missing[0],
      missing,
    });
  }
  return plans;
}

function planOf(field: SignatureField, type: string): InputPlan {
  const kind = kindOf(field);
  const column = quoteIdent(field.name);
  if (kind === 'number' && numericTypes.test(type)) return { name: field.name, kind, expression: `CAST(${column} AS DOUBLE)`, read: 'number' };
  if (kind === 'number' && dateTypes.test(type)) return { name: field.name, kind, expression: `CAST(epoch_ms(CAST(${column} AS TIMESTAMP)) AS DOUBLE)`, read: 'number' };
  if (kind === 'number' && type === 'VARCHAR') return { name: field.name, kind, expression: column, read: 'text-number' };
  if (kind === 'string') return { name: field.name, kind, expression: type === 'VARCHAR' ? column : `CAST(${column} AS VARCHAR)`, read: 'value' };
  return { name: field.name, kind, expression: column, read: 'value' };
}

function kindOf(field: SignatureField): Kind {
  const type = (field.type === 'tensor' ? (field.dtype ?? '') : field.type).toLowerCase();
  if (/^(double|float|long|integer|int\d*|uint\d*|float\d*)$/.test(type)) return 'number';
  if (/^(string|str|object|binary)$/.test(type)) return 'string';
  if (/^bool(ean)?$/.test(type)) return 'boolean';
  return 'any';
}

/** Text inputs with few distinct values in the first rows are streamed through a dictionary. */
export async function useDictionaries(engine: Engine, relation: string, plans: InputPlan[], signal: AbortSignal): Promise<InputPlan[]> {
  const text = plans.filter((plan) => plan.kind === 'string');
  if (text.length === 0) return plans;
  const lists = text.map((_, k) => `list(DISTINCT e${k}) FILTER (WHERE e${k} IS NOT NULL)`).join(', ');
  const sample = text.map((plan, k) => `${plan.expression} AS e${k}`).join(', ');
  const { rows } = await engine.query(`SELECT ${lists} FROM (SELECT ${sample} FROM ${relation} LIMIT ${SAMPLE_ROWS})`, { signal });
  const values = rows[0] ?? [];
  return plans.map((plan) => {
    const k = text.indexOf(plan);
    const distinct = (values[k] ?? []) as string[];
    if (k < 0 || distinct.length === 0 || distinct.length > DICTIONARY_MAX) return plan;
    return { ...plan, read: 'dictionary', expression: `TRY_CAST(${plan.expression} AS ENUM(${distinct.map(quoteLiteral).join(', ')}))` };
  });
}

/** The streaming SELECT: one column per plan, two for a dictionary (the code, and the text when the code is missing). */
export function streamSelect(plans: readonly InputPlan[], relation: string): string {
  const inner = plans.flatMap((plan, p) => (plan.read === 'dictionary' ? [`${plan.expression} AS d${p}`, `${quoteIdent(plan.name)} AS t${p}`] : [`${plan.expression} AS v${p}`]));
  const outer = plans.flatMap((plan, p) => (plan.read === 'dictionary' ? [`d${p}`, `CASE WHEN d${p} IS NULL THEN CAST(t${p} AS VARCHAR) END`] : [`v${p}`]));
  return `SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${relation})`;
}

/**
 * Collects the model's columns from DuckDB chunks (2,048 rows each) until a
 * batch is full. Numbers go into a Float64Array (NaN for missing, which the
 * scorer reads as missing), the rest into arrays. Text that is not a number,
 * for a numeric input, is refused naming the row.
 */
export class InputBatch {
  private columns: (Value[] | Float64Array)[] = [];
  rows = 0;

  constructor(
    private readonly plans: readonly InputPlan[],
    private readonly label: string,
    private readonly capacity: number,
  ) {
    this.reset();
  }

  /** Adds the chunk's rows `from` to `to`; `firstRow` is the chunk's first row in the whole input, for messages. */
  add(chunk: DuckDBDataChunk, firstRow: number, from: number, to: number): void {
    let index = 0;
    this.plans.forEach((plan, p) => {
      const vector = chunk.getColumnVector(index++);
      const target = this.columns[p] as Value[] | Float64Array;
      if (target instanceof Float64Array) {
        for (let i = from, at = this.rows; i < to; i++, at++) target[at] = (vector.getItem(i) as number | null) ?? Number.NaN;
      } else if (plan.read === 'dictionary') {
        const fallback = chunk.getColumnVector(index++);
        for (let i = from; i < to; i++) target.push((vector.getItem(i) as string | null) ?? (fallback.getItem(i) as string | null));
      } else {
        for (let i = from; i < to; i++) target.push(this.convert(vector.getItem(i), plan, firstRow + i));
      }
    });
    this.rows += to - from;
  }

  /** Hands over the collected rows and starts a new batch. */
  take(): ColumnarInput {
    const input: ColumnarInput = { rows: this.rows, columns: {} };
    this.plans.forEach((plan, p) => {
      const column = this.columns[p] as Value[] | Float64Array;
      input.columns[plan.name] = (column instanceof Float64Array ? column.subarray(0, this.rows) : column) as ArrayLike<number | null>;
    });
    this.reset();
    return input;
  }

  private reset(): void {
    this.columns = this.plans.map((plan) => (plan.read === 'number' ? new Float64Array(this.capacity) : []));
    this.rows = 0;
  }

  private convert(value: unknown, plan: InputPlan, row: number): Value {
    if (value === null || value === undefined) return null;
    switch (typeof value) {
      case 'number':
      case 'boolean':
        return plan.kind === 'string' ? String(value) : value;
      case 'bigint':
        return plan.kind === 'string' ? value.toString() : Number(value);
      case 'string': {
        if (plan.read !== 'text-number') return value;
        if (value.trim() === '') return null;
        const number = Number(value);
        if (Number.isNaN(number) && !/^\s*[+-]?nan\s*$/i.test(value)) throw this.wrongType(plan, row, value);
        return number;
      }
      default: {
        // DuckDB's value objects (DECIMAL, DATE, ...) print as SQL does; a DECIMAL also knows its double.
        const object = value as { toDouble?: () => number; toString(): string };
        if (plan.kind !== 'string' && typeof object.toDouble === 'function') return object.toDouble();
        if (plan.kind === 'string' || plan.kind === 'any') return object.toString();
        throw this.wrongType(plan, row, object.toString());
      }
    }
  }

  private wrongType(plan: InputPlan, row: number, value: string): WorkbenchError {
    return new WorkbenchError('invalid_input', `${this.label}: column "${plan.name}" must be ${plan.kind === 'number' ? 'a number' : plan.kind}, but row ${row + 1} holds "${value.slice(0, 100)}".`, {
      column: plan.name,
      row: row + 1,
    });
  }
}
