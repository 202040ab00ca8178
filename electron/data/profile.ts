import type { ColumnProfile, Histogram, Profile, ResultColumn } from '../../shared/contract';
import { cramersV, pearson, spearman } from './correlations';
import type { Engine } from './engine';
import {
  classify,
  equalWidthEdges,
  EXACT_ROWS,
  histogramsSql,
  isoFromMs,
  num,
  quantilesFrom,
  readSummary,
  summarySql,
  topValuesSql,
  type ProfiledColumn,
  type Summary,
} from './profile-sql';
import { scratchTable } from './sql';
import { targetAssociation } from './target';

/** Correlations and the target split use a uniform sample of this many rows past it. */
export const SAMPLE_ROWS = 100_000;
/** Past this many rows the sample is drawn in two stages (see `sampleSql`). */
const TWO_STAGE_ROWS = 20 * SAMPLE_ROWS;

/**
 * SAMPLE_ROWS rows of `relation`. A reservoir over ten million rows reads all
 * of them (0.8 s); past TWO_STAGE_ROWS it draws from a system sample of about
 * ten times as many rows instead: whole vectors of 2,048 rows, several hundred
 * of them spread over the table, which DuckDB reads without touching the rest
 * (0.3 s). Rows within a vector are neighbours, so on sorted data this sample
 * is a little less even than a reservoir's; for correlations that is harmless.
 */
export function sampleSql(relation: string, rows: number): string {
  const reservoir = `USING SAMPLE reservoir(${SAMPLE_ROWS} ROWS) REPEATABLE (42)`;
  if (rows <= TWO_STAGE_ROWS) return `SELECT * FROM ${relation} ${reservoir}`;
  const percent = Math.min(100, (100 * 10 * SAMPLE_ROWS) / rows).toFixed(4);
  return `SELECT * FROM (SELECT * FROM ${relation} USING SAMPLE ${percent}% (system, 42)) ${reservoir}`;
}

export interface ProfileRequest {
  /** A relation to read: a view name or a parenthesised SELECT. */
  relation: string;
  source: string;
  fingerprint: string;
  columns: readonly ResultColumn[];
  /** Text files and queries are copied into a scratch table first: one parse instead of four. */
  materialize: boolean;
  targetColumn?: string;
  signal: AbortSignal;
  progress: (fraction: number, message: string) => void;
}

/**
 * A column profile computed inside DuckDB in a few scans: one for counts,
 * moments, distinct counts and quantiles; one for histograms; one GROUP BY per
 * category column for top values; then correlations on a sample.
 */
