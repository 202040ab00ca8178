import { isWorkbenchError, type Provenance, type TrainResult, type TrainSpec } from '../../shared/contract';
import { evaluationReport, kFolds } from '../evaluation';
import type { JobContext } from '../jobs';
import type { Logger } from '../log';
import { PID_TAG, type TrackingService } from '../tracking';
import { createTrainer, type EpochReport, type Trainer } from './engine';
import { importanceOf, metricsOf } from './evaluate';
import { exportModel } from './export';
import { specParams } from './params';
import { fitPipeline } from './pipeline';
import { matrix, type PreparedData } from './prepare';

export interface RunDeps {
  tracking: TrackingService;
  provenance: () => Promise<Provenance | null>;
  log: Logger;
}

export interface RunOptions {
  /** The share of the job's progress bar this run fills. */
  span: [number, number];
  /** Test-split importance and cross-validation (left out for search trials). */
  full: boolean;
  /** Called after each epoch's metrics are logged; 'stop' ends training there (pruning). */
  onEpoch?: (report: EpochReport) => 'continue' | 'stop';
}

const EVALUATION_SHARE = 0.15;

/** Tags every run gets: where its code and data came from. */
export async function provenanceTags(deps: RunDeps, prepared: PreparedData): Promise<Record<string, string>> {
  const tags: Record<string, string> = {
    'workbench.source': 'training',
    // Lets another process tell a run still training here from one cut off by a crash.
    [PID_TAG]: String(process.pid),
    'workbench.dataset.fingerprint': prepared.dataset.fingerprint,
    'mlflow.source.type': 'LOCAL',
  };
  const provenance = await deps.provenance().catch(() => null);
  if (provenance?.repository && provenance.commit) {
    tags['mlflow.source.git.commit'] = provenance.commit;
    if (provenance.branch) tags['mlflow.source.git.branch'] = provenance.branch;
    tags['workbench.git.dirty'] = String(provenance.dirty);
  }
  return tags;
}

/**
 * Trains one model into an existing run: logs params, per-epoch metrics,
 * the test evaluation, the model and its plots, and ends the run FINISHED,
 * FAILED or KILLED.
 */
export async function trainRun(deps: RunDeps, prepared: PreparedData, spec: TrainSpec, runId: string, context: JobContext, options: RunOptions): Promise<TrainResult> {
  const { tracking } = deps;
  const [from, to] = options.span;
  const fitShare = (to - from) * (options.full ? 1 - EVALUATION_SHARE : 0.95);
  let trainer: Trainer | undefined;
  try {
    tracking.setStatus(runId, 'RUNNING');
    tracking.logParams(runId, specParams(spec));
    tracking.setTags(runId, await provenanceTags(deps, prepared));
    tracking.logInputs(runId, [
      { name: prepared.dataset.name, digest: prepared.dataset.fingerprint, source: prepared.dataset.location, context: 'training' },
    ]);
    trainer = await createTrainer({ backend: spec.backend });
    tracking.setTags(runId, { 'workbench.backend': trainer.backend, 'workbench.device': trainer.device, 'workbench.task': spec.pipeline.task });
    const { epochs } = spec.settings;
    const summary = await trainer.fit(
      { task: spec.pipeline.task, classes: prepared.classes, algorithm: spec.algorithm, settings: spec.settings, train: prepared.train, validation: prepared.validation },
      {
        signal: context.signal,
        onBatch: (r) =>
          context.progress(from + fitShare * ((r.epoch - 1 + r.batch / r.batches) / epochs), `epoch ${r.epoch}/${epochs} · batch ${r.batch}/${r.batches} · loss ${r.loss.toFixed(4)}`),
        onEpoch: (r) => {
          const timestamp = Date.now();
          const points = [{ key: 'loss', value: r.loss, step: r.epoch, timestamp }];
          for (const [key, value] of Object.entries(r.metrics)) if (Number.isFinite(value)) points.push({ key, value, step: r.epoch, timestamp });
          tracking.logMetrics(runId, points);
          context.progress(from + fitShare * (r.epoch / epochs), `epoch ${r.epoch}/${epochs} · loss ${r.loss.toFixed(4)}`);
          return options.onEpoch?.(r) ?? 'continue';
        },
      },
    );
    context.progress(from + fitShare, 'evaluating on the test split');
    const output = await trainer.predict(prepared.test.x, prepared.test.rows);
    const report = evaluationReport({
      task: spec.pipeline.task,
      classes: prepared.fitted.classes,
      yTrue: prepared.test.y,
      output,
      rows: { train: prepared.rows.train.length, validation: prepared.rows.validation.length, test: prepared.rows.test.length },
    });
    if (options.full && spec.importance) {
      context.progress(from + fitShare, 'permutation importance');
      report.importance = await importanceOf({
        trainer,
        fitted: prepared.fitted,
        frame: prepared.frame,
        rows: prepared.rows.test,
        yTrue: prepared.test.y,
        classes: prepared.classes,
        task: spec.pipeline.task,
        seed: spec.split.seed,
        signal: context.signal,
      });
    }
    if (options.full && spec.split.folds >= 2) {
      context.progress(from + fitShare, `cross-validation, ${spec.split.folds} folds`);
      report.crossValidation = await crossValidate(prepared, spec, context.signal);
    }
    const metrics: Record<string, number> = {};
    for (const [key, value] of Object.entries(report.metrics)) if (Number.isFinite(value)) metrics[`test_${key}`] = value;
    for (const [key, value] of Object.entries(report.crossValidation?.metrics ?? {})) {
      metrics[`cv_${key}_mean`] = value.mean;
      metrics[`cv_${key}_std`] = value.std;
    }
    const timestamp = Date.now();
    tracking.logMetrics(runId, Object.entries(metrics).map(([key, value]) => ({ key, value, step: summary.epochsRun, timestamp })));
    tracking.setTags(runId, { 'workbench.epochs': String(summary.epochsRun), 'workbench.bestEpoch': String(summary.bestEpoch), 'workbench.stoppedEarly': String(summary.stoppedEarly) });
    await tracking.writeArtifact(runId, 'model/spec.json', JSON.stringify(spec, null, 2));
    await tracking.writeArtifact(runId, 'model/pipeline.json', JSON.stringify(prepared.fitted));
    const weights = await trainer.exportModel();
    await tracking.writeArtifact(runId, 'model/weights.json', JSON.stringify(weights));
    if (options.full) {
      context.progress(to, 'exporting to ONNX and checking it against TensorFlow.js');
      await exportModel({ tracking, log: deps.log, runId, fitted: prepared.fitted, weights, frame: prepared.frame, testRows: prepared.rows.test, testOutput: output });
    }
    await tracking.writeArtifact(runId, 'evaluation/report.json', JSON.stringify(report));
    tracking.setStatus(runId, 'FINISHED', Date.now());
    context.progress(to, 'done');
    return { runId, experimentId: tracking.run(runId).experimentId, backend: trainer.backend, device: trainer.device, metrics };
  } catch (error) {
    endFailed(deps, runId, error, context.signal.aborted);
    throw error;
  } finally {
    await trainer?.dispose().catch(() => undefined);
  }
}

