import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, type ResultColumn } from '../../shared/contract';

export interface RunOptions {
  signal?: AbortSignal;
  /** DuckDB's own progress estimate, 0..1, about every 250 ms. */
  onProgress?: (fraction: number) => void;
}

export interface Rows {
  columns: ResultColumn[];
  /** JSON-safe values: big integers and decimals beyond 2^53 come as strings. */
  rows: unknown[][];
}

/** The embedded DuckDB of one workspace, in memory; the user's files are only read. */
export interface Engine {
  query(sql: string, options?: RunOptions): Promise<Rows>;
  /** Runs statements for their effect (views, COPY). */
  execute(sql: string, options?: RunOptions): Promise<void>;
  /** How many statements a script holds, and whether the only one is a SELECT. */
  inspect(sql: string): Promise<{ statements: number; singleSelect: boolean }>;
  /** Runs a script and reads at most `maxRows` rows of its last statement. */
  script(sql: string, maxRows: number, options?: RunOptions): Promise<Rows & { truncated: boolean }>;
  /** Runs `work` on a connection of its own, interrupted when the signal aborts: for streamed reads and appenders. */
  connect<T>(work: (connection: DuckDBConnection) => Promise<T>, options?: RunOptions): Promise<T>;
  close(): void;
}

export interface EngineOptions {
  /** For spilling large sorts and joins to disk. */
  tempDirectory: string;
  threads?: number;
  memoryLimit?: string;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  // Loaded on first use: the native library costs start-up time and memory that a
  // session which never touches data should not pay.
  const { DuckDBInstance, StatementType } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', {
    // Nothing leaves the machine: no extension downloads, no remote files.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    temp_directory: options.tempDirectory,
    ...(options.threads ? { threads: String(options.threads) } : {}),
    ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
    lock_configuration: 'true',
  });

  // One connection per statement batch: cancelling one never disturbs another.
  const withConnection = async <T>(sql: string, runOptions: RunOptions, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> => {
    if (runOptions.signal?.aborted) throw cancelled();
    const connection = await instance.connect();
    const onAbort = (): void => connection.interrupt();
    runOptions.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = runOptions.onProgress
      ? setInterval(() => {
          const { percentage } = connection.progress;
          if (percentage >= 0) runOptions.onProgress?.(Math.min(1, percentage / 100));
        }, 250)
      : undefined;
    try {
      return await work(connection);
    } catch (error) {
      if (runOptions.signal?.aborted) throw cancelled();
      throw toDataError(error, sql);
    } finally {
      clearInterval(timer);
      runOptions.signal?.removeEventListener('abort', onAbort);
      connection.closeSync();
    }
  };

  return {
    query: (sql, runOptions = {}) =>
      withConnection(sql, runOptions, async (connection) => {
        const reader = await connection.runAndReadAll(sql);
        const types = reader.columnTypes();
        return {
          columns: reader.columnNames().map((name, index) => ({ name, type: types[index]?.toString() ?? 'UNKNOWN' })),
          rows: reader.getRowsJson(),
        };
      }),
    execute: (sql, runOptions = {}) =>
      withConnection(sql, runOptions, async (connection) => {
        await connection.run(sql);
      }),
    inspect: (sql) =>
      withConnection(sql, {}, async (connection) => {
        const extracted = await connection.extractStatements(sql);
        if (extracted.count !== 1) return { statements: extracted.count, singleSelect: false };
        const prepared = await extracted.prepare(0);
        return { statements: 1, singleSelect: prepared.statementType === StatementType.SELECT };
      }),
    script: (sql, maxRows, runOptions = {}) =>
      withConnection(sql, runOptions, async (connection) => {
        const reader = await connection.streamAndReadUntil(sql, maxRows + 1);
        const types = reader.columnTypes();
        const rows: unknown[][] = reader.getRowsJson();
        return {
          columns: reader.columnNames().map((name, index) => ({ name, type: types[index]?.toString() ?? 'UNKNOWN' })),
          rows: rows.slice(0, maxRows),
          truncated: rows.length > maxRows,
        };
      }),
    connect: (work, runOptions = {}) => withConnection('', runOptions, work),
    close: () => instance.closeSync(),
  };
}

function cancelled(): WorkbenchError {
  return new WorkbenchError('cancelled', 'The query was cancelled.');
}

/**
 * DuckDB's message, kept whole (it names the line and column), with a stable
 * code: `query_failed`, `out_of_memory`, `disk_full` or `data_unreadable`.
 */
export function toDataError(error: unknown, sql: string): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const position = /LINE (\d+):/.exec(message);
  const details: Record<string, unknown> = { duckdb: message };
  if (position?.[1]) details.line = Number(position[1]);
  if (/Out of Memory Error|could not allocate/i.test(message)) {
    return new WorkbenchError('out_of_memory', `The query ran out of memory: ${firstLine(message)}`, details);
  }
  if (/No space left on device/i.test(message)) {
    return new WorkbenchError('disk_full', `The disk is full: ${firstLine(message)}`, details);
  }
  if (/^(IO|Invalid Input|Conversion) Error/.test(message) && !/^Binder|^Parser|^Catalog/.test(message)) {
    return new WorkbenchError('data_unreadable', message, details);
  }
  return new WorkbenchError('query_failed', message, { ...details, sql: sql.slice(0, 2000) });
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
