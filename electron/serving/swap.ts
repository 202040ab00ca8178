import type { Logger } from '../log';
import type { ModelSource, OpenScorer, Scorer } from './types';
import { planInputs, type InputPlan } from './validate';

/** One loaded version: its scoring session, its input plan, and who is using it. */
export interface Loaded {
  readonly scorer: Scorer;
  readonly version: number;
  readonly plan: InputPlan;
  readonly loadedAt: number;
  refs: number;
  retired: boolean;
}

export async function loadVersion(open: OpenScorer, packageDir: string, version: number): Promise<Loaded> {
  const scorer = await open(packageDir);
  return { scorer, version, plan: planInputs(scorer.signature), loadedAt: Date.now(), refs: 0, retired: false };
}

/**
 * A model a server serves under one name. Requests take the current version
 * with {@link acquire} and give it back with {@link release}; a swap replaces
 * the current version in one assignment, so each request sees one version from
 * start to end, and the old session is released when its last request is done.
 */
export class ModelSlot {
  private loaded: Loaded;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    readonly name: string,
    readonly uri: string,
    first: Loaded,
    private readonly log: Logger,
  ) {
    this.loaded = first;
  }

  /** The model's registry name and alias when the URI names one (`models:/churn@champion`). */
  get alias(): { model: string; alias: string } | null {
    const match = /^models:\/([^/@]+)@(.+)$/.exec(this.uri);
    return match ? { model: match[1] as string, alias: match[2] as string } : null;
  }

  get current(): Loaded {
    return this.loaded;
  }

  acquire(): Loaded {
    const loaded = this.loaded;
    loaded.refs++;
    return loaded;
  }

  release(loaded: Loaded): void {
    loaded.refs--;
    if (loaded.retired && loaded.refs === 0) this.dispose(loaded);
  }

  /**
   * Loads what the URI names now and swaps it in; resolves true when the
   * version changed. Swaps run one at a time, and a failed load keeps the old
   * version serving.
   */
  reload(source: ModelSource, open: OpenScorer): Promise<boolean> {
    const run = this.queue.then(async () => {
      if (this.closed) return false;
      const resolved = source.resolve(this.uri);
      if (resolved.version === this.loaded.version) return false;
      const next = await loadVersion(open, resolved.packageDir, resolved.version);
      if (this.closed) {
        await next.scorer.release();
        return false;
      }
      const old = this.loaded;
      this.loaded = next;
      old.retired = true;
      if (old.refs === 0) this.dispose(old);
      this.log.info('model server swapped a version in', { model: this.name, uri: this.uri, from: old.version, to: next.version });
      return true;
    });
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** No more swaps; the current version goes once its requests are done. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    const last = this.loaded;
    last.retired = true;
    if (last.refs === 0) this.dispose(last);
  }

  private dispose(loaded: Loaded): void {
    // Once only: refs can touch 0 again if a late release comes after close.
    if (loaded.refs < 0) return;
    loaded.refs = -1;
    loaded.scorer.release().catch((error: unknown) => this.log.error('releasing a scoring session failed', error, { model: this.name, version: loaded.version }));
  }
}
