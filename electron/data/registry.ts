import type Database from 'better-sqlite3';
import { z } from 'zod';
import { columnInfoSchema, WorkbenchError, type Dataset, type DataFormat } from '../../shared/contract';

/** How to read a dataset again: the workbench's own notes, stored beside it. */
export const readSpecSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('files'),
    coercions: z.array(z.object({ column: z.string(), type: z.enum(['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP']) })),
  }),
  z.object({ kind: z.literal('duckdb'), path: z.string(), table: z.string() }),
  z.object({ kind: z.literal('view'), sql: z.string() }),
]);
export type ReadSpec = z.infer<typeof readSpecSchema>;

export interface StoredDataset extends Dataset {
  readSpec: ReadSpec;
}

interface Row {
  id: string;
  name: string;
  description: string;
  format: string;
  location: string;
  read_spec: string;
  fingerprint: string;
  columns: string;
  row_count: number;
  created_at: string;
  updated_at: string;
}

/** The datasets table of the workspace store: references, never the data. */
export class DatasetRegistry {
  constructor(private readonly db: Database.Database) {}

  list(): StoredDataset[] {
    return (this.db.prepare('SELECT * FROM datasets ORDER BY name COLLATE NOCASE').all() as Row[]).map(fromRow);
  }

  /** By id, or by name (case-insensitive, as SQL sees it). */
  get(idOrName: string): StoredDataset {
    const row = this.db.prepare('SELECT * FROM datasets WHERE id = ? OR name = ? COLLATE NOCASE').get(idOrName, idOrName) as Row | undefined;
    if (!row) throw new WorkbenchError('not_found', `There is no dataset "${idOrName}".`, { dataset: idOrName });
    return fromRow(row);
  }

  nameTaken(name: string, exceptId = ''): boolean {
    return this.db.prepare('SELECT 1 FROM datasets WHERE name = ? COLLATE NOCASE AND id != ?').get(name, exceptId) !== undefined;
  }

  insert(dataset: StoredDataset): void {
    if (this.nameTaken(dataset.name)) {
      throw new WorkbenchError('dataset_exists', `A dataset named "${dataset.name}" exists already; choose another name.`, { name: dataset.name });
    }
    this.db
      .prepare(`INSERT INTO datasets (id, name, description, format, location, read_spec, fingerprint, columns, row_count, created_at, updated_at)
        VALUES (@id, @name, @description, @format, @location, @readSpec, @fingerprint, @columns, @rowCount, @createdAt, @updatedAt)`)
      .run(toParams(dataset));
  }

  update(id: string, changes: { name?: string; description?: string }): StoredDataset {
    const current = this.get(id);
    const name = changes.name ?? current.name;
    if (changes.name !== undefined && this.nameTaken(name, id)) {
      throw new WorkbenchError('dataset_exists', `A dataset named "${name}" exists already; choose another name.`, { name });
    }
    const next = { ...current, name, description: changes.description ?? current.description, updatedAt: new Date().toISOString() };
    this.db.prepare('UPDATE datasets SET name = @name, description = @description, updated_at = @updatedAt WHERE id = @id').run(toParams(next));
    return next;
  }

  setFingerprint(id: string, fingerprint: string): StoredDataset {
    this.db.prepare('UPDATE datasets SET fingerprint = ?, updated_at = ? WHERE id = ?').run(fingerprint, new Date().toISOString(), id);
    return this.get(id);
  }

  setRowCount(id: string, rowCount: number): void {
    this.db.prepare('UPDATE datasets SET row_count = ? WHERE id = ?').run(rowCount, id);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id);
  }
}

function fromRow(row: Row): StoredDataset {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    format: row.format as DataFormat,
    location: row.location,
    fingerprint: row.fingerprint,
    columns: z.array(columnInfoSchema).parse(JSON.parse(row.columns)),
    rowCount: row.row_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    readSpec: readSpecSchema.parse(JSON.parse(row.read_spec)),
  };
}

function toParams(dataset: StoredDataset): Record<string, string | number> {
  return {
    id: dataset.id,
    name: dataset.name,
    description: dataset.description,
    format: dataset.format,
    location: dataset.location,
    readSpec: JSON.stringify(dataset.readSpec),
    fingerprint: dataset.fingerprint,
    columns: JSON.stringify(dataset.columns),
    rowCount: dataset.rowCount,
    createdAt: dataset.createdAt,
    updatedAt: dataset.updatedAt,
  };
}

export function publicDataset({ readSpec: _readSpec, ...dataset }: StoredDataset): Dataset {
  return dataset;
}
