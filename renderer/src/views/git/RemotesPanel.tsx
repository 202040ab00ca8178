import { useCallback, useState } from 'react';
import type { WorkbenchClient } from '../../../../shared/client';
import type { CredentialsInput, GitRemote } from '../../../../shared/contract';
import { useBackend } from '../../app/backend';
import { useNotices } from '../../app/notices';
import { ConfirmDialog } from './ConfirmDialog';
import { useShownValue } from './branches/use-shown-value';
import { CredentialsForm } from './remotes/CredentialsForm';
import { OutboundLog } from './remotes/OutboundLog';
import { RemoteForm } from './remotes/RemoteForm';
import { RemoteTable } from './remotes/RemoteTable';
import { TransferBar } from './remotes/TransferBar';
import { useTransfer, type TransferKind } from './remotes/use-transfer';
import type { GitStatusValue } from './use-git-status';
import './branches/branches.css';
import './remotes/remotes.css';

const readRemotes = (client: WorkbenchClient): Promise<GitRemote[]> => client.call('git.remotes', {});
const readOutbound = (client: WorkbenchClient) => client.call('git.outboundLog', { limit: 100 });

/** Remotes and their credentials, fetch / pull / push with progress, and the log of what left the machine. */
export function RemotesPanel({ status, active }: { status: GitStatusValue; active: boolean }) {
  const { client, info } = useBackend();
  const { reportError, inform } = useNotices();
  const remotes = useShownValue(readRemotes, active, '');
  const outbound = useShownValue(readOutbound, active, '');
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<GitRemote | null>(null);
  const [credentialsFor, setCredentialsFor] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  const { reload: reloadStatus } = status;
  const { reload: reloadOutbound } = outbound;
  const finished = useCallback(
    (kind: TransferKind) => {
      reloadStatus();
      if (kind === 'push') reloadOutbound();
    },
    [reloadStatus, reloadOutbound],
  );
  const transfer = useTransfer(finished);

  const change = async (work: () => Promise<GitRemote[]>, done?: string): Promise<boolean> => {
    setBusy(true);
    try {
      remotes.accept(await work());
      if (done) inform(done);
      return true;
    } catch (error) {
      reportError(error);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const list = remotes.value ?? [];
  const branch = status.value?.detached ? null : (status.value?.branch ?? null);
  // The desktop app keeps secrets with the OS keychain; a browser on server mode cannot.
  const persisted = info?.mode !== 'server';

  return (
    <div className="git-remotes">
      {remotes.failure && (
        <p className="git-history-failure" role="alert">
          Could not read the remotes: {remotes.failure}
        </p>
      )}
      <TransferBar remotes={list} transfer={transfer} branch={branch} upstream={status.value?.upstream ?? null} />

      <section className="git-ref-section" aria-labelledby="git-remotes-title">
        <h2 id="git-remotes-title">Remotes</h2>
        <RemoteTable
          remotes={list}
          busy={busy}
          onEdit={(remote) => {
            setCredentialsFor(null);
            setEditing(remote);
          }}
          onCredentials={(name) => {
            setEditing(null);
            setCredentialsFor(name);
          }}
          onForget={(name) => void change(() => client.call('git.forgetCredentials', { remote: name }), `Forgot the credentials of ${name}.`)}
          onRemove={setRemoving}
        />
        {credentialsFor && (
          <CredentialsForm
            key={credentialsFor}
            remote={credentialsFor}
            persisted={persisted}
            busy={busy}
            onSave={(credentials: CredentialsInput) => change(() => client.call('git.setCredentials', { remote: credentialsFor, credentials }), `Saved the credentials for ${credentialsFor}.`)}
            onCancel={() => setCredentialsFor(null)}
          />
        )}
        <RemoteForm
          key={editing?.name ?? 'new'}
          editing={editing}
          busy={busy}
          onSave={(name, url) =>
            change(() => client.call('git.addRemote', { name, url }), editing ? `${name} now points at ${url}.` : `Added the remote ${name}.`).then((done) => {
              if (done) setEditing(null);
              return done;
            })
          }
          onCancel={() => setEditing(null)}
        />
      </section>

      <section className="git-ref-section" aria-labelledby="git-outbound-title">
        <h2 id="git-outbound-title">Sent from this machine</h2>
        <OutboundLog entries={outbound.value} />
      </section>

      {removing && (
        <ConfirmDialog
          title={`Remove the remote ${removing}?`}
          confirm="Remove"
          busy={busy}
          onConfirm={() => void change(() => client.call('git.removeRemote', { name: removing }), `Removed the remote ${removing}.`).then(() => setRemoving(null))}
          onClose={() => setRemoving(null)}
        >
          <p>The workbench forgets its URL, its remote branches and any credentials kept for it. Nothing changes on the remote itself, nor in your branches.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
