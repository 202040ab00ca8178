import type { DatasetInput, RunDetail } from '../../shared/contract';

export const GIT_COMMIT_TAG = 'mlflow.source.git.commit';
export const GIT_DIRTY_TAG = 'workbench.git.dirty';

export interface Lineage {
  runId: string | null;
  experimentId: string | null;
  gitCommit: string | null;
  gitDirty: boolean | null;
  datasets: DatasetInput[];
  metrics: Record<string, number>;
}

export const NO_LINEAGE: Lineage = { runId: null, experimentId: null, gitCommit: null, gitDirty: null, datasets: [], metrics: {} };

/**
 * Where a version came from, read off its run: the dataset fingerprints it
 * was trained on, the commit, and its test figures (`test_*`; a run logged by
 * another MLflow client without them gives all its metrics).
 */
export function lineageOf(run: RunDetail): Lineage {
  const testMetrics = Object.entries(run.metrics).filter(([key]) => key.startsWith('test_'));
  const dirty = run.tags[GIT_DIRTY_TAG];
  return {
    runId: run.id,
    experimentId: run.experimentId,
    gitCommit: run.tags[GIT_COMMIT_TAG] ?? null,
    gitDirty: dirty === undefined ? null : dirty === 'true',
    datasets: run.inputs,
    metrics: Object.fromEntries(testMetrics.length > 0 ? testMetrics : Object.entries(run.metrics)),
  };
}
