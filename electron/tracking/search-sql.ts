import type Database from 'better-sqlite3';
import type { ViewType } from './experiments';
import { PARENT_RUN_TAG, RUN_COLUMNS, runInfoFromRow, type RunInfo } from './runs';
import type { Clause, OrderTerm } from './search-filter';

/**
 * Run searches as SQL: each clause becomes `run_id IN (...)` over the table
 * holding its entity (latest metrics, params, tags, inputs), each order term a LEFT JOIN,
 * and only one page of runs comes back; so 10,000 runs never pass through JS.
 * Values are always bound, never spliced into the SQL.
 */
export interface RunSearch {
  /** `active`: every active experiment. */
  experimentIds: readonly string[] | 'active';
  view: ViewType;
  clauses: readonly Clause[];
  order: readonly OrderTerm[];
  includeChildren: boolean;
  offset: number;
  limit: number;
}

type Bind = string | number;

const ATTRIBUTE_COLUMNS: Record<string, string> = {
  run_id: 'r.run_id',
  run_name: 'r.name',
  status: 'r.status',
  user_id: 'r.user_id',
  artifact_uri: 'r.artifact_uri',
  lifecycle_stage: 'r.lifecycle_stage',
  start_time: 'r.start_time',
  end_time: 'r.end_time',
};
const TABLES = { param: 'tracking_params', tag: 'tracking_tags', metric: 'tracking_latest_metrics' } as const;

/** SQL LIKE's `%` and `_` as GLOB's `*` and `?`: GLOB is case-sensitive, as MLflow's LIKE is (SQLite's LIKE is not). */
export function likeToGlob(pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '%') out += '*';
    else if (ch === '_') out += '?';
    else if (ch === '*' || ch === '?' || ch === '[') out += `[${ch}]`;
    else out += ch;
  }
  return out;
}

/** `column <op> value` for one clause; a number compared with a param or tag is compared as a number. */
function condition(column: string, clause: Clause, binds: Bind[]): string {
  const { op, value } = clause;
  switch (op) {
    case 'IS NULL':
      return `${column} IS NULL`;
    case 'IS NOT NULL':
      return `${column} IS NOT NULL`;
    case 'LIKE':
      binds.push(likeToGlob(String(value)));
      return `${column} GLOB ?`;
    case 'ILIKE':
      binds.push(String(value));
      return `${column} LIKE ?`;
    case 'IN':
    case 'NOT IN':
      binds.push(JSON.stringify(value));
      return `${column} ${op} (SELECT value FROM json_each(?))`;
    default: {
      binds.push(value as Bind);
      const numericText = typeof value === 'number' && (clause.entity === 'param' || clause.entity === 'tag');
      return `${numericText ? `tracking_number(${column})` : column} ${op} ?`;
    }
  }
}

function clauseSql(clause: Clause, binds: Bind[]): string {
  if (clause.entity === 'attribute') {
    const column = ATTRIBUTE_COLUMNS[clause.key] ?? 'NULL';
    return condition(column, clause, binds);
  }
  if (clause.entity === 'dataset') {
    return `r.run_id IN (SELECT d.run_id FROM tracking_run_inputs d WHERE ${condition(`d.${clause.key}`, clause, binds)})`;
  }
  // Set-based: the rows of that key (through its (key, value) index) give the matching run ids, which SQLite
  // keeps in an ephemeral index; far cheaper than one correlated lookup per run at 10,000 runs.
  const table = TABLES[clause.entity];
  binds.push(clause.key);
  if (clause.op === 'IS NULL' || clause.op === 'IS NOT NULL') {
    return `r.run_id ${clause.op === 'IS NULL' ? 'NOT IN' : 'IN'} (SELECT x.run_id FROM ${table} x WHERE x.key = ?)`;
  }
  const nan = clause.entity === 'metric' ? ' AND x.is_nan = 0' : '';
  return `r.run_id IN (SELECT x.run_id FROM ${table} x WHERE x.key = ?${nan} AND ${condition('x.value', clause, binds)})`;
}

function whereSql(search: RunSearch, binds: Bind[]): string {
  const parts: string[] = [];
  if (search.experimentIds === 'active') {
    parts.push(`r.experiment_id IN (SELECT experiment_id FROM tracking_experiments WHERE lifecycle_stage = 'active')`);
  } else {
    binds.push(JSON.stringify(search.experimentIds.filter((id) => /^\d{1,15}$/.test(id)).map(Number)));
    parts.push('r.experiment_id IN (SELECT value FROM json_each(?))');
  }
  if (search.view !== 'all') {
    binds.push(search.view);
    parts.push('r.lifecycle_stage = ?');
  }
  if (!search.includeChildren) {
    binds.push(PARENT_RUN_TAG);
    parts.push('r.run_id NOT IN (SELECT c.run_id FROM tracking_tags c WHERE c.key = ?)');
  }
  for (const clause of search.clauses) parts.push(clauseSql(clause, binds));
  return parts.join(' AND ');
}

