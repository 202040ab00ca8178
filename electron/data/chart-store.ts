import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { chartSourceSchema, chartSpecSchema, WorkbenchError, type ChartSource, type ChartSpec, type SavedChart } from '../../shared/contract';

interface Row {
  id: string;
  name: string;
  source: string;
  spec: string;
  created_at: string;
  updated_at: string;
}

/** Saved charts: the `charts` table of the workspace store, a source and a spec as JSON each. */
export class ChartStore {
  constructor(private readonly db: Database.Database) {}

  /** By name; a row this version cannot read (written by a newer one) is left out, not fatal. */
  list(): SavedChart[] {
    const rows = this.db.prepare('SELECT * FROM charts ORDER BY name COLLATE NOCASE, created_at').all() as Row[];
    return rows.flatMap((row) => {
      const chart = fromRow(row);
      return chart ? [chart] : [];
    });
  }

  save(input: { id?: string; name: string; source: ChartSource; spec: ChartSpec }): SavedChart {
    const now = new Date().toISOString();
    const source = JSON.stringify(input.source);
    const spec = JSON.stringify(input.spec);
    if (input.id !== undefined) {
      const changed = this.db
        .prepare('UPDATE charts SET name = ?, source = ?, spec = ?, updated_at = ? WHERE id = ?')
        .run(input.name, source, spec, now, input.id).changes;
      if (changed === 0) throw notFound(input.id);
      return this.get(input.id);
    }
    const id = randomUUID();
    this.db.prepare('INSERT INTO charts (id, name, source, spec, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, input.name, source, spec, now, now);
    return this.get(id);
  }

  get(id: string): SavedChart {
    const row = this.db.prepare('SELECT * FROM charts WHERE id = ?').get(id) as Row | undefined;
    const chart = row ? fromRow(row) : null;
    if (!chart) throw notFound(id);
    return chart;
  }

  delete(id: string): void {
    if (this.db.prepare('DELETE FROM charts WHERE id = ?').run(id).changes === 0) throw notFound(id);
  }
}

function notFound(id: string): WorkbenchError {
  return new WorkbenchError('not_found', `There is no saved chart "${id}"; it may have been deleted.`, { id });
}

function fromRow(row: Row): SavedChart | null {
  const source = chartSourceSchema.safeParse(safeJson(row.source));
  const spec = chartSpecSchema.safeParse(safeJson(row.spec));
  if (!source.success || !spec.success) return null;
  return { id: row.id, name: row.name, source: source.data, spec: spec.data, createdAt: row.created_at, updatedAt: row.updated_at };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
