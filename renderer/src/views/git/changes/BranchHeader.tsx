import type { GitStatus } from '../../../../../shared/contract';

/** The branch (or the detached commit, as a warning) and how far it is from its upstream. */
export function BranchHeader({ status, onRefresh }: { status: GitStatus; onRefresh: () => void }) {
  return (
    <div className="scm-branch-header" data-testid="git-branch">
      {status.detached ? (
        <p className="scm-warning" role="status">
          <strong>Detached at {status.head?.slice(0, 7) ?? 'an unknown commit'}.</strong> Commits made here belong to no branch: create one in Branches &amp; tags to keep them.
        </p>
      ) : (
        <span className="scm-branch-name">
          On branch <strong>{status.branch ?? '(none)'}</strong>
          {!status.head && <span className="badge">no commits yet</span>}
        </span>
      )}
      {status.upstream ? (
        <span className="scm-upstream" aria-label={`${status.ahead} ahead of and ${status.behind} behind ${status.upstream}`}>
          <span title="commits to push">↑{status.ahead}</span> <span title="commits to pull">↓{status.behind}</span> <span className="scm-note">{status.upstream}</span>
        </span>
      ) : (
        status.branch && <span className="scm-note">no upstream</span>
      )}
      <button type="button" className="scm-small scm-refresh" onClick={onRefresh} aria-label="Refresh the status">
        Refresh
      </button>
    </div>
  );
}