function orderSql(order: readonly OrderTerm[], binds: Bind[]): { joins: string; orderBy: string } {
  const joins: string[] = [];
  const terms: string[] = [];
  order.forEach((term, index) => {
    const direction = term.ascending ? 'ASC' : 'DESC';
    if (term.entity === 'attribute') {
      const column = ATTRIBUTE_COLUMNS[term.key] ?? 'r.start_time';
      terms.push(`${column} IS NULL`, `${column} ${direction}`);
      return;
    }
    const alias = `o${index}`;
    binds.push(term.key);
    joins.push(`LEFT JOIN ${TABLES[term.entity]} ${alias} ON ${alias}.run_id = r.run_id AND ${alias}.key = ?`);
    // Runs without the key (and NaN metrics) go last whichever the direction, as in MLflow.
    const missing = term.entity === 'metric' ? `(${alias}.value IS NULL OR ${alias}.is_nan = 1)` : `${alias}.value IS NULL`;
    terms.push(missing, `${alias}.value ${direction}`);
  });
  terms.push('r.start_time DESC', 'r.run_id ASC');
  return { joins: joins.join(' '), orderBy: terms.join(', ') };
}

/** Registers the helper the SQL above uses: a param or tag value as a number, or NULL when it is not one. */
export function registerSearchFunctions(db: Database.Database): void {
  db.function('tracking_number', { deterministic: true }, (value: unknown) => {
    if (typeof value === 'number') return value;
    if (typeof value !== 'string' || value.trim() === '') return null;
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  });
}

export function searchRunPage(db: Database.Database, search: RunSearch): { runs: RunInfo[]; total: number } {
  const orderBinds: Bind[] = [];
  const { joins, orderBy } = orderSql(search.order, orderBinds);
  const whereBinds: Bind[] = [];
  const where = whereSql(search, whereBinds);
  const rows = db
    .prepare(`SELECT ${RUN_COLUMNS} FROM tracking_runs r ${joins} WHERE ${where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`)
    .all(...orderBinds, ...whereBinds, search.limit, search.offset) as Parameters<typeof runInfoFromRow>[0][];
  const total = (db.prepare(`SELECT count(*) AS n FROM tracking_runs r WHERE ${where}`).get(...whereBinds) as { n: number }).n;
  return { runs: rows.map(runInfoFromRow), total };
}

/** Below this many matching runs, their rows are read directly; above, each known key is probed for one matching run. */
const DIRECT_KEYS_LIMIT = 2000;

/** Every distinct key of a table, by hopping along its (key, ...) index: one lookup per key, not one per row. */
function distinctKeys(db: Database.Database, table: string): string[] {
  const rows = db
    .prepare(`WITH RECURSIVE k(key) AS (SELECT min(key) FROM ${table} UNION ALL SELECT (SELECT min(key) FROM ${table} WHERE key > k.key) FROM k WHERE k.key IS NOT NULL)
      SELECT key FROM k WHERE key IS NOT NULL`)
    .all() as { key: string }[];
  return rows.map((row) => row.key);
}

/** Every param, metric and tag key of the runs that match (all pages): the columns a table can offer. */
export function searchKeys(db: Database.Database, search: RunSearch, total: number, directLimit = DIRECT_KEYS_LIMIT): { params: string[]; metrics: string[]; tags: string[] } {
  const binds: Bind[] = [];
  const where = whereSql(search, binds);
  const keys = (table: string): string[] => {
    if (total === 0) return [];
    if (total <= directLimit) {
      const matching = `SELECT r.run_id FROM tracking_runs r WHERE ${where}`;
      return (db.prepare(`SELECT DISTINCT key FROM ${table} WHERE run_id IN (${matching}) ORDER BY key`).all(...binds) as { key: string }[]).map((row) => row.key);
    }
    // Many matches: a key's rows soon reach a matching run. CROSS JOIN keeps the key's index as the outer loop.
    const probe = db.prepare(`SELECT 1 FROM ${table} x CROSS JOIN tracking_runs r ON r.run_id = x.run_id WHERE x.key = ? AND ${where} LIMIT 1`);
    return distinctKeys(db, table).filter((key) => probe.get(key, ...binds) !== undefined);
  };
  return { params: keys(TABLES.param), metrics: keys(TABLES.metric), tags: keys(TABLES.tag) };
}
