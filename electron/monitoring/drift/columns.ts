import type { ColumnDrift, DriftTest, ReportSpec } from '../../../shared/contract/monitoring';
import { WorkbenchError } from '../../../shared/contract';
import { quoteIdent, type Engine } from '../../data';
import { isDrift, planColumn } from './choose';
import { ecdfGaps, fineBinCount, type BinCounts, type FineBins, type Numbers } from './ecdf';
import { categoricalHistogram, numericHistogramLabels, shares } from './histogram';
import { ksFromStatistic } from './ks';
import { numbersInDuckDB } from './numbers-in-duckdb';
import { numbersInMemory, SampleBatches, sampleStats } from './numbers-in-memory';
import { columnStats, distinctCount, Sides, valueCounts, withRunner, type ColumnInput, type ColumnStats, type Runner } from './queries';
import { chisquareTest, hellinger, jensenShannon, kl, psi, sharesWithEpsilon, zTest } from './statistics';

export interface DriftInput {
  engine: Engine;
  /** SQL relations: a table or view name, or a parenthesized query. */
  reference: string;
  current: string;
  columns: ColumnInput[];
  overrides: ReportSpec['overrides'];
  byType: ReportSpec['byType'];
  /** Parse the sides once into a temp table (text files): each column is scanned a few times. */
  materialize?: boolean;
  /** How many numbers may be held in memory at once (rows of both sides × columns read together); default IN_MEMORY_MAX_VALUES. Columns with more rows are counted in DuckDB. */
  inMemoryMaxValues?: number;
  signal?: AbortSignal;
  /** Called after each column: `done` of `total`, for a job's progress. */
  onColumn?: (done: number, total: number, column: string) => void;
}

/** A numeric column with more distinct values than this is binned (Sturges) for the binned tests. */
export const BIN_ABOVE_DISTINCT = 20;
const HISTOGRAM_MAX_BINS = 20;
const MISSING_P = 0.05;
/** 16M values: 128 MB of doubles in memory at a time (and as much again while DuckDB hands them over). */
export const IN_MEMORY_MAX_VALUES = 1 << 24;

/** Sturges' rule as numpy's `histogram_bin_edges(bins='sturges')` counts bins: ⌈log2 n + 1⌉. */
export function sturgesBins(n: number): number {
  return Math.max(1, Math.ceil(Math.log2(n) + 1));
}

/**
 * One drift row per column: one scan of both sides for the row counts and the
 * categories' counts, then per column a few aggregates in DuckDB (queries.ts)
 * or, for numbers, one read of its values into memory (numbers-in-memory.ts).
 */
export async function driftColumns(input: DriftInput): Promise<ColumnDrift[]> {
  return withRunner(input.engine, input.signal, async (run) => {
    const cancelled = (): void => {
      if (input.signal?.aborted) throw new WorkbenchError('cancelled', 'The drift report was cancelled.');
    };
    const sides = await Sides.open(run, input.reference, input.current, input.columns, input.materialize ?? false);
    try {
      const [statsRef, statsCur] = sides.materialized ? materializedSides(input.columns) : [input.reference, input.current];
      const categorical = input.columns.filter((column) => column.kind !== 'numeric');
      const first = await columnStats(run, statsRef, statsCur, categorical);
      const numeric = input.columns.filter((column) => column.kind === 'numeric');
      const perBatch = Math.floor((input.inMemoryMaxValues ?? IN_MEMORY_MAX_VALUES) / Math.max(1, first.refRows + first.curRows));
      const batches = perBatch >= 1 ? new SampleBatches(run, statsRef, statsCur, numeric, perBatch) : null;
      const statsOf = new Map<ColumnInput, ColumnStats>();
      categorical.forEach((column, i) => statsOf.set(column, first.columns[i] as ColumnStats));
      if (!batches) (await columnStats(run, statsRef, statsCur, numeric)).columns.forEach((stats, i) => statsOf.set(numeric[i] as ColumnInput, stats));
      const results: ColumnDrift[] = [];
      for (const [i, column] of input.columns.entries()) {
        cancelled();
        const source = sides.of(column);
        const samples = column.kind === 'numeric' && batches ? await batches.take(column) : null;
        const data: ColumnData = samples
          ? { stats: sampleStats(samples, first.refRows, first.curRows), numbers: numbersInMemory(samples) }
          : { stats: statsOf.get(column) as ColumnStats, numbers: numbersInDuckDB(run, source) };
        results.push(await driftColumn(run, source, column, data, input));
        input.onColumn?.(i + 1, input.columns.length, column.name);
      }
      return results;
    } finally {
      await sides.close(run).catch(() => undefined);
    }
  });
}

