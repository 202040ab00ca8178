import type { GitRefs } from '../../../../../shared/contract';
import { shortOid } from '../history/format';
import { RefTable } from '../RefTable';

interface Props {
  remoteBranches: GitRefs['remoteBranches'];
  current: string | null;
  busy: boolean;
  onSwitch: (name: string) => void;
  onMerge: (name: string) => void;
}

/** Branches on the remotes as last fetched; switching to one makes a local branch that tracks it. */
export function RemoteBranchTable({ remoteBranches, current, busy, onSwitch, onMerge }: Props) {
  // `origin/HEAD` only says which branch the remote checks out by default.
  const shown = remoteBranches.filter((branch) => !branch.name.endsWith('/HEAD'));
  if (shown.length === 0) return <p className="git-muted">None yet: add a remote and fetch it in the Remotes tab.</p>;
  return (
    <RefTable label="Remote branches" columns={['Remote branch', 'Commit']}>
      {shown.map((branch) => (
        <tr key={branch.name}>
          <th scope="row">
            <span className="git-branch-name">{branch.name}</span>
          </th>
          <td>
            <code>{shortOid(branch.oid)}</code>
          </td>
          <td className="git-row-actions">
            <div>
              <button type="button" disabled={busy} onClick={() => onSwitch(branch.name)} aria-label={`Switch to ${branch.name}`} title="Switch to a local branch that tracks it">
                Switch
              </button>
              <button type="button" disabled={busy || current === null} onClick={() => onMerge(branch.name)} aria-label={`Merge ${branch.name} into ${current ?? 'the current branch'}`}>
                Merge
              </button>
            </div>
          </td>
        </tr>
      ))}
    </RefTable>
  );
}
