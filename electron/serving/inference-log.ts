import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ModelSignature } from '../../shared/contract';
import type { Logger } from '../log';
import { datasetNameOf, dayOf, enforceLimits, listSegments, modelFolder, segmentName, type Limits, type Segment } from './inference-log-files';
import { logSchema, prepare, SegmentBuffer } from './inference-log-buffer';
import type { PreparedText } from './inference-log-text';
import type { SegmentWriter } from './inference-log-writer';
import type { ColumnarInput, ScoreResult } from './types';

/**
 * The inference log of a model server: every scored request's input rows and
 * predictions, kept off the request path. `record` copies the rows into
 * buffers (no I/O, no waiting; see SegmentBuffer); a background flush writes each
 * buffer once it holds `flushRows` rows, or at the latest `flushMs` after
 * its first row, as a Parquet segment under
 * `<directory>/<model>/<yyyy-mm-dd>/`, then prunes the model's log to its
 * retention and size cap, oldest first. When the writer falls behind and the
 * queue holds `maxBufferRows`, new rows are dropped and counted (on
 * `/metrics` and in the log) rather than slowing serving; a failed write
 * drops its rows the same way.
 */

export interface InferenceLogSettings extends Limits {
  /** `<workspace>/.workbench/inference`. */
  directory: string;
  flushRows: number;
  flushMs: number;
  maxBufferRows: number;
  /** Called once a model's first segment is written: registers `dataset` over `glob` (errors are logged). */
  register?: (model: string, dataset: string, glob: string) => Promise<void>;
}

export const INFERENCE_LOG_DEFAULTS = {
  maxBytes: 1024 ** 3,
  retentionDays: 30,
  // Each segment costs a file, a sync and a rename: fewer, larger ones are cheaper per row.
  flushRows: 50_000,
  flushMs: 5_000,
  maxBufferRows: 200_000,
} as const;

interface ModelLog {
  readonly name: string;
  readonly dir: string;
  /** The buffer taking rows now, and sealed ones (full, due by time, or of an earlier signature) waiting for the writer. */
  active: SegmentBuffer | null;
  sealed: SegmentBuffer[];
  /** Written buffers, emptied, for the next segments. */
  spares: SegmentBuffer[];
  pendingRows: number;
  logged: number;
  written: number;
  segments: number;
  droppedFull: number;
  droppedFailed: number;
  removed: number;
  bytes: number;
  registered: boolean;
  /** The segments on disk, oldest first: read once, then kept up to date (and re-read now and then). */
  onDisk: Segment[];
  listedAt: number;
}

const DROP_WARN_MS = 10_000;
/**
 * Emptied buffers kept for reuse. Two cover a steady load (one filling while
 * one is written); allocating a fresh one per segment (megabytes of typed
 * arrays) was most of what the log cost serving, in page faults and in the
 * full garbage collections that external memory triggers.
 */
