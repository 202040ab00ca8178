import { totalmem } from 'node:os';
import type { Engine, RunOptions } from './engine';
import { scratchTable } from './sql';

/** Text files up to this many bytes are kept parsed in memory (DuckDB spills past its limit). */
export const CACHE_MAX_BYTES = Math.floor(totalmem() / 4);

/**
 * Text datasets (CSV, JSON) parsed once into DuckDB tables, for the latest few
 * used. A CSV is slow to parse and a profile or chart scans its data several
 * times; Parquet needs no such copy. Keys carry the files' fingerprint, so a
 * changed file is parsed again.
 */
export class TableCache {
  private readonly tables = new Map<string, string>();

  constructor(private readonly capacity = 2) {}

  /** The table for `key`, made from `select` when missing. */
  async table(engine: Engine, key: string, select: string, options: RunOptions = {}): Promise<string> {
    const hit = this.tables.get(key);
    if (hit) {
      this.tables.delete(key);
      this.tables.set(key, hit);
      return hit;
    }
    const table = await scratchTable(engine, 'cache');
    await engine.execute(`CREATE TABLE ${table} AS ${select}`, options);
    await this.put(engine, key, table);
    return table;
  }

  /** Takes ownership of a table made elsewhere (by adding a dataset). */
  async put(engine: Engine, key: string, table: string): Promise<void> {
    this.tables.set(key, table);
    while (this.tables.size > this.capacity) {
      const [oldest, name] = this.tables.entries().next().value as [string, string];
      this.tables.delete(oldest);
      await engine.execute(`DROP TABLE IF EXISTS ${name}`).catch(() => undefined);
    }
  }

  /** Drops the tables whose key starts with `prefix` (a removed dataset's id). */
  async forget(engine: Engine, prefix: string): Promise<void> {
    for (const [key, name] of [...this.tables]) {
      if (!key.startsWith(prefix)) continue;
      this.tables.delete(key);
      await engine.execute(`DROP TABLE IF EXISTS ${name}`).catch(() => undefined);
    }
  }
}
