import { WorkbenchError } from '../../../shared/contract';
import { quoteIdent, type Engine } from '../../data';

/**
 * The table the trainer works on: one typed array per column, in the order
 * the relation gave the rows. Numbers (and dates, as epoch milliseconds) are
 * Float64Array with NaN for missing (SQL NULL and NaN alike, as pandas treats
 * them); ±Infinity is kept so that the checks can name it.
 */
export type FrameColumn =
  | { name: string; kind: 'number'; values: Float64Array; /** Dates and timestamps, stored as epoch ms. */ date?: boolean }
  | { name: string; kind: 'string'; values: (string | null)[] };

export interface Frame {
  rows: number;
  columns: FrameColumn[];
}

const numericTypes = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;
const dateTypes = /^(DATE|TIMESTAMP)/;

type ColumnKind = 'number' | 'date' | 'string';

function kindOf(type: string): ColumnKind {
  if (numericTypes.test(type)) return 'number';
  if (dateTypes.test(type)) return 'date';
  return 'string';
}

/** Each column cast in DuckDB to what the frame holds, so that rows arrive as doubles or text. */
function selectExpression(name: string, kind: ColumnKind): string {
  const column = quoteIdent(name);
  if (kind === 'number') return `CAST(${column} AS DOUBLE)`;
  if (kind === 'date') return `CAST(epoch_ms(CAST(${column} AS TIMESTAMP)) AS DOUBLE)`;
  // Booleans cast to 'true' / 'false'.
  return `CAST(${column} AS VARCHAR)`;
}

/** A double as the engine hands it over: a number, null, or 'NaN' / 'Infinity' / '-Infinity' as text. */
function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return NaN;
  return Number(value);
}

export function frameColumn(frame: Frame, name: string): FrameColumn | undefined {
  return frame.columns.find((column) => column.name === name);
}

/**
 * Reads `columns` of `relationSql` (a view's quoted name or a parenthesised
 * SELECT) in one query. A column the relation lacks is a `training_bad_data`
 * error naming it.
 */
export async function loadFrame(engine: Engine, relationSql: string, columns: string[], signal?: AbortSignal): Promise<Frame> {
  const described = await engine.query(`DESCRIBE SELECT * FROM ${relationSql}`, { signal });
  const types = new Map(described.rows.map(([name, type]) => [String(name), String(type)]));
  const missing = columns.filter((name) => !types.has(name));
  if (missing.length > 0) {
    throw new WorkbenchError('training_bad_data', `The dataset has no column ${missing.map((name) => `"${name}"`).join(', ')}.`, { columns: missing });
  }
  const kinds = columns.map((name) => kindOf(types.get(name) ?? 'VARCHAR'));
  if (columns.length === 0) {
    const counted = await engine.query(`SELECT count(*) FROM ${relationSql}`, { signal });
    return { rows: Number(counted.rows[0]?.[0] ?? 0), columns: [] };
  }
  const select = columns.map((name, i) => `${selectExpression(name, kinds[i] ?? 'string')} AS ${quoteIdent(`c${i}`)}`).join(', ');
  const { rows } = await engine.query(`SELECT ${select} FROM ${relationSql}`, { signal });
  const count = rows.length;
  const frameColumns = columns.map((name, i): FrameColumn => {
    const kind = kinds[i] ?? 'string';
    if (kind === 'string') {
      const values = new Array<string | null>(count);
      for (let r = 0; r < count; r++) {
        const value = rows[r]?.[i];
        values[r] = value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);
      }
      return { name, kind: 'string', values };
    }
    const values = new Float64Array(count);
    for (let r = 0; r < count; r++) values[r] = toNumber(rows[r]?.[i]);
    return kind === 'date' ? { name, kind: 'number', values, date: true } : { name, kind: 'number', values };
  });
  return { rows: count, columns: frameColumns };
}
