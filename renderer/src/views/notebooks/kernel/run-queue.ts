/**
 * The cells queued to run and not finished yet, in notebook order. Like
 * Jupyter, a cell that fails stops the rest of its batch (a Run All): they are
 * never sent, and no longer shown as waiting.
 */
export interface QueuedRun {
  requestId: string;
  /** The cell's key. */
  key: string;
  /** The Run All (or single run) it belongs to. */
  batch: number;
}

export type ReplyStatus = 'ok' | 'error' | 'aborted';

export interface Settled {
  queue: QueuedRun[];
  /** The run that finished, or null for a request the queue does not hold. */
  done: QueuedRun | null;
  /** The runs of the same batch after a failed one: no longer waited for. */
  stopped: QueuedRun[];
}

export function replyStatus(content: Record<string, unknown>): ReplyStatus {
  const status = content.status;
  return status === 'ok' || status === 'aborted' ? status : 'error';
}

export function findRun(queue: readonly QueuedRun[], requestId: string | null): QueuedRun | null {
  return requestId === null ? null : (queue.find((run) => run.requestId === requestId) ?? null);
}

/** The queue after a run's reply. */
export function settle(queue: readonly QueuedRun[], requestId: string, status: ReplyStatus): Settled {
  const at = queue.findIndex((run) => run.requestId === requestId);
  const done = queue[at];
  if (!done) return { queue: [...queue], done: null, stopped: [] };
  const stopped = status === 'error' ? queue.filter((run, index) => index > at && run.batch === done.batch) : [];
  const gone = new Set([done, ...stopped]);
  return { queue: queue.filter((run) => !gone.has(run)), done, stopped };
}

/** A cell queued again (run twice before its first run finished) is only waited for once: its latest run. */
export function enqueue(queue: readonly QueuedRun[], runs: readonly QueuedRun[]): QueuedRun[] {
  const keys = new Set(runs.map((run) => run.key));
  return [...queue.filter((run) => !keys.has(run.key)), ...runs];
}
