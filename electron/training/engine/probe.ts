import { WorkbenchError, type BackendInfo } from '../../../shared/contract';
import type { Probed } from './protocol';
import { EngineWorker } from './worker-host';

let cached: Promise<BackendInfo[]> | null = null;

/**
 * Every backend in `auto` order, each tried once in a throwaway worker thread
 * (so a native library that throws while loading cannot take the app down)
 * and the answer kept for the life of the process.
 */
export function listBackends(): Promise<BackendInfo[]> {
  cached ??= probeOnce().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

async function probeOnce(): Promise<BackendInfo[]> {
  const worker = new EngineWorker();
  try {
    return await worker.request<Probed>({ type: 'probe' });
  } finally {
    await worker.kill(new WorkbenchError('unavailable', 'The backend probe has finished.'));
  }
}