/** A column's counts, and where its numbers are counted. */
interface ColumnData {
  stats: ColumnStats;
  numbers: Numbers;
}

/** The materialized table names its columns c0, c1, ...: the stats read them back under their own names. */
function materializedSides(columns: ColumnInput[]): [string, string] {
  const renamed = columns.map((column, i) => `c${i} AS ${quoteIdent(column.name)}`).join(', ');
  return [`(SELECT ${renamed} FROM drift_data WHERE side = 0)`, `(SELECT ${renamed} FROM drift_data WHERE side = 1)`];
}

async function driftColumn(run: Runner, source: string, column: ColumnInput, { stats, numbers }: ColumnData, input: DriftInput): Promise<ColumnDrift> {
  const { refRows, curRows, refNonNull: nRef, curNonNull: nCur } = stats;
  const missing = missingDrift(refRows, nRef, curRows, nCur);
  const early = (reason: string): ColumnDrift => {
    const plan = planColumn(column.name, column.kind, refRows, 0, input.overrides, input.byType);
    return { column: column.name, type: column.kind, test: plan.test, threshold: plan.threshold, missing, score: null, drifted: false, skipped: reason, histogram: { bins: [], reference: [], current: [] } };
  };
  if (refRows === 0) return early('The reference window is empty.');
  if (curRows === 0) return early('The current window is empty.');
  if (nRef === 0) return early('The reference has no non-missing values in this column.');
  if (nCur === 0) return early('The current window has no non-missing values in this column.');
  if (stats.refInfinite + stats.curInfinite > 0) return early(`The column holds infinite values (${stats.refInfinite} in the reference, ${stats.curInfinite} in the current window); the tests need finite numbers.`);

  const testBins = sturgesBins(nRef + nCur);
  const histogramBins = Math.min(HISTOGRAM_MAX_BINS, testBins);
  const shape = column.kind === 'numeric' ? await numericShape(run, source, numbers, stats, histogramBins) : null;
  const distinct = shape ? shape.distinct : null;
  const counts = shape?.fine ? null : await valueCounts(run, source);
  const plan = planColumn(column.name, column.kind, refRows, distinct ?? counts?.keys.length ?? 0, input.overrides, input.byType);
  const base = { column: column.name, type: column.kind, test: plan.test, threshold: plan.threshold, missing };
  let histogram: ColumnDrift['histogram'];
  let testCounts: BinCounts;
  if (shape?.fine) {
    const low = stats.min ?? 0;
    const high = stats.max ?? 0;
    const display = displayCounts(shape.fine, histogramBins);
    histogram = { bins: numericHistogramLabels(low, high, histogramBins), reference: shares(display.reference, nRef), current: shares(display.current, nCur) };
    testCounts = needsBins(plan.test) ? (testBins === histogramBins ? display : await numbers.binCounts(low, high, testBins)) : display;
  } else {
    const values = counts ?? { keys: [], reference: [], current: [] };
    histogram = categoricalHistogram(values, nRef, nCur, HISTOGRAM_MAX_BINS);
    testCounts = values;
  }
  const skipped = (reason: string): ColumnDrift => ({ ...base, score: null, drifted: false, skipped: reason, histogram });
  if (plan.skip) return skipped('Skipped by the report settings.');

  const sizes = { nRef, nCur, distinct: distinct ?? testCounts.reference.length, std: stats.refStd, min: stats.min ?? 0, max: stats.max ?? 0 };
  const outcome = await score(numbers, column, plan.test, testCounts, sizes, shape?.fine ?? null);
  if (typeof outcome === 'string') return skipped(outcome);
  return { ...base, score: outcome, drifted: isDrift(plan.test, outcome, plan.threshold), skipped: null, histogram };
}

/**
 * A numeric column is binned when it holds more than BIN_ABOVE_DISTINCT
 * values; with fewer, its values are its categories. More non-empty fine bins
 * than that settle it without counting distinct values.
 */
