import { useEffect, useMemo, useState } from 'react';
import { BranchHeader } from './changes/BranchHeader';
import { CommitBox } from './changes/CommitBox';
import { DiscardDialog } from './changes/DiscardDialog';
import { conflictedPaths, groupFiles } from './changes/file-groups';
import { FileGroup } from './changes/FileGroup';
import { MergeBanner } from './changes/MergeBanner';
import { useGitActions } from './changes/use-git-actions';
import { useRefreshOnFocus } from './changes/use-refresh-on-focus';
import { useSelectedDiff } from './changes/use-selected-diff';
import { DiffEditor } from './DiffEditor';
import type { GitStatusValue } from './use-git-status';

interface Props {
  status: GitStatusValue;
  /** The Changes tab is the one shown: its status is refreshed when it comes back and on window focus. */
  active?: boolean;
}

/** Staged, unstaged and untracked files with their diffs, the commit box, and the merge and index states that need the user. */
export function ChangesPanel({ status, active = true }: Props) {
  const actions = useGitActions(status);
  const value = status.value;
  const groups = useMemo(() => groupFiles(value?.files ?? []), [value]);
  const conflicts = useMemo(() => conflictedPaths(value?.files ?? [], value?.merge?.conflicts ?? []), [value]);
  const untracked = useMemo(() => new Set(groups.untracked.map((entry) => entry.path)), [groups]);
  const shown = useSelectedDiff(value, groups, conflicts, actions.noteFailure);
  const [discarding, setDiscarding] = useState<string[] | null>(null);
  const { probeIndex } = actions;

  useRefreshOnFocus(status.reload, active);
  useEffect(() => {
    if (status.failure) probeIndex();
  }, [status.failure, probeIndex]);

  const selectedIn = (group: 'staged' | 'unstaged' | 'untracked' | 'conflicts'): string | null => (shown.selected?.group === group ? shown.selected.path : null);
  const untrackedNote = value?.untrackedTruncated
    ? `${value.untrackedCount.toLocaleString()} untracked files exist; only the first ${groups.untracked.length.toLocaleString()} are listed. Add folders of data or outputs to .gitignore to keep them out.`
    : undefined;

  return (
    <div className="scm-changes" data-testid="git-changes">
      <div className="scm-changes-side">
        {value && <BranchHeader status={value} onRefresh={status.reload} />}
        {status.failure && !actions.indexCorrupt && (
          <p className="scm-error-text" role="alert">
            Could not read the repository&apos;s status: {status.failure}{' '}
            <button type="button" className="link-button" onClick={status.reload}>
              Try again
            </button>
          </p>
        )}
        {!value && !status.failure && <p className="scm-note">Reading the status…</p>}
        {actions.indexCorrupt && (
          <section className="scm-banner scm-banner-error" role="alert" data-testid="git-index-banner">
            <h3>The index is damaged</h3>
            <p>
              Git&apos;s list of staged files (<code>.git/index</code>) cannot be read. Repairing rebuilds it from the last commit: staged changes are
              unstaged, your working files are not touched, and the damaged file is kept in .workbench/backups.
            </p>
            <div className="actions">
              <button type="button" className="scm-primary" disabled={actions.busy} onClick={() => void actions.repairIndex()}>
                Repair index
              </button>
            </div>
          </section>
        )}
        {value && (value.merge || conflicts.length > 0) && (
          <MergeBanner
            merge={value.merge}
            conflicts={conflicts}
            selectedPath={selectedIn('conflicts')}
            busy={actions.busy}
            onSelect={(path) => shown.select({ group: 'conflicts', path })}
            onStage={(paths) => void actions.stage(paths)}
            onAbort={() => void actions.abortMerge()}
          />
        )}
        {value && (
          <>
            <CommitBox
              status={value}
              stagedCount={groups.staged.length}
              conflicts={conflicts.length}
              busy={actions.busy}
              onCommitted={status.accept}
              noteFailure={actions.noteFailure}
            />
            <FileGroup
              id="staged"
              title="Staged changes"
              files={groups.staged}
              selectedPath={selectedIn('staged')}
              busy={actions.busy}
              onSelect={(path) => shown.select({ group: 'staged', path })}
              onUnstage={(paths) => void actions.unstage(paths)}
            />
            <FileGroup
              id="unstaged"
              title="Changes"
              files={groups.unstaged}
              selectedPath={selectedIn('unstaged')}
              busy={actions.busy}
              onSelect={(path) => shown.select({ group: 'unstaged', path })}
              onStage={(paths) => void actions.stage(paths)}
              onDiscard={setDiscarding}
            />
            <FileGroup
              id="untracked"
              title="Untracked files"
              files={groups.untracked}
              selectedPath={selectedIn('untracked')}
              busy={actions.busy}
              onSelect={(path) => shown.select({ group: 'untracked', path })}
              onStage={(paths) => void actions.stage(paths)}
              onDiscard={setDiscarding}
              footnote={untrackedNote}
            />
          </>
        )}
      </div>
      <div className="scm-changes-diff">
        <DiffEditor diff={shown.diff} loading={shown.loading} onToggleOutputs={shown.setOutputs} />
      </div>
      {discarding && (
        <DiscardDialog
          paths={discarding}
          untracked={untracked}
          onCancel={() => setDiscarding(null)}
          onConfirm={() => {
            const paths = discarding;
            setDiscarding(null);
            void actions.discard(paths);
          }}
        />
      )}
    </div>
  );
}
