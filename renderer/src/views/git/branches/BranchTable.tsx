import { useState, type SyntheticEvent } from 'react';
import type { GitRefs } from '../../../../../shared/contract';
import { shortOid } from '../history/format';
import { RefTable } from '../RefTable';

interface Props {
  branches: GitRefs['branches'];
  /** The checked-out branch; null on a detached HEAD. */
  current: string | null;
  busy: boolean;
  onSwitch: (name: string) => void;
  onMerge: (name: string) => void;
  onRename: (from: string, to: string) => Promise<boolean>;
  onDelete: (name: string) => void;
}

/** Local branches, the current one marked; each can be switched to, merged into the current one, renamed or deleted. */
export function BranchTable({ branches, current, busy, onSwitch, onMerge, onRename, onDelete }: Props) {
  const [renaming, setRenaming] = useState<string | null>(null);
  if (branches.length === 0) return <p className="git-muted">No branches yet: the first commit makes one.</p>;
  return (
    <RefTable label="Branches" columns={['Branch', 'Upstream', 'Commit']}>
      {branches.map((branch) => {
        const isCurrent = branch.name === current;
        return (
          <tr key={branch.name} aria-current={isCurrent ? 'true' : undefined} data-branch={branch.name}>
            <th scope="row">
              {renaming === branch.name ? (
                <RenameForm name={branch.name} busy={busy} onRename={(to) => onRename(branch.name, to)} onDone={() => setRenaming(null)} />
              ) : (
                <>
                  <span className="git-branch-name">{branch.name}</span>
                  {isCurrent && <span className="git-ref git-ref-current git-ref-inline">current</span>}
                </>
              )}
            </th>
            <td>{branch.upstream ?? <span className="git-muted">none</span>}</td>
            <td>
              <code>{shortOid(branch.oid)}</code>
            </td>
            <td className="git-row-actions">
              <div>
                <button type="button" disabled={busy || isCurrent} onClick={() => onSwitch(branch.name)} aria-label={`Switch to ${branch.name}`}>
                  Switch
                </button>
                <button
                  type="button"
                  disabled={busy || isCurrent || current === null}
                  onClick={() => onMerge(branch.name)}
                  aria-label={`Merge ${branch.name} into ${current ?? 'the current branch'}`}
                  title={current === null ? 'Switch to a branch first: HEAD is detached' : `Merge ${branch.name} into ${current}`}
                >
                  Merge
                </button>
                <button type="button" disabled={busy || renaming !== null} onClick={() => setRenaming(branch.name)} aria-label={`Rename ${branch.name}`}>
                  Rename
                </button>
                <button
                  type="button"
                  className="scm-danger"
                  disabled={busy || isCurrent}
                  onClick={() => onDelete(branch.name)}
                  aria-label={`Delete ${branch.name}`}
                  title={isCurrent ? 'Switch to another branch before deleting this one' : undefined}
                >
                  Delete
                </button>
              </div>
            </td>
          </tr>
        );
      })}
    </RefTable>
  );
}

function RenameForm({ name, busy, onRename, onDone }: { name: string; busy: boolean; onRename: (to: string) => Promise<boolean>; onDone: () => void }) {
  const [to, setTo] = useState(name);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (to.trim() === name) return onDone();
    void onRename(to.trim()).then((done) => done && onDone());
  };
  return (
    <form className="git-rename" aria-label={`Rename ${name}`} onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onDone()}>
      <input aria-label="New name" value={to} onChange={(event) => setTo(event.target.value)} autoFocus required spellCheck={false} />
      <button type="submit" disabled={busy || to.trim() === ''}>
        Rename
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}
