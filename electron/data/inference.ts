import type { ColumnInfo, DataFormat } from '../../shared/contract';
import type { Engine } from './engine';
import { quoteIdent } from './sql';

/** A text column read as another type; values that do not parse become NULL and are counted. */
export interface Coercion {
  column: string;
  type: 'BIGINT' | 'DOUBLE' | 'DATE' | 'TIMESTAMP';
}

/** Share of non-null values that must parse before a text column is read as numbers or dates. */
export const COERCE_THRESHOLD = 0.99;

const textFormats: readonly DataFormat[] = ['csv', 'tsv', 'json', 'ndjson'];

/**
 * Text files carry dirty values ("" or " " in a numeric column, "n/a" in a date
 * column) that make DuckDB's sniffer fall back to VARCHAR. One pass over the
 * data counts, per text column, how many values parse as each type; a column
 * where at least 99% parse is read as that type, and the rest are reported.
 */
export async function inferCoercions(engine: Engine, format: DataFormat, from: string, columns: ColumnInfo[], signal?: AbortSignal): Promise<{ coercions: Coercion[]; unparsed: Map<string, number> }> {
  const text = columns.filter((column) => column.type === 'VARCHAR');
  if (!textFormats.includes(format) || text.length === 0) return { coercions: [], unparsed: new Map() };
  // A look at the first rows rules out most text columns; only the others get a full pass.
  const head = await parseCounts(engine, `(SELECT * FROM ${from} LIMIT ${SAMPLE_ROWS})`, text, signal);
  const candidates = text.filter((column) => {
    const counts = head.get(column.name);
    return !counts || counts.nonNull === 0 || choose(counts) !== null;
  });
  const coercions: Coercion[] = [];
  const unparsed = new Map<string, number>();
  if (candidates.length === 0) return { coercions, unparsed };
  const full = await parseCounts(engine, from, candidates, signal);
  for (const column of candidates) {
    const counts = full.get(column.name);
    const type = counts ? choose(counts) : null;
    if (!counts || !type) continue;
    coercions.push({ column: column.name, type });
    unparsed.set(column.name, counts.nonNull - parsedAs(counts, type));
  }
  return { coercions, unparsed };
}

const SAMPLE_ROWS = 20_000;

interface ParseCounts {
  nonNull: number;
  doubles: number;
  integers: number;
  dates: number;
  timestamps: number;
}

async function parseCounts(engine: Engine, from: string, columns: readonly ColumnInfo[], signal?: AbortSignal): Promise<Map<string, ParseCounts>> {
  const parts = columns.flatMap((column, index) => {
    const value = quoteIdent(column.name);
    return [
      `count(${value}) AS n${index}`,
      `count(TRY_CAST(${value} AS DOUBLE)) AS d${index}`,
      // TRY_CAST('29.85' AS BIGINT) rounds to 30, so integers are told by their spelling.
      `count(*) FILTER (WHERE regexp_full_match(trim(${value}), '[+-]?[0-9]{1,18}')) AS i${index}`,
      `count(TRY_CAST(${value} AS DATE)) AS t${index}`,
      `count(TRY_CAST(${value} AS TIMESTAMP)) AS s${index}`,
    ];
  });
  const { rows } = await engine.query(`SELECT ${parts.join(', ')} FROM ${from}`, { signal });
  const values = (rows[0] ?? []).map(Number);
  return new Map(
    columns.map((column, index) => {
      const [nonNull = 0, doubles = 0, integers = 0, dates = 0, timestamps = 0] = values.slice(index * 5, index * 5 + 5);
      return [column.name, { nonNull, doubles, integers, dates, timestamps }];
    }),
  );
}

/** Integers before doubles; dates before timestamps (a plain date parses as both). */
function choose(counts: ParseCounts): Coercion['type'] | null {
  const enough = (parsed: number): boolean => parsed > 0 && parsed / counts.nonNull >= COERCE_THRESHOLD;
  if (counts.integers === counts.doubles && enough(counts.integers)) return 'BIGINT';
  if (enough(counts.doubles)) return 'DOUBLE';
  if (enough(counts.dates)) return 'DATE';
  if (enough(counts.timestamps)) return 'TIMESTAMP';
  return null;
}

function parsedAs(counts: ParseCounts, type: Coercion['type']): number {
  return { BIGINT: counts.integers, DOUBLE: counts.doubles, DATE: counts.dates, TIMESTAMP: counts.timestamps }[type];
}

/** `SELECT * REPLACE (...)` that applies the coercions to a raw read. */
export function coercedSelect(from: string, coercions: readonly Coercion[]): string {
  if (coercions.length === 0) return `SELECT * FROM ${from}`;
  const replaced = coercions.map(({ column, type }) => `TRY_CAST(${quoteIdent(column)} AS ${type}) AS ${quoteIdent(column)}`);
  return `SELECT * REPLACE (${replaced.join(', ')}) FROM ${from}`;
}

/** The raw values of a coerced column that did not parse, with their 1-based row number. */
export async function unparsedValues(engine: Engine, from: string, coercion: Coercion, limit: number): Promise<{ row: number; value: string }[]> {
  const column = quoteIdent(coercion.column);
  const { rows } = await engine.query(
    `SELECT row, raw FROM (SELECT row_number() OVER () AS row, ${column} AS raw FROM ${from})
     WHERE raw IS NOT NULL AND TRY_CAST(raw AS ${coercion.type}) IS NULL ORDER BY row LIMIT ${Math.trunc(limit)}`,
  );
  return rows.map(([row, raw]) => ({ row: Number(row), value: String(raw) }));
}