export function endFailed(deps: RunDeps, runId: string, error: unknown, cancelled: boolean): void {
  try {
    const code = isWorkbenchError(error) ? error.code : 'internal';
    deps.tracking.setTags(runId, { 'workbench.error': error instanceof Error ? error.message.slice(0, 5000) : String(error), 'workbench.errorCode': code });
    deps.tracking.setStatus(runId, cancelled || code === 'cancelled' ? 'KILLED' : 'FAILED', Date.now());
  } catch (logError) {
    deps.log.warn('could not record the failure of a run', { runId, error: String(logError) });
  }
}

/** k-fold cross-validation on train + validation: the pipeline is refitted on each fold's training part. */
async function crossValidate(prepared: PreparedData, spec: TrainSpec, signal: AbortSignal): Promise<NonNullable<ReturnType<typeof evaluationReport>['crossValidation']>> {
  const pool = Int32Array.from([...prepared.rows.train, ...prepared.rows.validation]);
  const labels = spec.pipeline.task === 'regression' ? undefined : classLabels(prepared);
  const folds = kFolds(pool, spec.split.folds, spec.split.seed, labels);
  const perFold: Record<string, number>[] = [];
  for (const fold of folds) {
    const fitted = fitPipeline(spec.pipeline, prepared.frame, fold.train);
    const train = matrix(fitted, prepared.frame, fold.train);
    const held = matrix(fitted, prepared.frame, fold.validation);
    const trainer = await createTrainer({ backend: spec.backend });
    try {
      await trainer.fit({ task: spec.pipeline.task, classes: prepared.classes, algorithm: spec.algorithm, settings: { ...spec.settings, earlyStopping: null }, train, validation: null }, { signal });
      perFold.push(metricsOf(spec.pipeline.task, held.y, await trainer.predict(held.x, held.rows), prepared.classes));
    } finally {
      await trainer.dispose().catch(() => undefined);
    }
  }
  const metrics: Record<string, { mean: number; std: number }> = {};
  for (const key of Object.keys(perFold[0] ?? {})) {
    const values = perFold.map((m) => m[key] ?? Number.NaN).filter(Number.isFinite);
    const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length);
    metrics[key] = { mean, std: Math.sqrt(variance) };
  }
  return { folds: folds.length, metrics };
}

/** The encoded class by row number (as `kFolds` reads it), from the training matrices already built. */
function classLabels(prepared: PreparedData): Int32Array {
  const labels = new Int32Array(prepared.frame.rows);
  prepared.rows.train.forEach((row, i) => (labels[row] = prepared.train.y[i] ?? 0));
  prepared.rows.validation.forEach((row, i) => (labels[row] = prepared.validation?.y[i] ?? 0));
  return labels;
}
