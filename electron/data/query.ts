import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { WorkbenchError, type QueryResult, type ResultColumn, type ResultFilter, type ResultSort } from '../../shared/contract';
import type { Engine, RunOptions } from './engine';
import { quoteIdent, quoteLiteral } from './sql';

export const FIRST_PAGE_ROWS = 200;
const SCRIPT_ROWS = 10_000;
const MAX_RESULTS = 50;

interface Stored {
  /** The single SELECT, for re-running; null for a script's one-off result. */
  sql: string | null;
  columns: ResultColumn[];
}

export interface View {
  sort?: ResultSort[];
  filters?: ResultFilter[];
}

/**
 * Query results kept by id. A single SELECT is kept as SQL and re-run for each
 * page, sort or filter, so a ten-million-row result never sits in memory or
 * travels to the UI whole.
 */
export class QueryResults {
  private readonly results = new Map<string, Stored>();

  async run(engine: Engine, sql: string, options: RunOptions): Promise<QueryResult> {
    const started = performance.now();
    const text = stripTrailing(sql);
    if (text === '') throw new WorkbenchError('invalid_input', 'There is no SQL to run.');
    const { statements, singleSelect } = await engine.inspect(text);
    const resultId = randomUUID();
    if (singleSelect) {
      const page = await engine.query(`SELECT * FROM (\n${text}\n) AS q LIMIT ${FIRST_PAGE_ROWS + 1}`, options);
      this.keep(resultId, { sql: text, columns: page.columns });
      const complete = page.rows.length <= FIRST_PAGE_ROWS;
      return {
        resultId,
        statements,
        pageable: true,
        columns: page.columns,
        rows: page.rows.slice(0, FIRST_PAGE_ROWS),
        rowCount: complete ? page.rows.length : null,
        truncated: false,
        seconds: (performance.now() - started) / 1000,
      };
    }
    const result = await engine.script(text, SCRIPT_ROWS, options);
    this.keep(resultId, { sql: null, columns: result.columns });
    return {
      resultId,
      statements,
      pageable: false,
      columns: result.columns,
      rows: result.rows,
      rowCount: result.truncated ? null : result.rows.length,
      truncated: result.truncated,
      seconds: (performance.now() - started) / 1000,
    };
  }

  /** The SQL of a result as the grid shows it: filtered and sorted. */
  select(resultId: string, view: View = {}): string {
    const stored = this.get(resultId);
    if (stored.sql === null) {
      throw new WorkbenchError('invalid_input', 'This result came from a script; run a single SELECT to page, sort, filter, export or profile it.', { resultId });
    }
    const known = new Set(stored.columns.map((c) => c.name));
    const column = (name: string): string => {
      if (!known.has(name)) throw new WorkbenchError('invalid_input', `The result has no column "${name}".`, { column: name });
      return quoteIdent(name);
    };
    const where = (view.filters ?? []).map((filter) => condition(column(filter.column), filter));
    const order = (view.sort ?? []).map((s) => `${column(s.column)} ${s.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`);
    return [
      `SELECT * FROM (\n${stored.sql}\n) AS q`,
      where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
      order.length > 0 ? `ORDER BY ${order.join(', ')}` : '',
    ].filter(Boolean).join(' ');
  }

  columns(resultId: string): ResultColumn[] {
    return this.get(resultId).columns;
  }

  async page(engine: Engine, resultId: string, offset: number, limit: number, view: View): Promise<unknown[][]> {
    const { rows } = await engine.query(`${this.select(resultId, view)} LIMIT ${limit} OFFSET ${offset}`);
    return rows;
  }

  async count(engine: Engine, resultId: string, view: View, options: RunOptions): Promise<number> {
    const { rows } = await engine.query(`SELECT count(*) FROM (${this.select(resultId, { filters: view.filters })})`, options);
    return Number(rows[0]?.[0] ?? 0);
  }

  /** Writes to a temporary file beside the target, then renames: the file is whole or absent. */
  async export(engine: Engine, resultId: string, format: 'csv' | 'parquet', path: string, view: View, options: RunOptions): Promise<void> {
    const partial = `${path}.partial-${process.pid}-${Date.now()}`;
    const copyOptions = format === 'csv' ? '(FORMAT csv, HEADER)' : '(FORMAT parquet, COMPRESSION zstd)';
    try {
      await engine.execute(`COPY (${this.select(resultId, view)}) TO ${quoteLiteral(partial)} ${copyOptions}`, options);
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true, recursive: true });
      throw error;
    }
  }

  close(resultId: string): void {
    this.results.delete(resultId);
  }

  private keep(resultId: string, stored: Stored): void {
    this.results.set(resultId, stored);
    // Results are cheap (SQL text) but not free: forget the oldest.
    while (this.results.size > MAX_RESULTS) this.results.delete(this.results.keys().next().value as string);
  }

  private get(resultId: string): Stored {
    const stored = this.results.get(resultId);
    if (!stored) throw new WorkbenchError('not_found', 'That result is gone (results are kept for the 50 latest queries); run the query again.', { resultId });
    return stored;
  }
}

function condition(column: string, filter: ResultFilter): string {
  if (filter.op === 'is null') return `${column} IS NULL`;
  if (filter.op === 'is not null') return `${column} IS NOT NULL`;
  const value = filter.value;
  if (value === undefined || value === null) throw new WorkbenchError('invalid_input', `The filter "${filter.op}" on ${column} needs a value.`);
  if (filter.op === 'contains') return `contains(lower(CAST(${column} AS VARCHAR)), ${quoteLiteral(String(value).toLowerCase())})`;
  const literal = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : 'NULL') : typeof value === 'boolean' ? String(value) : quoteLiteral(value);
  return `${column} ${filter.op} ${literal}`;
}

/** Drops trailing semicolons and comments, so the statement can sit inside a subquery. */
export function stripTrailing(sql: string): string {
  let text = sql.trim();
  for (;;) {
    const next = text.replace(/;\s*$/, '').replace(/--[^\n']*$/, '').trim();
    if (next === text) return text;
    text = next;
  }
}
