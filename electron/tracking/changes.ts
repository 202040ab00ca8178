import type { MetricPoint, RunStatus, TrackingChange } from '../../shared/contract';

type KeyedPoint = MetricPoint & { key: string };

interface Pending {
  experimentId: string;
  status: RunStatus;
  points: KeyedPoint[];
  timer: NodeJS.Timeout | null;
}

/** The most points one event carries per run; a burst beyond it keeps the newest (the chart reloads history anyway). */
const MAX_POINTS_PER_EVENT = 5000;

/**
 * Tells clients what changed, a few times a second at most per run: creation,
 * status changes and deletion go out at once (with any metric points still
 * waiting), metric points are gathered and sent every `intervalMs`.
 */
export class ChangeBatcher {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly emit: (change: TrackingChange) => void,
    private readonly intervalMs = 250,
  ) {}

  now(kind: TrackingChange['kind'], run: { id: string; experimentId: string; status: RunStatus }): void {
    const waiting = this.pending.get(run.id);
    if (waiting?.timer) clearTimeout(waiting.timer);
    this.pending.delete(run.id);
    this.send({ experimentId: run.experimentId, runId: run.id, kind, status: run.status, metrics: waiting?.points ?? [] });
  }

  metrics(run: { id: string; experimentId: string; status: RunStatus }, points: readonly KeyedPoint[]): void {
    // JSON (and the contract) cannot carry NaN or infinities; the history keeps them.
    const finite = points.filter((point) => Number.isFinite(point.value));
    if (finite.length === 0) return;
    const entry = this.pending.get(run.id) ?? { experimentId: run.experimentId, status: run.status, points: [], timer: null };
    entry.status = run.status;
    entry.points.push(...finite);
    if (entry.points.length > MAX_POINTS_PER_EVENT) entry.points.splice(0, entry.points.length - MAX_POINTS_PER_EVENT);
    if (!entry.timer) {
      entry.timer = setTimeout(() => this.flush(run.id), this.intervalMs);
      entry.timer.unref();
    }
    this.pending.set(run.id, entry);
  }

  /** Sends everything still waiting (before a workspace closes). */
  flushAll(): void {
    for (const runId of [...this.pending.keys()]) this.flush(runId);
  }

  private flush(runId: string): void {
    const entry = this.pending.get(runId);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.pending.delete(runId);
    this.send({ experimentId: entry.experimentId, runId, kind: 'updated', status: entry.status, metrics: entry.points });
  }

  private send(change: TrackingChange): void {
    try {
      this.emit(change);
    } catch {
      // A listener's failure must not fail the write that caused the event.
    }
  }
}
