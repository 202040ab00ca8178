import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { WorkbenchError, isWorkbenchError, type ApiError, type BackendInfo, type BackendName } from '../../../shared/contract';
import { loadBackend, type LoadedBackend } from './backends';
import { fitNetwork, predictLogits } from './fit-loop';
import { outputsFromLogits } from './loss';
import { Network } from './network';
import type { HostMessage, Loaded, WorkerMessage } from './protocol';
import { createRng } from './rng';
import type { FitInput, FitSummary, ModelWeights } from './types';

/**
 * The engine's worker thread: it holds TF.js, the backend and one model, and
 * answers the trainer's requests one at a time. Built as its own entry
 * (out/main/training-worker.js); under vitest and tsx it runs from source.
 */

const port = parentPort;
if (!port) throw new Error('training-worker.ts runs as a worker thread');

// Prod mode skips TF.js's debug bookkeeping: it halves the per-kernel overhead.
tf.enableProdMode();

let backend: LoadedBackend | null = null;
let network: Network | null = null;
let decide: ((value: 'continue' | 'stop') => void) | null = null;

const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

port.on('message', (message: HostMessage) => {
  if (message.type === 'decision') {
    decide?.(message.value);
    decide = null;
    return;
  }
  handle(message).then(
    ({ value, transfer }) => post({ type: 'done', value }, transfer),
    (error: unknown) => post({ type: 'failed', error: toApiError(error) }),
  );
});

async function handle(message: Exclude<HostMessage, { type: 'decision' }>): Promise<{ value: unknown; transfer?: ArrayBuffer[] }> {
  switch (message.type) {
    case 'load':
      return { value: await load(message.backends) };
    case 'probe':
      return { value: await probe() };
    case 'fit':
      return { value: await fit(message.input) };
    case 'predict': {
      const values = await predict(message.x, message.rows);
      return { value: values, transfer: [values.buffer as ArrayBuffer] };
    }
    case 'export':
      return { value: trained().exportWeights() satisfies ModelWeights };
  }
}

/** The first of `candidates` that loads; the reasons of those that did not, when none does. */
async function load(candidates: BackendName[]): Promise<Loaded> {
  const reasons: string[] = [];
  for (const name of candidates) {
    try {
      backend = await loadBackend(name);
      return { backend: backend.name, device: backend.device };
    } catch (error) {
      reasons.push(`${name}: ${(error as Error).message}`);
    }
  }
  const named = candidates.length === 1 ? `The ${candidates[0]} backend` : 'No TF.js backend';
  throw new WorkbenchError('backend_unavailable', `${named} could not be loaded (${reasons.join('; ')}).`, { backends: candidates, reasons });
}

async function probe(): Promise<BackendInfo[]> {
  const order: BackendName[] = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'];
  const found: BackendInfo[] = [];
  for (const name of order) {
    try {
      const { device } = await loadBackend(name);
      found.push({ name, available: true, device });
    } catch (error) {
      found.push({ name, available: false, device: '', reason: (error as Error).message });
    }
  }
  return found;
}

async function fit(input: FitInput): Promise<FitSummary> {
  if (!backend) throw new WorkbenchError('internal', 'The training worker has no backend loaded.');
  network?.dispose();
  network = null;
  const rng = createRng(input.settings.seed);
  const net = new Network(input.task, input.classes, input.train.width, input.algorithm, rng, backend.name === 'wasm');
  try {
    const summary = await fitNetwork(net, input, rng, {
      onBatch: (report) => post({ type: 'batch', report }),
      onEpoch: (report) =>
        new Promise((resolve) => {
          decide = resolve;
          post({ type: 'epoch', report });
        }),
    });
    network = net;
    return summary;
  } catch (error) {
    net.dispose();
    throw error;
  }
}

async function predict(x: Float32Array, rows: number): Promise<Float32Array> {
  const net = trained();
  if (!Number.isInteger(rows) || rows < 0 || x.length !== rows * net.inputWidth) {
    throw new WorkbenchError('invalid_input', `predict got ${x.length} values for ${rows} rows of ${net.inputWidth} features.`, { field: 'x' });
  }
  return outputsFromLogits(net.task, await predictLogits(net, x, rows), net.classes);
}

function trained(): Network {
  if (!network) throw new WorkbenchError('conflict', 'The model has not been trained yet: call fit first.');
  return network;
}

function toApiError(error: unknown): ApiError {
  if (isWorkbenchError(error)) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  // The wasm heap (4 GiB at most) or a typed array that cannot grow: the data or the model is too large.
  if (/out of memory|allocation failed|cannot enlarge memory|Invalid typed array length/i.test(message)) {
    return { code: 'out_of_memory', message: `Training ran out of memory: ${message}` };
  }
  return { code: 'internal', message: `Training failed: ${message}` };
}
