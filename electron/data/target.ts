import { WorkbenchError, type ColumnProfile } from '../../shared/contract';
import { contingencySql, cramersFrom, MAX_CATEGORY_VALUES } from './correlations';
import type { Engine, RunOptions } from './engine';
import { histogramSql, readHistogram, type ProfiledColumn } from './profile-sql';
import { quoteLiteral } from './sql';

const MAX_GROUPS = 10;
const NUMERIC_TARGET_BINS = 5;

export interface TargetAssociation {
  column: string;
  sampleRows: number;
  columns: {
    name: string;
    kind: 'numeric' | 'category';
    bins: (number | string)[];
    groups: { target: string; counts: number[] }[];
    strength: number | null;
  }[];
}

/**
 * Each column's distribution split by the target's values, as Orange's Feature
 * Statistics shows it, with a strength of association: the correlation ratio
 * (eta) for numbers, Cramér's V for categories.
 */
export async function targetAssociation(
  engine: Engine,
  relation: string,
  sampleRows: number,
  columns: readonly ProfiledColumn[],
  profiles: readonly ColumnProfile[],
  targetName: string,
  options: RunOptions,
): Promise<TargetAssociation> {
  const index = columns.findIndex((c) => c.name === targetName);
  const target = columns[index];
  const targetProfile = profiles[index];
  if (!target || !targetProfile) throw new WorkbenchError('invalid_input', `There is no column "${targetName}" to use as the target.`, { column: targetName });

  const label = targetLabel(target, targetProfile);
  const groupRows = await engine.query(
    `SELECT ${label} AS g, count(*) AS n FROM ${relation} WHERE ${label} IS NOT NULL GROUP BY 1 ORDER BY n DESC, g LIMIT ${MAX_GROUPS}`,
    options,
  );
  const groups = groupRows.rows.map(([g]) => String(g));
  const inGroups = `${label} IN (${groups.map(quoteLiteral).join(', ') || 'NULL'})`;

  const result: TargetAssociation['columns'] = [];
  for (const [i, column] of columns.entries()) {
    const profile = profiles[i];
    if (i === index || !profile) continue;
    if (profile.kind === 'numeric') {
      const edges = profile.histogram.edges;
      const { rows } = await engine.query(
        `SELECT ${label} AS g, ${histogramSql(column.expr, edges)} AS h, count(${column.expr}) AS n, avg(${column.expr}) AS m
         FROM ${relation} WHERE ${inGroups} GROUP BY 1`,
        options,
      );
      const byGroup = new Map(rows.map(([g, h, n, m]) => [String(g), { counts: readHistogram(h, edges).counts, n: Number(n), mean: Number(m) }]));
      result.push({
        name: column.name,
        kind: 'numeric',
        bins: edges,
        groups: groups.map((g) => ({ target: g, counts: byGroup.get(g)?.counts ?? new Array<number>(Math.max(0, edges.length - 1)).fill(0) })),
        strength: correlationRatio([...byGroup.values()], profile.mean, profile.std, profile.count),
      });
    } else if (profile.kind === 'category') {
      const values = profile.top.map((t) => t.value);
      const { rows } = await engine.query(
        `SELECT ${label} AS g, ${column.expr} AS v, count(*) AS n FROM ${relation}
         WHERE ${inGroups} AND ${column.expr} IN (${values.map(quoteLiteral).join(', ') || 'NULL'}) GROUP BY 1, 2`,
        options,
      );
      const counts = new Map(rows.map(([g, v, n]) => [`${String(g)}\0${String(v)}`, Number(n)]));
      result.push({
        name: column.name,
        kind: 'category',
        bins: values,
        groups: groups.map((g) => ({ target: g, counts: values.map((v) => counts.get(`${g}\0${v}`) ?? 0) })),
        strength: profile.distinct <= MAX_CATEGORY_VALUES ? await cramers(engine, relation, column.expr, label, options) : null,
      });
    }
  }
  return { column: targetName, sampleRows, columns: result };
}

/** Text labels for the target: its values, or ranges when it is a many-valued number. */
function targetLabel(target: ProfiledColumn, profile: ColumnProfile): string {
  if (profile.kind !== 'numeric' || profile.distinct <= 20 || profile.min === null || profile.max === null || profile.min === profile.max) {
    return target.kind === 'category' ? target.expr : `CAST(${target.expr} AS VARCHAR)`;
  }
  const width = (profile.max - profile.min) / NUMERIC_TARGET_BINS;
  const bin = `least(floor((${target.expr} - ${profile.min}) / ${width}), ${NUMERIC_TARGET_BINS - 1})`;
  return `CASE WHEN ${target.expr} IS NULL THEN NULL ELSE printf('%.4g to %.4g', ${profile.min} + ${bin} * ${width}, ${profile.min} + (${bin} + 1) * ${width}) END`;
}

function correlationRatio(groups: { n: number; mean: number }[], mean: number | null, std: number | null, count: number): number | null {
  if (mean === null || std === null || std === 0 || count < 2) return null;
  const between = groups.reduce((sum, g) => sum + (Number.isFinite(g.mean) ? g.n * (g.mean - mean) ** 2 : 0), 0);
  const total = std * std * (count - 1);
  return Math.min(1, Math.sqrt(between / total));
}

async function cramers(engine: Engine, relation: string, a: string, b: string, options: RunOptions): Promise<number | null> {
  const { rows } = await engine.query(contingencySql(relation, a, b, 'target'), options);
  return cramersFrom((rows[0] ?? []).slice(1));
}
