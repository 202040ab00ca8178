export { runSearch, maxParallelTrials } from './search';
export type { SearchOptions, SearchOutcome, Trial, TrialResult } from './search';
export { applyParams, checkSearchSpec } from './params';
export type { SpecIssue } from './params';
export type { ParamValue } from './distributions';
