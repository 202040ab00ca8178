import type { ColumnDrift, DriftTest, ReportSpec } from '../../../shared/contract/monitoring';
import { WorkbenchError } from '../../../shared/contract';
import type { Engine } from '../../data';
import { isDrift, planColumn, type ColumnPlan } from './choose';
import { categoricalHistogram, numericHistogramLabels, shares } from './histogram';
import { ksFromStatistic } from './ks';
import { binCounts, ecdfGaps, groupColumn, valueCounts, withRunner, type ColumnGroups, type ColumnInput, type Run } from './queries';
import { chisquareTest, hellinger, jensenShannon, kl, psi, sharesWithEpsilon, zTest } from './statistics';

export interface DriftInput {
  engine: Engine;
  /** SQL relations: a table or view name, or a parenthesized query. */
  reference: string;
  current: string;
  columns: ColumnInput[];
  overrides: ReportSpec['overrides'];
  byType: ReportSpec['byType'];
  signal?: AbortSignal;
}

/** A numeric column with more distinct values than this is binned (Sturges) for the binned tests. */
export const BIN_ABOVE_DISTINCT = 20;
const HISTOGRAM_MAX_BINS = 20;
const MISSING_P = 0.05;

/** Sturges' rule as numpy's `histogram_bin_edges(bins='sturges')` counts bins: ⌈log2 n + 1⌉. */
export function sturgesBins(n: number): number {
  return Math.max(1, Math.ceil(Math.log2(n) + 1));
}

/** One drift row per column: one scan of each column in DuckDB, the rest from its grouped counts (see queries.ts). */
export async function driftColumns(input: DriftInput): Promise<ColumnDrift[]> {
  return withRunner(input.engine, input.signal, async (run) => {
    const results: ColumnDrift[] = [];
    for (const column of input.columns) {
      if (input.signal?.aborted) throw new WorkbenchError('cancelled', 'The drift report was cancelled.');
      const groups = await groupColumn(run, input.reference, input.current, column);
      const plan = planColumn(column.name, column.kind, groups.refRows, groups.distinct, input.overrides, input.byType);
      results.push(await driftColumn(run, column, plan, groups));
    }
    return results;
  });
}

async function driftColumn(run: Run, column: ColumnInput, plan: ColumnPlan, groups: ColumnGroups): Promise<ColumnDrift> {
  const { refRows, curRows, refNonNull: nRef, curNonNull: nCur, distinct } = groups;
  const missing = missingDrift(refRows, nRef, curRows, nCur);
  const base = { column: column.name, type: column.kind, test: plan.test, threshold: plan.threshold, missing };
  const skipped = (reason: string, histogram: ColumnDrift['histogram'] = { bins: [], reference: [], current: [] }): ColumnDrift => ({ ...base, score: null, drifted: false, skipped: reason, histogram });
  if (refRows === 0) return skipped('The reference window is empty.');
  if (curRows === 0) return skipped('The current window is empty.');
  if (nRef === 0) return skipped('The reference has no non-missing values in this column.');
  if (nCur === 0) return skipped('The current window has no non-missing values in this column.');

  const binned = column.kind === 'numeric' && distinct > BIN_ABOVE_DISTINCT;
  const testBins = sturgesBins(nRef + nCur);
  const histogramBins = Math.min(HISTOGRAM_MAX_BINS, testBins);
  let counts: { reference: number[]; current: number[] };
  let histogram: ColumnDrift['histogram'];
  if (binned) {
    const low = groups.min ?? 0;
    const high = groups.max ?? 0;
    const wanted = needsBins(plan.test) && testBins !== histogramBins ? [histogramBins, testBins] : [histogramBins];
    const [forHistogram, forTest] = await binCounts(run, low, high, wanted);
    if (!forHistogram) throw new Error('binCounts returns one set of counts per bin count asked');
    histogram = { bins: numericHistogramLabels(low, high, histogramBins), reference: shares(forHistogram.reference, nRef), current: shares(forHistogram.current, nCur) };
    counts = forTest ?? forHistogram;
  } else {
    const values = await valueCounts(run);
    counts = values;
    histogram = categoricalHistogram(values, nRef, nCur, HISTOGRAM_MAX_BINS);
  }
  if (plan.skip) return skipped('Skipped by the report settings.', histogram);

  const outcome = await score(run, column, plan.test, counts, { nRef, nCur, distinct, std: groups.refStd });
  if (typeof outcome === 'string') return skipped(outcome, histogram);
  return { ...base, score: outcome, drifted: isDrift(plan.test, outcome, plan.threshold), skipped: null, histogram };
}

function needsBins(test: DriftTest): boolean {
  return test === 'jensenshannon' || test === 'psi' || test === 'kl' || test === 'hellinger' || test === 'chisquare' || test === 'z';
}

interface Sizes {
  nRef: number;
  nCur: number;
  distinct: number;
  std: number | null;
}

/** The score, or why the test cannot run on this column. */
async function score(run: Run, column: ColumnInput, test: DriftTest, counts: { reference: number[]; current: number[] }, sizes: Sizes): Promise<number | string> {
  const { nRef, nCur } = sizes;
  switch (test) {
    case 'ks':
    case 'wasserstein': {
      if (column.kind !== 'numeric') return `The ${test === 'ks' ? 'Kolmogorov–Smirnov test' : 'Wasserstein distance'} needs a numeric column.`;
      const gaps = await ecdfGaps(run, nRef, nCur);
      if (test === 'ks') return ksFromStatistic(gaps.ks, nRef, nCur).pValue;
      return gaps.wasserstein / Math.max(sizes.std ?? 0, 0.001);
    }
    case 'z': {
      if (counts.reference.length > 2) return `The Z-test compares two values; this column has ${sizes.distinct}.`;
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
