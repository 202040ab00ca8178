import type { GitRefs } from '../../../../../shared/contract';
import { shortOid } from '../history/format';

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
    <table className="git-ref-table" aria-label="Tags">
      <thead>
        <tr>
          <th scope="col">Tag</th>
          <th scope="col">Kind</th>
          <th scope="col">Commit</th>
          <th scope="col">
            <span className="git-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
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
      </tbody>
    </table>
  );
}
