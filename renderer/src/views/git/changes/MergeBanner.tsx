import { useState } from 'react';
import type { MergeState } from '../../../../../shared/contract';
import { ConfirmDialog, PathList } from '../ConfirmDialog';

interface Props {
  merge: MergeState | null;
  conflicts: string[];
  selectedPath: string | null;
  busy: boolean;
  onSelect: (path: string) => void;
  onStage: (paths: string[]) => void;
  onAbort: () => void;
}

/** A merge waiting for its conflicts to be resolved: what is being merged, the files, and the way out. */
export function MergeBanner({ merge, conflicts, selectedPath, busy, onSelect, onStage, onAbort }: Props) {
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="scm-banner scm-banner-warn" aria-labelledby="git-merge-title" data-testid="git-merge-banner">
      <h3 id="git-merge-title">
        {merge ? (
          <>
            Merging <code>{merge.theirsName}</code>
          </>
        ) : (
          'Conflicted files'
        )}
      </h3>
      {conflicts.length > 0 ? (
        <>
          <p>
            {conflicts.length === 1 ? 'One file has' : `${conflicts.length} files have`} conflicts. Edit each to keep what you want and remove the{' '}
            <code>&lt;&lt;&lt;&lt;&lt;&lt;&lt;</code>, <code>=======</code> and <code>&gt;&gt;&gt;&gt;&gt;&gt;&gt;</code> markers, stage it, then commit to conclude the merge.
          </p>
          <ul className="scm-files">
            {conflicts.map((path) => (
              <li key={path} className="scm-file" data-testid="git-conflict" data-path={path} aria-current={path === selectedPath ? 'true' : undefined}>
                <span className="scm-letter scm-letter-C" title="conflict" aria-hidden="true">
                  C
                </span>
                <button type="button" className="scm-file-name" onClick={() => onSelect(path)} aria-label={`${path}, conflicted: show the diff`}>
                  {path}
                </button>
                <span className="scm-file-actions">
                  <button type="button" className="scm-small" disabled={busy} onClick={() => onStage([path])} aria-label={`Mark ${path} resolved (stage it)`}>
                    Mark resolved
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Every conflict is resolved. Commit to conclude the merge.</p>
      )}
      {merge && (
        <div className="actions">
          <button type="button" className="scm-danger" disabled={busy} onClick={() => setConfirming(true)}>
            Abort merge
          </button>
        </div>
      )}
      {confirming && merge && (
        <ConfirmDialog
          title={`Abort merging ${merge.theirsName}?`}
          confirm="Abort merge"
          danger
          onClose={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onAbort();
          }}
        >
          <p>The files go back to the last commit, and the merge is forgotten.</p>
          {conflicts.length > 0 && (
            <>
              <p>These files are copied to .workbench/backups/merge first, so any resolution you made can be recovered:</p>
              <PathList paths={conflicts} />
            </>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
