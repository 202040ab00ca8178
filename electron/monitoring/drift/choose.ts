import type { DriftTest, ReportSpec } from '../../../shared/contract/monitoring';

export type ColumnKind = 'numeric' | 'categorical';

/** Evidently's cut between a small and a large reference. */
export const SMALL_REFERENCE_ROWS = 1000;

/**
 * The default test for a column (Evidently 0.7): `referenceRows` counts the
 * reference's rows, `distinct` the distinct non-null values of both sides together.
 */
export function chooseTest(kind: ColumnKind, referenceRows: number, distinct: number): DriftTest {
  if (referenceRows <= SMALL_REFERENCE_ROWS) {
    if (distinct <= 2) return 'z';
    if (kind === 'categorical' || distinct <= 5) return 'chisquare';
    return 'ks';
  }
  if (kind === 'numeric' && distinct > 5) return 'wasserstein';
  return 'jensenshannon';
}

/** p-value tests compare p with the threshold; distances compare the score. */
export function isPValueTest(test: DriftTest): boolean {
  return test === 'ks' || test === 'chisquare' || test === 'z';
}

export function defaultThreshold(test: DriftTest): number {
  return isPValueTest(test) ? 0.05 : 0.1;
}

/** KS drifts at p ≤ threshold, chi-square and Z at p < threshold, distances at score ≥ threshold (Evidently). */
export function isDrift(test: DriftTest, score: number, threshold: number): boolean {
  if (test === 'ks') return score <= threshold;
  if (isPValueTest(test)) return score < threshold;
  return score >= threshold;
}

export interface ColumnPlan {
  test: DriftTest;
  threshold: number;
  skip: boolean;
}

/** The column's own override wins over its type's, which wins over the default. */
export function planColumn(
  column: string,
  kind: ColumnKind,
  referenceRows: number,
  distinct: number,
  overrides: ReportSpec['overrides'],
  byType: ReportSpec['byType'],
): ColumnPlan {
  const own = overrides[column];
  const typed = byType[kind];
  const test = own?.test ?? typed?.test ?? chooseTest(kind, referenceRows, distinct);
  // A threshold belongs to the test set beside it: a column's own test does not take its type's threshold.
  const threshold = own?.threshold ?? (own?.test ? undefined : typed?.threshold) ?? defaultThreshold(test);
  return { test, threshold, skip: own?.skip ?? typed?.skip ?? false };
}
