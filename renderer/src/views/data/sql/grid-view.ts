import type { ResultColumn, ResultFilter, ResultSort, Scalar } from '../../../../../shared/contract';

export type FilterOp = ResultFilter['op'];
export const filterOps: FilterOp[] = ['=', '!=', '<', '<=', '>', '>=', 'contains', 'is null', 'is not null'];
export const MAX_SORTS = 5;

export function opNeedsValue(op: FilterOp): boolean {
  return op !== 'is null' && op !== 'is not null';
}

/** Header clicks cycle ascending → descending → unsorted; with Shift the column joins the current sort. */
export function nextSort(sorts: ResultSort[], column: string, additive: boolean): ResultSort[] {
  const current = sorts.find((s) => s.column === column)?.direction;
  const next: ResultSort['direction'] | null = current === undefined ? 'asc' : current === 'asc' ? 'desc' : null;
  if (!additive) return next ? [{ column, direction: next }] : [];
  if (current === undefined) return sorts.length >= MAX_SORTS ? sorts : [...sorts, { column, direction: 'asc' }];
  return next ? sorts.map((s) => (s.column === column ? { column, direction: next } : s)) : sorts.filter((s) => s.column !== column);
}

const numericTypes = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/i;

export function isNumericType(type: string): boolean {
  return numericTypes.test(type.trim());
}

/**
 * The filter value typed by the user, as the column's type wants it. Integers
 * beyond 2^53 stay text: DuckDB casts the literal exactly, JavaScript would not.
 */
export function filterValue(type: string, op: FilterOp, text: string): { value: Scalar } | { error: string } {
  if (op === 'contains') return { value: text };
  if (isNumericType(type)) {
    const trimmed = text.trim();
    const number = Number(trimmed);
    if (trimmed === '' || !Number.isFinite(number)) return { error: `“${text}” is not a number.` };
    if (/^-?\d+$/.test(trimmed) && !Number.isSafeInteger(number)) return { value: trimmed };
    return { value: number };
  }
  if (/^BOOL(EAN)?$/i.test(type.trim())) {
    const lower = text.trim().toLowerCase();
    if (lower === 'true' || lower === 'false') return { value: lower === 'true' };
    return { error: 'Type true or false.' };
  }
  return { value: text };
}

export type CellKind = 'null' | 'number' | 'bool' | 'text' | 'nested';

/** How a value shows in the grid: NULL distinct from the text "NULL", numbers aligned right, nested values as JSON. */
export function formatCell(value: unknown, type: string): { text: string; kind: CellKind } {
  if (value === null || value === undefined) return { text: 'NULL', kind: 'null' };
  if (typeof value === 'number' || typeof value === 'bigint') return { text: String(value), kind: 'number' };
  if (typeof value === 'boolean') return { text: String(value), kind: 'bool' };
  if (typeof value === 'string') return { text: value, kind: isNumericType(type) ? 'number' : 'text' };
  return { text: JSON.stringify(value), kind: 'nested' };
}

/** A starting width per column: wide enough for its name and type, narrower for numbers and flags. */
export function columnWidth(column: ResultColumn): number {
  const type = column.type.toUpperCase();
  const byType = isNumericType(type) ? 110 : type === 'BOOLEAN' ? 80 : type === 'DATE' ? 110 : type.startsWith('TIMESTAMP') ? 190 : 170;
  const byName = Math.max(column.name.length, Math.min(type.length, 16)) * 8 + 36;
  return Math.min(360, Math.max(byType, byName));
}

/** Filters as a stable key, to tell when the backend must page and count again. */
export function viewKey(sorts: ResultSort[], filters: ResultFilter[]): string {
  return JSON.stringify([sorts, filters]);
}
