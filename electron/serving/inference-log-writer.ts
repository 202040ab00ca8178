import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setImmediate as nextTick } from 'node:timers/promises';
import type { SegmentBuffer, Staged } from './inference-log-buffer';
import { ParquetEncoder, type ParquetColumn } from './parquet-encoder';

/** Past this many rows a segment yields to the event loop between columns: a large flush must not hold the requests waiting behind it. */
const YIELD_ROWS = 20_000;

/** A staged column as the encoder takes it: whole numbers written as BIGINT, the timestamp as TIMESTAMP. */
function toParquet(name: string, column: Staged, final: string): ParquetColumn {
  switch (column.kind) {
    case 'double':
      return { name, kind: final === 'TIMESTAMP' ? 'timestamp_ms' : final === 'BIGINT' ? 'int64' : 'double', values: column.values };
    case 'code':
      return { name, kind: 'dictionary', codes: column.codes, dictionary: column.dictionary, nulls: column.nulls };
    case 'text':
      return { name, kind: 'text', values: column.values };
    case 'boolean':
      return { name, kind: 'boolean', values: column.values };
    case 'runs': {
      const { lengths, values, count } = column;
      return values instanceof Float64Array ? { name, kind: final === 'TIMESTAMP' ? 'timestamp-runs' : 'int64-runs', lengths, values, count } : { name, kind: 'text-runs', lengths, values, count };
    }
  }
}

/**
 * Writes segments with the hand-written Parquet encoder (see
 * parquet-encoder.ts for why not DuckDB): the file is written to a temporary
 * name in the target's folder, synced and then renamed into place, so a
 * reader never sees half a segment.
 */
export class SegmentWriter {
  /** Writes the buffer's rows to `target`; answers the rows and bytes written. */
  async write(target: string, buffer: SegmentBuffer): Promise<{ rows: number; bytes: number }> {
    const { rows, schema } = buffer;
    const names = ['ts', 'request_id', 'model_version', ...schema.columns.map((column) => column.name)];
    const finals = ['TIMESTAMP', 'VARCHAR', 'BIGINT', ...schema.columns.map((column) => column.final)];
    const encoder = new ParquetEncoder(rows);
    const staged = buffer.staged();
    for (let i = 0; i < staged.length; i++) {
      encoder.add(toParquet(names[i] as string, staged[i] as Staged, finals[i] as string));
      if (rows >= YIELD_ROWS) await nextTick();
    }
    const parts = encoder.finish();
    const temporary = join(dirname(target), `.${basename(target)}.tmp`);
    try {
      await mkdir(dirname(target), { recursive: true });
      const handle = await open(temporary, 'w');
      let bytes: number;
      try {
        bytes = await writeAll(handle, parts);
        // Synced before the rename: a crash must not leave a segment that names a file with no data in it.
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
      return { rows, bytes };
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** Nothing to release: kept for the callers that close their writer. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** writev, again from where a short write stopped. */
async function writeAll(handle: FileHandle, parts: Buffer[]): Promise<number> {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  let written = 0;
  let rest = [...parts];
  while (written < total) {
    const { bytesWritten } = await handle.writev(rest);
    if (bytesWritten <= 0) throw new Error(`writing ${total} bytes stopped after ${written}`);
    written += bytesWritten;
    let skip = bytesWritten;
    while (rest.length > 0 && skip >= (rest[0] as Buffer).length) skip -= (rest.shift() as Buffer).length;
    if (skip > 0 && rest.length > 0) rest = [(rest[0] as Buffer).subarray(skip), ...rest.slice(1)];
  }
  return total;
}
