import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CommitSummary } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { layoutGraph, type GraphRow } from './graph';

const PAGE = 200;
/** `git.log` answers at most this many commits at once. */
const MOST = 2000;

export interface History {
  commits: CommitSummary[];
  rows: GraphRow[];
  hasMore: boolean;
  /** Remote branch names (`origin/main`), to tell their badges from local branches'. */
  remoteBranches: ReadonlySet<string>;
  loading: boolean;
  /** False until the first answer. */
  loaded: boolean;
  failure: string | null;
  loadMore: () => void;
  reload: () => void;
}

interface Page {
  /** The request this answers (see `want`). */
  key: string;
  commits: CommitSummary[];
  hasMore: boolean;
  remoteBranches: ReadonlySet<string>;
  failure: string | null;
}

/**
 * The commit log, read each time the panel is shown and whenever HEAD moves
 * while it is; "Load more" pages on with `skip`. A reload asks for as many
 * commits as are already shown, so the list does not shrink under the user.
 */
export function useHistory(active: boolean, head: string | null): History {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const [page, setPage] = useState<Page | null>(null);
  const [moreLoading, setMoreLoading] = useState(false);
  const [refreshes, setRefreshes] = useState(0);
  // Counted while rendering (React's pattern for reacting to a prop change), so each showing reads afresh.
  const [activations, setActivations] = useState(active ? 1 : 0);
  const [wasActive, setWasActive] = useState(active);
  if (active !== wasActive) {
    setWasActive(active);
    if (active) setActivations((n) => n + 1);
  }
  const want = `${head ?? ''}|${activations}|${refreshes}`;
  // A newer read drops the answers of older ones, "Load more" pages included.
  const generation = useRef(0);
  const shown = useRef(0);

  useEffect(() => {
    if (!active) return;
    const mine = ++generation.current;
    const limit = Math.min(MOST, Math.max(PAGE, shown.current));
    Promise.all([client.call('git.log', { limit, skip: 0 }), client.call('git.refs', {}).catch(() => null)]).then(
      ([log, refs]) => {
        if (mine !== generation.current) return;
        shown.current = log.commits.length;
        setPage((previous) => ({
          key: want,
          commits: log.commits,
          hasMore: log.hasMore,
          remoteBranches: refs ? new Set(refs.remoteBranches.map((branch) => branch.name)) : (previous?.remoteBranches ?? new Set()),
          failure: null,
        }));
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        const failure = error instanceof Error ? error.message : String(error);
        setPage({ key: want, commits: [], hasMore: false, remoteBranches: new Set(), failure });
      },
    );
  }, [client, active, want]);

  const loadMore = useCallback(() => {
    const mine = generation.current;
    setMoreLoading(true);
    client.call('git.log', { limit: PAGE, skip: shown.current }).then(
      (log) => {
        setMoreLoading(false);
        if (mine !== generation.current) return;
        setPage((previous) => {
          if (!previous) return previous;
          // Commits made since the first page shift the pages: never list one twice.
          const known = new Set(previous.commits.map((commit) => commit.oid));
          const commits = [...previous.commits, ...log.commits.filter((commit) => !known.has(commit.oid))];
          shown.current = commits.length;
          return { ...previous, commits, hasMore: log.hasMore };
        });
      },
      (error: unknown) => {
        setMoreLoading(false);
        reportError(error);
      },
    );
  }, [client, reportError]);

  const reload = useCallback(() => setRefreshes((n) => n + 1), []);
  const commits = useMemo(() => page?.commits ?? [], [page]);
  const rows = useMemo(() => layoutGraph(commits), [commits]);
  return {
    commits,
    rows,
    hasMore: page?.hasMore ?? false,
    remoteBranches: page?.remoteBranches ?? new Set(),
    loading: moreLoading || (active && page?.key !== want),
    loaded: page !== null,
    failure: page?.failure ?? null,
    loadMore,
    reload,
  };
}
