import { WorkbenchError, backendNames, type BackendName } from '../../../shared/contract';
import { checkFitInput } from './fit-input';
import { listBackends } from './probe';
import type { Loaded } from './protocol';
import type { FitHooks, FitInput, FitSummary, ModelWeights, Trainer } from './types';
import { EngineWorker } from './worker-host';

/**
 * A trainer: one worker thread holding TF.js, its backend and one model.
 * `auto` takes the first backend that the (cached) probe found available, and
 * falls back along the same order if that one does not load in this worker.
 */
export async function createTrainer(options: { backend: 'auto' | BackendName }): Promise<Trainer> {
  const candidates = options.backend === 'auto' ? await autoCandidates() : [options.backend];
  const worker = new EngineWorker();
  try {
    const loaded = await worker.request<Loaded>({ type: 'load', backends: candidates });
    return new WorkerTrainer(worker, loaded);
  } catch (error) {
    await worker.kill(new WorkbenchError('unavailable', 'The trainer did not start.'));
    throw error;
  }
}

async function autoCandidates(): Promise<BackendName[]> {
  try {
    const available = (await listBackends()).filter((info) => info.available).map((info) => info.name);
    if (available.length > 0) return available;
  } catch {
    // The probe itself failed: let the trainer's worker try each backend in turn.
  }
  return [...backendNames];
}

class WorkerTrainer implements Trainer {
  readonly backend: BackendName;
  readonly device: string;

  constructor(
    private readonly worker: EngineWorker,
    loaded: Loaded,
  ) {
    this.backend = loaded.backend;
    this.device = loaded.device;
  }

  async fit(input: FitInput, hooks: FitHooks): Promise<FitSummary> {
    checkFitInput(input);
    const { signal } = hooks;
    if (signal.aborted) throw cancelled();
    const cancel = (): void => void this.worker.kill(cancelled());
    signal.addEventListener('abort', cancel, { once: true });
    try {
      return await this.worker.request<FitSummary>(
        { type: 'fit', input: withoutExtras(input) },
        { onBatch: (report) => hooks.onBatch?.(report), onEpoch: (report) => hooks.onEpoch?.(report) ?? 'continue' },
      );
    } catch (error) {
      // The worker's own failure may race the abort: a cancel wins, and the worker is gone either way.
      if (signal.aborted) {
        await this.worker.kill(cancelled());
        throw cancelled();
      }
      throw error;
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  predict(x: Float32Array, rows: number): Promise<Float32Array> {
    return this.worker.request<Float32Array>({ type: 'predict', x, rows });
  }

  exportModel(): Promise<ModelWeights> {
    return this.worker.request<ModelWeights>({ type: 'export' });
  }

  async dispose(): Promise<void> {
    await this.worker.kill(new WorkbenchError('unavailable', 'This trainer has been disposed.'));
  }
}

function cancelled(): WorkbenchError {
  return new WorkbenchError('cancelled', 'Training was cancelled.');
}

/** Only what the worker needs crosses the thread: no stray fields of the caller's objects. */
function withoutExtras(input: FitInput): FitInput {
  const data = (d: FitInput['train']): FitInput['train'] => ({ x: d.x, y: d.y, rows: d.rows, width: d.width, ...(d.weights ? { weights: d.weights } : {}) });
  return {
    task: input.task,
    classes: input.classes,
    algorithm: input.algorithm,
    settings: input.settings,
    train: data(input.train),
    validation: input.validation ? data(input.validation) : null,
  };
}
