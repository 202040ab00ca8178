import { shortOid } from '../history/format';
import type { MergeOutcome } from './use-ref-actions';

/** What a merge did, in words; conflicts are listed, and resolved in the Changes tab. */
export function MergeOutcomeView({ outcome, onDismiss }: { outcome: MergeOutcome; onDismiss: () => void }) {
  const { theirs, into, result } = outcome;
  const conflicted = result.result === 'conflicts';
  return (
    <div className={`git-outcome${conflicted ? ' git-outcome-warn' : ''}`} role={conflicted ? 'alert' : 'status'} data-testid="git-merge-outcome">
      <div className="git-outcome-text">
        {result.result === 'up_to_date' && (
          <p>
            Already up to date: {into} already contains everything on {theirs}.
          </p>
        )}
        {result.result === 'fast_forward' && (
          <p>
            Fast-forwarded {into} to {theirs}
            {result.oid && <> (now at <code>{shortOid(result.oid)}</code>)</>}.
          </p>
        )}
        {result.result === 'merged' && (
          <p>
            Merged {theirs} into {into}
            {result.oid && <>: new merge commit <code>{shortOid(result.oid)}</code></>}.
          </p>
        )}
        {conflicted && (
          <>
            <p>
              Merging {theirs} into {into} stopped: {result.conflicts.length === 1 ? 'one file was' : `${result.conflicts.length} files were`} changed on both sides.
              Resolve the conflicts in the Changes tab, then commit to finish the merge (or abort it there).
            </p>
            <ul className="git-outcome-files">
              {result.conflicts.map((path) => (
                <li key={path}>
                  <code>{path}</code>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <button type="button" className="link-button" onClick={onDismiss} aria-label="Dismiss the merge result">
        Dismiss
      </button>
    </div>
  );
}
