import { useCallback, useEffect, useMemo, useState } from 'react';
import type { WorkbenchClient } from '../../../../../shared/client';
import type { QueryResult, ResultFilter, ResultSort } from '../../../../../shared/contract';
import { PAGE_ROWS, PageCache, type Row } from './pages';

/** One view (sort + filters) of a result: its page cache and the pages being fetched. */
class Pager {
  readonly cache: PageCache;
  readonly inflight = new Set<number>();
  closed = false;

  constructor(
    seed: Row[],
    readonly sort: ResultSort[],
    readonly filters: ResultFilter[],
  ) {
    this.cache = new PageCache(seed);
  }
}

export interface ResultRows {
  rowAt: (index: number) => Row | undefined;
  /** Fetches the pages holding rows first..last, those not cached or on their way. */
  request: (first: number, last: number) => void;
  /** Rows to show before the count is in: the seed or the pages loaded so far. */
  knownRows: number;
  exactFromPages: number | null;
  loading: boolean;
  error: unknown;
}

/**
 * Rows of a result as the grid scrolls: a pageable result is paged from DuckDB
 * (`data.page`, sorted and filtered there), 500 rows a call, fetched on demand
 * and cached by page; a script's result is shown as it came.
 */
export function useResultRows(client: WorkbenchClient, result: QueryResult, sort: ResultSort[], filters: ResultFilter[]): ResultRows {
  const pageable = result.pageable;
  const plain = sort.length === 0 && filters.length === 0;
  // A new view starts a new cache; the first rows of the query serve the unsorted, unfiltered view.
  const pager = useMemo(() => new Pager(plain || !pageable ? result.rows : [], sort, filters), [result, sort, filters, plain, pageable]);
  const [, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(0);

  useEffect(
    () => () => {
      pager.closed = true;
    },
    [pager],
  );

  const fetchPage = useCallback(
    (page: number) => {
      pager.inflight.add(page);
      setLoading((n) => n + 1);
      client
        .call('data.page', { resultId: result.resultId, offset: page * PAGE_ROWS, limit: PAGE_ROWS, sort: pager.sort, filters: pager.filters })
        .then(
          (answer) => {
            if (pager.closed) return;
            pager.cache.store(page, answer.rows);
            setError(null);
            setVersion((v) => v + 1);
          },
          (failure: unknown) => !pager.closed && setError(failure),
        )
        .finally(() => {
          pager.inflight.delete(page);
          setLoading((n) => n - 1);
        });
    },
    [client, pager, result.resultId],
  );

  const request = useCallback(
    (first: number, last: number) => {
      if (!pageable) return;
      const total = Number.MAX_SAFE_INTEGER;
      for (const page of pager.cache.missing(first, last, total)) if (!pager.inflight.has(page)) fetchPage(page);
    },
    [fetchPage, pageable, pager],
  );

  const exactFromPages = pageable ? pager.cache.countFromShortPage() : result.rows.length;
  const rowAt = useCallback((index: number) => pager.cache.row(index), [pager]);
  return { rowAt, request, knownRows: pageable ? pager.cache.scrollableRows() : result.rows.length, exactFromPages, loading: loading > 0, error };
}

export interface ResultCount {
  rows: number | null;
  counting: boolean;
  error: unknown;
}

/** The exact row count of the view: from the query when it knew, else `data.countResult` (with filters), cancelled when the view changes. */
export function useResultCount(client: WorkbenchClient, result: QueryResult, filters: ResultFilter[]): ResultCount {
  const known = filters.length === 0 ? result.rowCount : null;
  const needsCount = result.pageable && known === null;
  const [counted, setCounted] = useState<{ result: QueryResult; filters: ResultFilter[]; rows: number | null; error: unknown } | null>(null);

  useEffect(() => {
    if (!needsCount) return;
    const controller = new AbortController();
    client.call('data.countResult', { resultId: result.resultId, filters }, { signal: controller.signal }).then(
      (answer) => !controller.signal.aborted && setCounted({ result, filters, rows: answer.rows, error: null }),
      (error: unknown) => !controller.signal.aborted && setCounted({ result, filters, rows: null, error }),
    );
    return () => controller.abort();
  }, [client, result, filters, needsCount]);

  if (!result.pageable) return { rows: result.truncated ? null : result.rows.length, counting: false, error: null };
  if (known !== null) return { rows: known, counting: false, error: null };
  // A count for an earlier view is not this view's count.
  const current = counted && counted.result === result && counted.filters === filters ? counted : null;
  return { rows: current?.rows ?? null, counting: current === null, error: current?.error ?? null };
}
