import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RunSummary } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import type { RunKeys } from './run-columns';
import { PAGE_SIZE, PagedRows } from './run-pages';

export interface RunsQuery {
  /** Empty: every active experiment. */
  experimentIds: string[];
  filter: string;
  orderBy: string[];
  includeChildren: boolean;
}

export interface RunsSearch {
  /** Runs matching, all pages together; null before the first answer. */
  total: number | null;
  keys: RunKeys;
  rowAt: (index: number) => RunSummary | undefined;
  /** Fetches the pages holding rows first..last that are not held or are stale. */
  request: (first: number, last: number) => void;
  /** Every run held (the pages read so far). */
  held: () => RunSummary[];
  /** The position of a held run, or -1. */
  findIndex: (runId: string) => number;
  /** Why the search failed: MLflow's message for a filter it cannot parse, say. */
  failure: string | null;
  /** True until this query's first answer. */
  loading: boolean;
  /** Keeps what is shown but reads the pages on screen again (after runs changed). */
  refresh: () => void;
  /** Changes on each refresh: the table asks again for the rows it shows. */
  epoch: number;
}

const noKeys: RunKeys = { params: [], metrics: [], tags: [] };

/** One query's pages and what is on its way. A fetch started before the last refresh is not stored. */
class Search {
  readonly rows = new PagedRows<RunSummary>(PAGE_SIZE);
  private readonly inflight = new Map<number, number>();
  private generation = 0;
  private closed = false;

  constructor(
    readonly query: RunsQuery,
    readonly workspacePath: string | null,
  ) {}

  /** Whether the page is neither on its way nor asked for before the last refresh. */
  needs(page: number): boolean {
    const started = this.inflight.get(page);
    return started === undefined || started < this.generation;
  }

  /** Marks the page as on its way; returns the token its answer must show. */
  begin(page: number): number {
    this.inflight.set(page, this.generation);
    return this.generation;
  }

  end(page: number, token: number): void {
    if (this.inflight.get(page) === token) this.inflight.delete(page);
  }

  /** Whether an answer with this token is still wanted. */
  current(token: number): boolean {
    return !this.closed && token === this.generation;
  }

  get open(): boolean {
    return !this.closed;
  }

  invalidate(): void {
    this.rows.markStale();
    this.generation++;
  }

  close(): void {
    this.closed = true;
  }
}

interface Answer {
  search: Search;
  total: number | null;
  keys: RunKeys;
  failure: string | null;
}

/**
 * Runs of a search, paged by the backend (`tracking.searchRuns`, sorted and
 * filtered there) as the table scrolls, so 10,000 runs cost what a screenful
 * does. `query` must keep its identity while its values do (memoise it).
 */
export function useRunsSearch(query: RunsQuery): RunsSearch {
  const { client, workspace } = useBackend();
  const workspacePath = workspace?.path ?? null;
  // A new query or another workspace starts afresh.
  const search = useMemo(() => new Search(query, workspacePath), [query, workspacePath]);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [epoch, setEpoch] = useState(0);

  const fetchPage = useCallback(
    (page: number) => {
      const token = search.begin(page);
      client
        .call('tracking.searchRuns', { ...search.query, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then(
          (result) => {
            if (!search.current(token)) return;
            search.rows.store(page, result.runs);
            setAnswer({ search, total: result.total, keys: result.keys, failure: null });
          },
          (error: unknown) => {
            if (!search.open) return;
            setAnswer((previous) => ({
              search,
              total: previous?.search === search ? previous.total : 0,
              keys: previous?.keys ?? noKeys,
              failure: error instanceof Error ? error.message : String(error),
            }));
          },
        )
        .finally(() => search.end(page, token));
    },
    [client, search],
  );

  useEffect(() => {
    fetchPage(0);
    const stop = client.onConnectionChange((state) => {
      if (state !== 'connected') return;
      search.invalidate();
      setEpoch((n) => n + 1);
      fetchPage(0);
    });
    return () => {
      search.close();
      stop();
    };
  }, [client, search, fetchPage]);

  const current = answer?.search === search ? answer : null;
  const total = current?.total ?? null;

  const request = useCallback(
    (first: number, last: number) => {
      for (const page of search.rows.missing(first, last, total ?? PAGE_SIZE)) if (search.needs(page)) fetchPage(page);
    },
    [search, fetchPage, total],
  );

  const refresh = useCallback(() => {
    search.invalidate();
    setEpoch((n) => n + 1);
    fetchPage(0);
  }, [search, fetchPage]);

  const rowAt = useCallback((index: number) => search.rows.at(index), [search]);
  const held = useCallback(() => search.rows.held(), [search]);
  const findIndex = useCallback((runId: string) => search.rows.findIndex((run) => run.id === runId), [search]);

  return {
    total,
    keys: current?.keys ?? answer?.keys ?? noKeys,
    rowAt,
    request,
    held,
    findIndex,
    failure: current?.failure ?? null,
    loading: current === null,
    refresh,
    epoch,
  };
}
