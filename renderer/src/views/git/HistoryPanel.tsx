import { useState } from 'react';
import { CommitDetails } from './history/CommitDetails';
import { HistoryList } from './history/HistoryList';
import { useHistory } from './history/use-history';
import type { GitStatusValue } from './use-git-status';
import './history/history.css';

/** The log of every branch with its graph; a selected commit shows its details and diffs below. */
export function HistoryPanel({ status, active }: { status: GitStatusValue; active: boolean }) {
  const head = status.value?.head ?? null;
  const history = useHistory(active, head);
  const [selected, setSelected] = useState<string | null>(null);
  const current = status.value?.detached ? null : (status.value?.branch ?? null);

  return (
    <div className="git-history">
      <div className="git-history-toolbar">
        <span className="git-muted" role="status">
          {history.loading ? 'Reading the history…' : history.loaded && !history.failure ? `${history.commits.length}${history.hasMore ? '+' : ''} commits` : ''}
        </span>
        <button type="button" onClick={history.reload} disabled={history.loading}>
          Refresh
        </button>
      </div>
      {history.failure ? (
        <p className="git-history-failure" role="alert">
          Could not read the history: {history.failure}
        </p>
      ) : history.loaded && history.commits.length === 0 ? (
        <p className="empty-state">No commits yet. Commit your first changes in the Changes tab.</p>
      ) : (
        <HistoryList commits={history.commits} rows={history.rows} current={current} remoteBranches={history.remoteBranches} selected={selected} onSelect={setSelected} />
      )}
      {history.hasMore && (
        <div className="git-history-more">
          <button type="button" onClick={history.loadMore} disabled={history.loading}>
            Load more
          </button>
        </div>
      )}
      {selected && <CommitDetails key={selected} oid={selected} onSelect={setSelected} />}
    </div>
  );
}
