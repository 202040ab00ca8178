import { WorkbenchError, type TrainResult, type TrainSpec } from '../../shared/contract';
import type { JobContext } from '../jobs';
import { applyParams, maxParallelTrials, runSearch } from '../tuning';
import { specParams } from './params';
import type { PreparedData } from './prepare';
import { endFailed, provenanceTags, trainRun, type RunDeps } from './run';

/**
 * A hyperparameter search: the parent run holds the search; each trial is a
 * child run (`mlflow.parentRunId`) trained on the same prepared data. The
 * best trial's id, params and test figures end up on the parent.
 */
export async function searchRun(deps: RunDeps, prepared: PreparedData, spec: TrainSpec, parentRunId: string, context: JobContext): Promise<TrainResult> {
  const search = spec.search;
  if (!search) throw new WorkbenchError('invalid_input', 'search: this spec has no search.');
  const { tracking } = deps;
  const parent = tracking.run(parentRunId);
  const maximize = search.direction === 'maximize';
  const trialRuns = new Map<number, { runId: string; result: TrainResult | null }>();
  let finished = 0;
  try {
    tracking.setStatus(parentRunId, 'RUNNING');
    tracking.logParams(parentRunId, {
      ...specParams(spec),
      'search.method': search.method,
      'search.trials': String(search.trials),
      'search.parallel': String(maxParallelTrials(search.parallel)),
      'search.metric': search.metric,
      'search.direction': search.direction,
      'search.pruning': String(search.pruning),
      'search.space': JSON.stringify(search.space),
    });
    tracking.setTags(parentRunId, { ...(await provenanceTags(deps, prepared)), 'workbench.search': 'true' });
    tracking.logInputs(parentRunId, [{ name: prepared.dataset.name, digest: prepared.dataset.fingerprint, source: prepared.dataset.location, context: 'training' }]);
    const trialContext: JobContext = { signal: context.signal, progress: () => undefined };
    const outcome = await runSearch({
      spec: search,
      seed: spec.settings.seed,
      signal: context.signal,
      objective: async (trial) => {
        const trialSpec = applyParams(spec, trial.params);
        const child = tracking.createRun({
          experimentId: parent.experimentId,
          name: `${parent.name}-trial-${trial.number}`,
          status: 'RUNNING',
          parentRunId,
          tags: { 'mlflow.parentRunId': parentRunId, 'workbench.trial': String(trial.number), 'workbench.source': 'training' },
        });
        trialRuns.set(trial.number, { runId: child.id, result: null });
        let best = Number.NaN;
        let pruned = false;
        const result = await trainRun(deps, prepared, trialSpec, child.id, trialContext, {
          span: [0, 1],
          full: false,
          onEpoch: (report) => {
            const value = report.metrics[search.metric];
            if (value === undefined || !Number.isFinite(value)) return 'continue';
            if (Number.isNaN(best) || (maximize ? value > best : value < best)) best = value;
            if (trial.report(report.epoch, value)) {
              pruned = true;
              return 'stop';
            }
            return 'continue';
          },
        });
        trialRuns.set(trial.number, { runId: child.id, result });
        if (pruned) tracking.setTags(child.id, { 'workbench.pruned': 'true' });
        if (Number.isNaN(best)) throw new WorkbenchError('invalid_input', `search.metric: the trials log no "${search.metric}"; pick a validation metric such as val_loss.`);
        return best;
      },
      onTrialEnd: (trial) => {
        finished += 1;
        const value = trial.value === null ? trial.state : trial.value.toFixed(4);
        context.progress(finished / search.trials, `trial ${finished}/${search.trials}: ${search.metric} ${value}`);
      },
    });
    const best = outcome.best ? trialRuns.get(outcome.best.number) : undefined;
    if (!outcome.best || !best?.result) throw new WorkbenchError('training_diverged', 'No trial of the search finished; see the trial runs for why.');
    const timestamp = Date.now();
    tracking.logMetrics(parentRunId, [
      { key: `best_${search.metric}`, value: outcome.best.value ?? Number.NaN, step: 0, timestamp },
      ...Object.entries(best.result.metrics).map(([key, value]) => ({ key, value, step: 0, timestamp })),
    ]);
    tracking.setTags(parentRunId, {
      'workbench.bestTrialRunId': best.runId,
      'workbench.bestParams': JSON.stringify(outcome.best.params),
      'workbench.backend': best.result.backend,
      'workbench.device': best.result.device,
    });
    tracking.setStatus(parentRunId, 'FINISHED', Date.now());
    return { ...best.result, runId: parentRunId, experimentId: parent.experimentId, bestTrialRunId: best.runId };
  } catch (error) {
    endFailed(deps, parentRunId, error, context.signal.aborted);
    throw error;
  }
}
