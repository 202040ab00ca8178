import type { ServingRequest } from '../../shared/contract';

export const LOG_CAPACITY = 1000;
/** At most this many `serving.request` events per flush (every 50 ms): a live log, not a firehose. */
const EVENTS_PER_FLUSH = 250;
const FLUSH_MS = 50;

/**
 * A server's recent requests (a ring of the last {@link LOG_CAPACITY}), and
 * their events, sent off the request path in small batches. Past
 * 5,000 requests a second the events carry the newest of each batch only;
 * the ring, the counters and the metrics still count every request.
 */
export class RequestLog {
  private readonly ring: (ServingRequest | undefined)[] = new Array<ServingRequest | undefined>(LOG_CAPACITY);
  private next = 0;
  private size = 0;
  private pending: ServingRequest[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly emit: (request: ServingRequest) => void) {}

  push(entry: ServingRequest): void {
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % LOG_CAPACITY;
    if (this.size < LOG_CAPACITY) this.size++;
    this.pending.push(entry);
    if (this.pending.length > EVENTS_PER_FLUSH * 4) this.pending.splice(0, this.pending.length - EVENTS_PER_FLUSH);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Newest first. */
  recent(limit: number): ServingRequest[] {
    const out: ServingRequest[] = [];
    for (let i = 1; i <= Math.min(limit, this.size); i++) out.push(this.ring[(this.next - i + LOG_CAPACITY) % LOG_CAPACITY] as ServingRequest);
    return out;
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending.length > EVENTS_PER_FLUSH ? this.pending.slice(-EVENTS_PER_FLUSH) : this.pending;
    this.pending = [];
    for (const entry of batch) this.emit(entry);
  }
}
