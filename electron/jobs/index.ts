export { createJobRunner } from './runner';
export type { JobContext, JobRunner, JobRunnerOptions } from './runner';
