import type { GitRemote } from '../../../../../shared/contract';
import { RefTable } from '../RefTable';

interface Props {
  remotes: GitRemote[];
  busy: boolean;
  onEdit: (remote: GitRemote) => void;
  onCredentials: (remote: string) => void;
  onForget: (remote: string) => void;
  onRemove: (remote: string) => void;
}

/** What is kept for a remote, never the secret itself. */
export function credentialText(credentials: GitRemote['credentials']): string {
  if (!credentials) return 'none';
  const who = credentials.username ? ` for ${credentials.username}` : '';
  const where = credentials.persisted ? 'kept encrypted' : 'kept until the backend stops';
  return `${credentials.kind === 'token' ? 'Token' : 'User name and password'}${who}, ${where}`;
}

/** The remotes with their URLs and whether credentials are kept for them. */
export function RemoteTable({ remotes, busy, onEdit, onCredentials, onForget, onRemove }: Props) {
  if (remotes.length === 0) return <p className="git-muted">No remotes yet.</p>;
  return (
    <RefTable label="Remotes" columns={['Remote', 'URL', 'Credentials']}>
      {remotes.map((remote) => (
        <tr key={remote.name} data-remote={remote.name}>
          <th scope="row">{remote.name}</th>
          <td className="git-remote-url">
            <code>{remote.url}</code>
          </td>
          <td className={remote.credentials ? undefined : 'git-muted'}>{credentialText(remote.credentials)}</td>
          <td className="git-row-actions">
            <div>
              <button type="button" disabled={busy} onClick={() => onEdit(remote)} aria-label={`Change the URL of ${remote.name}`}>
                Change URL
              </button>
              <button type="button" disabled={busy} onClick={() => onCredentials(remote.name)} aria-label={`Set credentials for ${remote.name}`}>
                Credentials
              </button>
              {remote.credentials && (
                <button type="button" disabled={busy} onClick={() => onForget(remote.name)} aria-label={`Forget the credentials of ${remote.name}`}>
                  Forget
                </button>
              )}
              <button type="button" className="scm-danger" disabled={busy} onClick={() => onRemove(remote.name)} aria-label={`Remove ${remote.name}`}>
                Remove
              </button>
            </div>
          </td>
        </tr>
      ))}
    </RefTable>
  );
}
