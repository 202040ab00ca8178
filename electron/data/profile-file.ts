import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Profile } from '../../shared/contract';
import { createEngine } from './engine';
import { fingerprintFiles, resolveSource } from './files';
import { coercedSelect, inferCoercions } from './inference';
import { profileRelation } from './profile';
import { readExpression } from './sql';

/** `workbench profile FILE`: the same profile as the app's, on a file outside any workspace. */
export async function profileFile(path: string, options: { targetColumn?: string; signal?: AbortSignal; progress?: (fraction: number, message: string) => void }): Promise<Profile & { unparsed: Record<string, number> }> {
  const absolute = resolve(path);
  const source = resolveSource(absolute, undefined);
  if (source.format === 'duckdb') throw new Error(`${absolute}: profile a table of a DuckDB file from the app, or export it first.`);
  const tempDirectory = mkdtempSync(join(tmpdir(), 'workbench-profile-'));
  const engine = await createEngine({ tempDirectory });
  try {
    const from = readExpression(source.format, source.location);
    const described = await engine.query(`DESCRIBE SELECT * FROM ${from}`);
    const columns = described.rows.map(([name, type]) => ({ name: String(name), type: String(type), unparsed: 0 }));
    const { coercions, unparsed } = await inferCoercions(engine, source.format, from, columns, options.signal);
    const typed = columns.map((c) => ({ name: c.name, type: coercions.find((k) => k.column === c.name)?.type ?? c.type }));
    const profile = await profileRelation(engine, {
      relation: `(${coercedSelect(from, coercions)})`,
      source: absolute,
      fingerprint: fingerprintFiles(source.files),
      columns: typed,
      materialize: source.format !== 'parquet',
      targetColumn: options.targetColumn,
      signal: options.signal ?? new AbortController().signal,
      progress: options.progress ?? (() => undefined),
    });
    return { ...profile, cached: false, unparsed: Object.fromEntries(unparsed) };
  } finally {
    engine.close();
    rmSync(tempDirectory, { recursive: true, force: true });
  }
}