async function numericShape(run: Runner, source: string, numbers: Numbers, stats: ColumnStats, histogramBins: number): Promise<{ distinct: number; fine: FineBins | null }> {
  const fine = await numbers.fineBins(stats.min ?? 0, stats.max ?? 0, fineBinCount(stats.refNonNull + stats.curNonNull, histogramBins));
  if (fine.nonEmpty > BIN_ABOVE_DISTINCT) return { distinct: fine.nonEmpty, fine };
  const distinct = await distinctCount(run, source);
  return { distinct, fine: distinct > BIN_ABOVE_DISTINCT ? fine : null };
}

/** The display histogram's counts: the fine bins nest in its bins. */
function displayCounts(fine: FineBins, bins: number): BinCounts {
  const per = fine.count / bins;
  const out = { reference: new Array<number>(bins).fill(0), current: new Array<number>(bins).fill(0) };
  for (let k = 0; k < fine.count; k++) {
    const at = Math.min(bins - 1, Math.floor(k / per));
    out.reference[at] = (out.reference[at] ?? 0) + (fine.rc[k] as number);
    out.current[at] = (out.current[at] ?? 0) + (fine.cc[k] as number);
  }
  return out;
}

function needsBins(test: DriftTest): boolean {
  return test === 'jensenshannon' || test === 'psi' || test === 'kl' || test === 'hellinger' || test === 'chisquare' || test === 'z';
}

interface Sizes {
  nRef: number;
  nCur: number;
  distinct: number;
  std: number | null;
  min: number;
  max: number;
}

/** The score, or why the test cannot run on this column. */
async function score(numbers: Numbers, column: ColumnInput, test: DriftTest, counts: BinCounts, sizes: Sizes, fine: FineBins | null): Promise<number | string> {
  const { nRef, nCur } = sizes;
  switch (test) {
    case 'ks':
    case 'wasserstein': {
      if (column.kind !== 'numeric') return `The ${test === 'ks' ? 'Kolmogorov–Smirnov test' : 'Wasserstein distance'} needs a numeric column.`;
      const bins = fine ?? (await numbers.fineBins(sizes.min, sizes.max, fineBinCount(nRef + nCur, 1)));
      const gaps = await ecdfGaps(numbers, bins, nRef, nCur, { ks: test === 'ks', wasserstein: test === 'wasserstein' });
      if (test === 'ks') return ksFromStatistic(gaps.ks, nRef, nCur).pValue;
      return gaps.wasserstein / Math.max(sizes.std ?? 0, 0.001);
    }
    case 'z': {
      if (counts.reference.length > 2) return `The Z-test compares two values; this column has ${sizes.distinct > BIN_ABOVE_DISTINCT ? `more than ${BIN_ABOVE_DISTINCT}` : sizes.distinct}.`;
      return zTest(counts.reference, counts.current).pValue;
    }
    case 'chisquare': {
      if (counts.reference.length < 2) return 'Chi-square needs at least two values across both windows; there is one.';
      return chisquareTest(counts.reference, counts.current).pValue;
    }
    case 'jensenshannon':
      return jensenShannon(sharesWithEpsilon(counts.reference, nRef), sharesWithEpsilon(counts.current, nCur));
    case 'psi':
      return psi(sharesWithEpsilon(counts.reference, nRef), sharesWithEpsilon(counts.current, nCur));
    case 'kl':
      return kl(sharesWithEpsilon(counts.reference, nRef), sharesWithEpsilon(counts.current, nCur));
    case 'hellinger':
      return hellinger(shares(counts.reference, nRef), shares(counts.current, nCur));
  }
}

/**
 * Missing-value drift: the share of missing values on each side, flagged when
 * a two-proportion Z-test finds them different (p < 0.05).
 */
export function missingDrift(refRows: number, refNonNull: number, curRows: number, curNonNull: number): ColumnDrift['missing'] {
  const reference = refRows ? (refRows - refNonNull) / refRows : 0;
  const current = curRows ? (curRows - curNonNull) / curRows : 0;
  if (!refRows || !curRows) return { reference, current, drifted: false };
  const { pValue } = zTest([refRows - refNonNull, refNonNull], [curRows - curNonNull, curNonNull]);
  return { reference, current, drifted: pValue < MISSING_P };
}