const SPARES = 2;
/** Other servers may log the same model: the folder is re-read this often. */
const RELIST_MS = 10 * 60_000;
const escape = (value: string): string => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export class InferenceLog {
  private readonly models = new Map<string, ModelLog>();
  private readonly idPrefix = randomBytes(4).toString('hex');
  private requestCount = 0;
  private totalPending = 0;
  /** Rows in sealed buffers (see ModelLog): a flush is due as soon as there are any. */
  private sealedRows = 0;
  private flushing: Promise<void> | null = null;
  private again = false;
  private scheduled = false;
  private closed = false;
  private lastDropWarning = 0;
  private droppedSinceWarning = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly settings: InferenceLogSettings,
    /** Route name to registry name: the log and dataset are the model's, whatever route serves it. */
    private readonly names: ReadonlyMap<string, string>,
    private readonly writer: SegmentWriter,
    private readonly log: Logger,
  ) {
    // Checked twice per flushMs: no row waits longer than that for the disk.
    this.timer = setInterval(() => this.flushStale(), Math.max(1, settings.flushMs / 2));
    this.timer.unref();
    for (const name of new Set(names.values())) this.prune(this.model(name));
  }

  /** The datasets this log writes, one per registered model served. */
  datasets(): string[] {
    return [...new Set(this.names.values())].map(datasetNameOf);
  }

  /** A request's ID when the client gave none: unique per server, cheap to make. */
  nextRequestId(): string {
    return `${this.idPrefix}-${++this.requestCount}`;
  }

  /**
   * Codes a request's text inputs as soon as they are parsed, before scoring
   * (see TextCoder): hand the answer to `record`. Cheap to drop if scoring fails.
   */
  prepare(signature: ModelSignature, input: ColumnarInput): PreparedText | null {
    return this.closed || input.rows === 0 ? null : prepare(logSchema(signature), input);
  }

  /** Queues one scored request; never throws, never waits. */
  record(route: string, version: number, signature: ModelSignature, requestId: string, input: ColumnarInput, result: ScoreResult, prepared: PreparedText | null = null): void {
    if (this.closed || result.rows === 0) return;
    const state = this.model(this.names.get(route) ?? route);
    const rows = result.rows;
    if (state.pendingRows + rows > this.settings.maxBufferRows) {
      state.droppedFull += rows;
      this.warnDropped(state, rows);
      return;
    }
    const schema = logSchema(signature);
    let buffer = state.active;
    if (buffer && (buffer.schema !== schema || buffer.rows + rows > buffer.capacity)) {
      this.seal(state);
      buffer = null;
    }
    if (!buffer) {
      const at = state.spares.findIndex((spare) => spare.schema === schema && spare.capacity >= rows);
      buffer = at >= 0 ? (state.spares.splice(at, 1)[0] as SegmentBuffer) : new SegmentBuffer(schema, Math.max(this.settings.flushRows, rows));
      state.active = buffer;
    }
    buffer.append(Date.now(), requestId, version, input, result.outputs, rows, prepared);
    state.pendingRows += rows;
    state.logged += rows;
    this.totalPending += rows;
    if (buffer.rows === buffer.capacity) this.seal(state);
    if (this.sealedRows > 0 && !this.flushing) this.scheduleFlush();
  }

  /** The active buffer joins the queue for the writer: a segment of its own. */
  private seal(state: ModelLog): void {
    const { active } = state;
    state.active = null;
    if (!active || active.rows === 0) return;
    state.sealed.push(active);
    this.sealedRows += active.rows;
  }

  /** The timer's flush: buffers whose first row has waited half of `flushMs` are written even if not full. */
  private flushStale(): void {
    const due = Date.now() - this.settings.flushMs / 2;
    for (const state of this.models.values()) if (state.active && state.active.rows > 0 && state.active.firstTs <= due) this.seal(state);
    if (this.sealedRows > 0) void this.flush(false);
  }

  private scheduleFlush(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // Only what is sealed: sealing the buffer that has just begun to fill would write a segment of a few rows after each full one.
      void this.flush(false);
    });
  }

  /**
   * Writes the sealed buffers, and with `everything` the ones still filling
   * too (what callers outside ask for: all rows logged so far on disk). One
   * flush at a time: a call during one runs again after it.
   */
  flush(everything = true): Promise<void> {
    if (everything) for (const state of this.models.values()) this.seal(state);
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    const run = async (): Promise<void> => {
      do {
        this.again = false;
        for (const state of this.models.values()) await this.flushModel(state);
      } while (this.again && this.sealedRows > 0);
    };
    this.flushing = run().finally(() => {
      this.flushing = null;
      // Buffers filled while writing: do not wait for the next request or the timer.
      if (this.sealedRows > 0 && !this.closed) this.scheduleFlush();
    });
    return this.flushing;
  }

  stats(model: string): { logged: number; written: number; pending: number; dropped: number; failed: number; segments: number; removed: number; bytes: number } | null {
    const state = this.models.get(model);
    if (!state) return null;
    return { logged: state.logged, written: state.written, pending: state.pendingRows, dropped: state.droppedFull, failed: state.droppedFailed, segments: state.segments, removed: state.removed, bytes: state.bytes };
  }

  /** Prometheus text, appended to the server's `/metrics`. */
  renderMetrics(): string {
    const lines: string[] = [];
    const series = (name: string, type: 'counter' | 'gauge', help: string, value: (state: ModelLog) => string[]): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const state of this.models.values()) for (const line of value(state)) lines.push(`${name}{model="${escape(state.name)}"${line}`);
    };
    series('workbench_inference_log_rows_total', 'counter', 'Rows queued for the inference log.', (s) => [`} ${s.logged}`]);
    series('workbench_inference_log_written_rows_total', 'counter', 'Rows written to inference log segments.', (s) => [`} ${s.written}`]);
    series('workbench_inference_log_dropped_rows_total', 'counter', 'Rows not logged: the queue was full (the writer fell behind) or a write failed.', (s) => [`,reason="buffer_full"} ${s.droppedFull}`, `,reason="write_failed"} ${s.droppedFailed}`]);
    series('workbench_inference_log_pending_rows', 'gauge', 'Rows queued and not yet written.', (s) => [`} ${s.pendingRows}`]);
    series('workbench_inference_log_bytes', 'gauge', "Bytes of the model's log on disk after the last flush.", (s) => [`} ${s.bytes}`]);
    series('workbench_inference_log_segments_removed_total', 'counter', 'Segments deleted for retention or the size cap.', (s) => [`} ${s.removed}`]);
    return `${lines.join('\n')}\n`;
  }

  /** Writes what is queued and stops taking more. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    this.closed = true;
    if (this.totalPending > 0) await this.flush();
  }

  private model(name: string): ModelLog {
    let state = this.models.get(name);
    if (!state) {
      state = { name, dir: join(this.settings.directory, modelFolder(name)), active: null, sealed: [], spares: [], pendingRows: 0, logged: 0, written: 0, segments: 0, droppedFull: 0, droppedFailed: 0, removed: 0, bytes: 0, registered: false, onDisk: [], listedAt: 0 };
      this.models.set(name, state);
    }
    return state;
  }

  /** Writes the model's sealed buffers, one segment each (a buffer holds one signature's rows). */
  private async flushModel(state: ModelLog): Promise<void> {
    if (state.sealed.length === 0) return;
    const taken = state.sealed;
    state.sealed = [];
    for (const buffer of taken) {
      this.sealedRows -= buffer.rows;
      state.pendingRows -= buffer.rows;
      this.totalPending -= buffer.rows;
      await this.writeSegment(state, buffer);
      if (buffer.capacity === this.settings.flushRows && state.spares.length < SPARES) {
        buffer.reset();
        state.spares.push(buffer);
      }
    }
    this.prune(state);
  }

  private async writeSegment(state: ModelLog, buffer: SegmentBuffer): Promise<void> {
    const first = buffer.firstTs;
    const target = join(state.dir, dayOf(first), segmentName(first, randomBytes(4).toString('hex')));
    try {
      const { rows, bytes } = await this.writer.write(target, buffer);
      state.onDisk.push({ path: target, bytes, modifiedMs: Date.now() });
      state.written += rows;
      state.segments++;
    } catch (error) {
      const { rows } = buffer;
      state.droppedFailed += rows;
      this.log.error('writing the inference log failed; its rows are dropped, serving goes on', error, { model: state.name, rows, path: target });
      return;
    }
    if (!state.registered && this.settings.register) {
      state.registered = true;
      const glob = join(state.dir, '**', '*.parquet');
      await this.settings.register(state.name, datasetNameOf(state.name), glob).catch((error: unknown) => {
        this.log.warn('the inference log could not be registered as a dataset', { model: state.name, dataset: datasetNameOf(state.name), error: String(error) });
      });
    }
  }

  private prune(state: ModelLog): void {
    try {
      const now = Date.now();
      if (now - state.listedAt > RELIST_MS) {
        state.onDisk = listSegments(state.dir);
        state.listedAt = now;
      }
      const { kept, removed, bytes } = enforceLimits(state.dir, state.onDisk, this.settings, now);
      state.onDisk = kept;
      state.removed += removed;
      state.bytes = bytes;
      if (removed > 0) this.log.info('inference log pruned to its retention and size cap', { model: state.name, removed, bytes });
    } catch (error) {
      this.log.warn('pruning the inference log failed', { model: state.name, error: String(error) });
    }
  }

  private warnDropped(state: ModelLog, rows: number): void {
    this.droppedSinceWarning += rows;
    const now = Date.now();
    if (now - this.lastDropWarning < DROP_WARN_MS) return;
    this.log.warn('the inference log is behind: rows dropped rather than slowing serving', { model: state.name, dropped: this.droppedSinceWarning, droppedTotal: state.droppedFull });
    this.lastDropWarning = now;
    this.droppedSinceWarning = 0;
  }
}
