import type { ApiError, BackendInfo, BackendName } from '../../../shared/contract';
import type { BatchReport, EpochReport, FitInput } from './types';

/**
 * Messages between a trainer (main thread) and its worker. The host sends one
 * request at a time and waits for `done` or `failed`; during a fit the worker
 * streams `batch` and `epoch`, and waits for a `decision` after each epoch.
 */
export type HostMessage =
  | { type: 'load'; backends: BackendName[] }
  | { type: 'probe' }
  | { type: 'fit'; input: FitInput }
  | { type: 'decision'; value: 'continue' | 'stop' }
  | { type: 'predict'; x: Float32Array; rows: number }
  | { type: 'export' };

export type WorkerMessage =
  | { type: 'batch'; report: BatchReport }
  | { type: 'epoch'; report: EpochReport }
  | { type: 'done'; value: unknown }
  | { type: 'failed'; error: ApiError };

/** The answer to `load`. */
export interface Loaded {
  backend: BackendName;
  device: string;
}

/** The answer to `probe`. */
export type Probed = BackendInfo[];
