import { useState } from 'react';
import type { WorkbenchClient } from '../../../../shared/client';
import type { GitRefs } from '../../../../shared/contract';
import { BranchTable } from './branches/BranchTable';
import { ConfirmDialog } from './ConfirmDialog';
import { CreateBranchForm } from './branches/CreateBranchForm';
import { CreateTagForm } from './branches/CreateTagForm';
import { DeleteBranchDialog } from './branches/DeleteBranchDialog';
import { MergeOutcomeView } from './branches/MergeOutcomeView';
import { RemoteBranchTable } from './branches/RemoteBranchTable';
import { TagTable } from './branches/TagTable';
import { useRefActions } from './branches/use-ref-actions';
import { useShownValue } from './branches/use-shown-value';
import type { GitStatusValue } from './use-git-status';
import './branches/branches.css';

const readRefs = (client: WorkbenchClient): Promise<GitRefs> => client.call('git.refs', {});

/** Branches (local and remote) and tags: create, switch, rename, delete, merge into the current branch. */
export function BranchesPanel({ status, active }: { status: GitStatusValue; active: boolean }) {
  const refs = useShownValue(readRefs, active, `${status.value?.head ?? ''}|${status.value?.branch ?? ''}`);
  const actions = useRefActions(refs, status);
  const [fastForwardOnly, setFastForwardOnly] = useState(false);
  const [deletingBranch, setDeletingBranch] = useState<string | null>(null);
  const [deletingTag, setDeletingTag] = useState<string | null>(null);
  const value = refs.value;
  const current = status.value?.detached ? null : (value?.current ?? status.value?.branch ?? null);
  const merge = (theirs: string): void => void actions.mergeIntoCurrent(theirs, fastForwardOnly);

  return (
    <div className="git-branches">
      {refs.failure && (
        <p className="git-history-failure" role="alert">
          Could not read the branches: {refs.failure}
        </p>
      )}
      {status.value?.detached && (
        <p className="git-outcome git-outcome-warn" role="status">
          HEAD is detached at <code>{status.value.head?.slice(0, 7)}</code>: new commits belong to no branch. Create a branch here to keep them.
        </p>
      )}
      {status.value?.merge && (
        <p className="git-outcome git-outcome-warn" role="status">
          A merge of {status.value.merge.theirsName} is in progress: finish or abort it in the Changes tab.
        </p>
      )}
      {actions.merge && <MergeOutcomeView outcome={actions.merge} onDismiss={actions.dismissMerge} />}

      <section className="git-ref-section" aria-labelledby="git-branches-title">
        <div className="git-section-head">
          <h2 id="git-branches-title">Branches</h2>
          <label className="git-check" title="Refuse a merge that would need a merge commit">
            <input type="checkbox" checked={fastForwardOnly} onChange={(event) => setFastForwardOnly(event.target.checked)} />
            Merge only by fast-forward
          </label>
        </div>
        <CreateBranchForm refs={value} busy={actions.busy} onCreate={actions.createBranch} />
        {value && (
          <BranchTable
            branches={value.branches}
            current={current}
            busy={actions.busy}
            onSwitch={(name) => void actions.switchTo(name)}
            onMerge={merge}
            onRename={actions.renameBranch}
            onDelete={setDeletingBranch}
          />
        )}
      </section>

      <section className="git-ref-section" aria-labelledby="git-remote-branches-title">
        <h2 id="git-remote-branches-title">Remote branches</h2>
        {value && <RemoteBranchTable remoteBranches={value.remoteBranches} current={current} busy={actions.busy} onSwitch={(name) => void actions.switchToRemote(name)} onMerge={merge} />}
      </section>

      <section className="git-ref-section" aria-labelledby="git-tags-title">
        <h2 id="git-tags-title">Tags</h2>
        <CreateTagForm refs={value} busy={actions.busy} onCreate={actions.createTag} />
        {value && <TagTable tags={value.tags} busy={actions.busy} onCheckout={(name) => void actions.switchTo(name)} onDelete={setDeletingTag} />}
      </section>

      {deletingBranch && <DeleteBranchDialog name={deletingBranch} onDeleted={refs.accept} onClose={() => setDeletingBranch(null)} />}
      {deletingTag && (
        <ConfirmDialog
          title={`Delete the tag ${deletingTag}?`}
          confirm="Delete"
          busy={actions.busy}
          onConfirm={() => void actions.deleteTag(deletingTag).then(() => setDeletingTag(null))}
          onClose={() => setDeletingTag(null)}
        >
          <p>Only the tag goes; the commit it points at stays. A tag already pushed stays on the remote until deleted there.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
