import type { GitRefs } from '../../../../../shared/contract';
import { shortOid } from '../history/format';
import { RefTable } from '../RefTable';

interface Props {
  tags: GitRefs['tags'];
  busy: boolean;
  onCheckout: (name: string) => void;
  onDelete: (name: string) => void;
}

/** Tags, annotated or lightweight, with the commit each points at. */
export function TagTable({ tags, busy, onCheckout, onDelete }: Props) {
  if (tags.length === 0) return <p className="git-muted">No tags yet.</p>;
  return (
    <RefTable label="Tags" columns={['Tag', 'Kind', 'Commit']}>
      {tags.map((tag) => (
        <tr key={tag.name}>
          <th scope="row">
            <span className="git-ref git-ref-tag git-ref-inline">{tag.name}</span>
          </th>
          <td>{tag.annotated ? 'annotated' : 'lightweight'}</td>
          <td>
            <code>{shortOid(tag.oid)}</code>
          </td>
          <td className="git-row-actions">
            <div>
              <button type="button" disabled={busy} onClick={() => onCheckout(tag.name)} aria-label={`Check out ${tag.name}`} title="Check out the tagged commit (detached HEAD)">
                Check out
              </button>
              <button type="button" className="scm-danger" disabled={busy} onClick={() => onDelete(tag.name)} aria-label={`Delete the tag ${tag.name}`}>
                Delete
              </button>
            </div>
          </td>
        </tr>
      ))}
    </RefTable>
  );
}
