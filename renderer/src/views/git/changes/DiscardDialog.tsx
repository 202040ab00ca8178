import { ConfirmDialog, PathList } from '../ConfirmDialog';

interface Props {
  paths: string[];
  /** Which of them are untracked: those are deleted, not restored. */
  untracked: ReadonlySet<string>;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Names the files whose changes would be thrown away, and says plainly that untracked ones are deleted. */
export function DiscardDialog({ paths, untracked, onConfirm, onCancel }: Props) {
  const deleted = paths.filter((path) => untracked.has(path));
  const restored = paths.filter((path) => !untracked.has(path));
  const title = paths.length === 1 ? `Discard the changes to ${paths[0]}?` : `Discard the changes to ${paths.length} files?`;
  return (
    <ConfirmDialog title={title} confirm={deleted.length === paths.length ? 'Delete' : 'Discard'} danger onConfirm={onConfirm} onClose={onCancel}>
      {restored.length > 0 && (
        <>
          <p>{restored.length === 1 ? 'This file goes' : 'These files go'} back to the staged (or last committed) version:</p>
          <PathList paths={restored} />
        </>
      )}
      {deleted.length > 0 && (
        <>
          <p>
            <strong>{deleted.length === 1 ? 'This untracked file is' : 'These untracked files are'} deleted:</strong>
          </p>
          <PathList paths={deleted} />
        </>
      )}
      <p className="scm-note">A copy of each is kept in .workbench/backups/discarded first.</p>
    </ConfirmDialog>
  );
}
