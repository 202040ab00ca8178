export { driftColumns, missingDrift, sturgesBins, BIN_ABOVE_DISTINCT } from './columns';
export type { DriftInput } from './columns';
export { chooseTest, defaultThreshold, isDrift, isPValueTest, planColumn, SMALL_REFERENCE_ROWS } from './choose';
export type { ColumnKind, ColumnPlan } from './choose';
export { ks2samp, ksFromStatistic, KS_EXACT_MAX_N } from './ks';
export type { KsResult } from './ks';
export { kolmogorovSf } from './kolmogorov';
export { chisquareTest, zTest, wassersteinNormed, jensenShannon, psi, kl, hellinger, sharesWithEpsilon } from './statistics';
export type { PValueResult } from './statistics';
