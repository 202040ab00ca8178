import type { ChartKind, ChartSpecInput, ResultColumn } from '../../../../../shared/contract';

export type ColumnKind = 'number' | 'date' | 'text';

// The same split as the backend's: DuckDB's numeric and date/time type names.
const numericTypes = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;
const dateTypes = /^(DATE|TIMESTAMP)/;

export function columnKind(type: string): ColumnKind {
  if (numericTypes.test(type)) return 'number';
  if (dateTypes.test(type)) return 'date';
  return 'text';
}

export type Role = 'x' | 'y' | 'color' | 'facet';

interface KindRules {
  label: string;
  x: ColumnKind[];
  /** null: the kind takes no y. */
  y: ColumnKind[] | null;
  yRequired: boolean;
  bins: boolean;
  aggregate: boolean;
  xLabel: string;
}

const all: ColumnKind[] = ['number', 'date', 'text'];

export const kindRules: Record<ChartKind, KindRules> = {
  histogram: { label: 'Histogram', x: ['number', 'date'], y: null, yRequired: false, bins: true, aggregate: false, xLabel: 'Column' },
  box: { label: 'Box plot', x: ['number'], y: null, yRequired: false, bins: false, aggregate: false, xLabel: 'Column' },
  violin: { label: 'Violin plot', x: ['number'], y: null, yRequired: false, bins: false, aggregate: false, xLabel: 'Column' },
  bar: { label: 'Bar chart', x: all, y: ['number'], yRequired: false, bins: false, aggregate: true, xLabel: 'Categories (x)' },
  scatter: { label: 'Scatter plot', x: ['number', 'date'], y: ['number', 'date'], yRequired: true, bins: true, aggregate: false, xLabel: 'x' },
  line: { label: 'Line chart', x: ['number', 'date'], y: ['number'], yRequired: false, bins: true, aggregate: true, xLabel: 'x (time or number)' },
};

/** The columns that suit a role in a kind of chart; colour and facet take any column. */
export function columnsFor(kind: ChartKind, role: Role, columns: readonly ResultColumn[]): ResultColumn[] {
  const rules = kindRules[kind];
  const allowed = role === 'x' ? rules.x : role === 'y' ? (rules.y ?? []) : all;
  return columns.filter((c) => allowed.includes(columnKind(c.type)));
}

/**
 * Keeps a spec drawable after the kind or the source changed: columns that no
 * longer fit are dropped (x falls back to the first that fits), and so are
 * the settings the kind does not use.
 */
export function fitSpec(spec: ChartSpecInput, columns: readonly ResultColumn[]): ChartSpecInput {
  const rules = kindRules[spec.kind];
  const fits = (role: Role, name: string | undefined): string | undefined =>
    name !== undefined && columnsFor(spec.kind, role, columns).some((c) => c.name === name) ? name : undefined;
  const x = fits('x', spec.x) ?? columnsFor(spec.kind, 'x', columns)[0]?.name ?? '';
  const y = rules.y ? fits('y', spec.y) : undefined;
  const aggregate = rules.aggregate && (y !== undefined || spec.aggregate === 'count') ? spec.aggregate : undefined;
  return {
    kind: spec.kind,
    x,
    ...(y !== undefined ? { y } : {}),
    ...(fits('color', spec.color) !== undefined ? { color: spec.color } : {}),
    ...(fits('facet', spec.facet) !== undefined ? { facet: spec.facet } : {}),
    ...(spec.bins !== undefined ? { bins: spec.bins } : {}),
    ...(aggregate !== undefined ? { aggregate } : {}),
  };
}

/** Whether the spec has what the backend needs to draw it. */
export function drawable(spec: ChartSpecInput): boolean {
  return spec.x !== '' && (!kindRules[spec.kind].yRequired || spec.y !== undefined);
}

/** A name for a new chart, from what it shows. */
export function defaultName(spec: ChartSpecInput): string {
  const what = spec.y !== undefined ? `${spec.y} by ${spec.x}` : spec.x;
  const by = spec.color !== undefined ? ` by ${spec.color}` : '';
  return `${kindRules[spec.kind].label} of ${what}${by}`;
}