export async function profileRelation(engine: Engine, request: ProfileRequest): Promise<Omit<Profile, 'cached'>> {
  const started = performance.now();
  const { signal } = request;
  const temp: string[] = [];
  const drop = async (): Promise<void> => {
    for (const table of temp) await engine.execute(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  };
  try {
    let relation = request.relation;
    if (request.materialize) {
      request.progress(0.02, 'Reading the data');
      relation = await scratchTable(engine, 'profile_data');
      await engine.execute(`CREATE TABLE ${relation} AS SELECT * FROM ${request.relation}`, { signal, onProgress: (f) => request.progress(0.02 + 0.28 * f, 'Reading the data') });
      temp.push(relation);
    }
    const columns = request.columns.map((c) => classify(c.name, c.type));
    request.progress(0.3, 'Counting, moments and quantiles');
    const first = await engine.query(`SELECT count(*) FROM ${relation}`, { signal });
    const exact = Number(first.rows[0]?.[0] ?? 0) <= EXACT_ROWS;
    const summaryRows = await engine.query(summarySql(relation, columns, exact), { signal });
    const summary = readSummary(summaryRows.columns.map((c) => c.name), summaryRows.rows[0] ?? []);

    request.progress(0.55, 'Histograms and top values');
    const edges = columns.map((c, i) => (c.kind === 'category' ? [] : equalWidthEdges(num(summary.get(i, 'lo')), num(summary.get(i, 'hi')))));
    const histograms = await histogramsOf(engine, relation, columns, edges, signal);
    const tops = await topValues(engine, relation, columns, signal);
    const profiles = columns.map((c, i) => columnProfile(c, i, summary, exact, histograms[i] ?? { edges: [], counts: [] }, tops.get(i) ?? { values: [], distinct: 0 }));

    request.progress(0.75, 'Correlations');
    let sample = relation;
    let sampleRows = summary.rows;
    if (summary.rows > SAMPLE_ROWS) {
      sample = await scratchTable(engine, 'profile_sample');
      await engine.execute(`CREATE TABLE ${sample} AS ${sampleSql(relation, summary.rows)}`, { signal });
      temp.push(sample);
      sampleRows = SAMPLE_ROWS;
    }
    const numeric = columns.filter((c) => c.kind === 'numeric');
    const categories = columns.filter((c) => c.kind === 'category');
    const distinct = categories.map((c) => profiles[columns.indexOf(c)]?.distinct ?? 0);
    const correlations = {
      pearson: await pearson(engine, sample, numeric, { signal }),
      spearman: await spearman(engine, sample, numeric, { signal }),
      cramersV: await cramersV(engine, sample, categories, distinct, { signal }),
      sampleRows,
      exact: sampleRows === summary.rows,
    };

    let target = null;
    if (request.targetColumn) {
      request.progress(0.9, `Splitting by ${request.targetColumn}`);
      target = await targetAssociation(engine, summary.rows > EXACT_ROWS ? sample : relation, summary.rows > EXACT_ROWS ? sampleRows : summary.rows, columns, profiles, request.targetColumn, { signal });
    }
    return {
      source: request.source,
      fingerprint: request.fingerprint,
      rowCount: summary.rows,
      columns: profiles,
      correlations,
      target,
      computedAt: new Date().toISOString(),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await drop();
  }
}

async function histogramsOf(engine: Engine, relation: string, columns: readonly ProfiledColumn[], edges: readonly number[][], signal: AbortSignal): Promise<Histogram[]> {
  const wanted = columns.flatMap((c, index) => {
    const columnEdges = edges[index] ?? [];
    return c.kind !== 'category' && columnEdges.length >= 2 ? [{ index, expr: c.expr, edges: columnEdges }] : [];
  });
  const histograms = columns.map((_, index) => {
    const columnEdges = edges[index] ?? [];
    return { edges: [...columnEdges], counts: new Array<number>(Math.max(0, columnEdges.length - 1)).fill(0) };
  });
  if (wanted.length === 0) return histograms;
  const { rows } = await engine.query(histogramsSql(relation, wanted), { signal });
  for (const [column, bin, count] of rows) {
    const counts = histograms[Number(column)]?.counts;
    if (counts && Number(bin) < counts.length) counts[Number(bin)] = Number(count);
  }
  return histograms;
}

interface TopValues {
  values: { value: string; count: number }[];
  distinct: number;
}

async function topValues(engine: Engine, relation: string, columns: readonly ProfiledColumn[], signal: AbortSignal): Promise<Map<number, TopValues>> {
  const categories = columns.map((c, i) => ({ c, i })).filter(({ c }) => c.kind === 'category');
  const tops = new Map<number, TopValues>();
  if (categories.length === 0) return tops;
  const { rows } = await engine.query(topValuesSql(relation, categories.map(({ c }) => c)), { signal });
  for (const [local, value, count, distinct] of rows) {
    const index = categories[Number(local)]?.i;
    if (index === undefined) continue;
    const entry = tops.get(index) ?? { values: [], distinct: Number(distinct) };
    entry.values.push({ value: String(value), count: Number(count) });
    tops.set(index, entry);
  }
  for (const { values } of tops.values()) values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return tops;
}

function columnProfile(
  column: ProfiledColumn,
  i: number,
  summary: Summary,
  exact: boolean,
  histogram: Histogram,
  top: TopValues,
): ColumnProfile {
  const count = Number(summary.get(i, 'n') ?? 0);
  const nulls = summary.rows - count;
  const common = {
    name: column.name,
    type: column.type,
    count,
    nulls,
    nullShare: summary.rows === 0 ? 0 : nulls / summary.rows,
    distinct: Number(summary.get(i, 'u') ?? 0),
    distinctApprox: !exact,
  };
  if (column.kind === 'numeric') {
    return {
      ...common,
      kind: 'numeric',
      min: num(summary.get(i, 'lo')),
      max: num(summary.get(i, 'hi')),
      mean: num(summary.get(i, 'm')),
      std: num(summary.get(i, 's')),
      quantiles: quantilesFrom(summary.get(i, 'q')),
      quantileMethod: exact ? 'exact' : 'reservoir',
      histogram,
    };
  }
  if (column.kind === 'date') {
    return { ...common, kind: 'date', min: isoFromMs(summary.get(i, 'lo')), max: isoFromMs(summary.get(i, 'hi')), histogram };
  }
  const inTop = top.values.reduce((sum, t) => sum + t.count, 0);
  return {
    ...common,
    distinct: top.distinct,
    distinctApprox: false,
    kind: 'category',
    top: top.values,
    otherCount: Math.max(0, count - inTop),
    lengths: { min: num(summary.get(i, 'lo')), mean: num(summary.get(i, 'm')), max: num(summary.get(i, 'hi')) },
  };
}

