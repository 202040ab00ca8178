import { useState } from 'react';
import { isWorkbenchError, type GitRefs } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { ConfirmDialog } from '../ConfirmDialog';

interface Props {
  name: string;
  onDeleted: (refs: GitRefs) => void;
  onClose: () => void;
}

/**
 * Deletes a branch after a confirmation. When git refuses because the branch is
 * not merged (`conflict`), a second question says its commits would be lost
 * from view and offers to force it.
 */
export function DeleteBranchDialog({ name, onDeleted, onClose }: Props) {
  const { client } = useBackend();
  const { reportError, inform } = useNotices();
  const [busy, setBusy] = useState(false);
  const [unmerged, setUnmerged] = useState<string | null>(null);

  const remove = (force: boolean): void => {
    setBusy(true);
    client.call('git.deleteBranch', { name, force }).then(
      (refs) => {
        inform(`Deleted the branch ${name}.`);
        onDeleted(refs);
        onClose();
      },
      (error: unknown) => {
        setBusy(false);
        if (!force && isWorkbenchError(error) && error.code === 'conflict') setUnmerged(error.message);
        else {
          reportError(error);
          onClose();
        }
      },
    );
  };

  // One dialog whose question changes, so the modal stays open between the two steps.
  return unmerged === null ? (
    <ConfirmDialog title={`Delete the branch ${name}?`} confirm="Delete" busy={busy} onConfirm={() => remove(false)} onClose={onClose}>
      <p>The branch name goes away; commits merged elsewhere stay in the history. No working file changes.</p>
    </ConfirmDialog>
  ) : (
    <ConfirmDialog title={`${name} is not merged`} confirm="Delete anyway" busy={busy} onConfirm={() => remove(true)} onClose={onClose}>
      <p>{unmerged}</p>
      <p>Deleting it anyway drops the commits that only this branch holds from every branch list and from the history.</p>
    </ConfirmDialog>
  );
}
