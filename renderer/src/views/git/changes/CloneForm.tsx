import { useState, type SyntheticEvent } from 'react';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { useWorkspaceActions } from '../../../app/workspace-actions';
import { useJobRunner } from '../../data/sql/use-job-runner';
import { cloneRequest, suggestedPath, type CloneDraft, type CredentialKind } from './clone-draft';

/**
 * Clones an http(s) repository into a new folder and opens it as the
 * workspace. Progress and Cancel while it runs; credentials are used for the
 * clone only (the Remotes tab keeps them, if wanted, once it is open).
 */
export function CloneForm() {
  const { client, workspace, info } = useBackend();
  const { reportError, inform } = useNotices();
  const workspaces = useWorkspaceActions();
  const { progress, run, cancel } = useJobRunner();
  const [draft, setDraft] = useState<CloneDraft>({ url: '', path: '', kind: 'none', username: '', secret: '' });
  const [pathEdited, setPathEdited] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const update = (change: Partial<CloneDraft>): void => setDraft((current) => ({ ...current, ...change }));

  const onUrl = (url: string): void => {
    // The destination follows the URL until the user types one of their own.
    update(pathEdited ? { url } : { url, path: suggestedPath(workspace?.path ?? null, url) ?? '' });
  };

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const checked = cloneRequest(draft);
    if ('problem' in checked) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    void run((options) => client.runJob('git.clone', checked.request, options)).then(
      async (result) => {
        const opened = await workspaces.open(result.path);
        if (opened) inform(`Cloned ${checked.request.url} into ${result.path}${result.branch ? `, on branch ${result.branch}` : ''}.`);
      },
      reportError,
    );
  };

  const browse = async (): Promise<void> => {
    const picked = await workspaces.browse('Clone into folder');
    if (picked) {
      setPathEdited(true);
      update({ path: picked });
    }
  };

  const running = progress.running;
  return (
    <form className="panel scm-clone" onSubmit={submit} aria-label="Clone a repository into a new workspace" data-testid="git-clone">
      <h2>Clone a repository into a new workspace</h2>
      <label>
        Repository URL (http or https)
        <input value={draft.url} onChange={(event) => onUrl(event.target.value)} placeholder="https://github.com/team/churn-model.git" spellCheck={false} disabled={running} />
      </label>
      <label>
        Destination folder (new or empty)
        <span className="scm-path-row">
          <input
            value={draft.path}
            onChange={(event) => {
              setPathEdited(true);
              update({ path: event.target.value });
            }}
            placeholder="/home/you/projects/churn-model"
            spellCheck={false}
            disabled={running}
          />
          {info?.nativeDialogs && (
            <button type="button" onClick={() => void browse()} disabled={running}>
              Browse…
            </button>
          )}
        </span>
      </label>
      <fieldset className="scm-credentials" disabled={running}>
        <legend>Credentials (for a private repository)</legend>
        <label>
          Sign in with
          <select value={draft.kind} onChange={(event) => update({ kind: event.target.value as CredentialKind, secret: '' })}>
            <option value="none">Nothing: a public repository</option>
            <option value="token">An access token</option>
            <option value="basic">A user name and password</option>
          </select>
        </label>
        {draft.kind !== 'none' && (
          <div className="scm-credential-fields">
            <label>
              User name{draft.kind === 'token' && ' (optional)'}
              <input value={draft.username} onChange={(event) => update({ username: event.target.value })} autoComplete="username" spellCheck={false} />
            </label>
            <label>
              {draft.kind === 'token' ? 'Access token' : 'Password'}
              <input type="password" value={draft.secret} onChange={(event) => update({ secret: event.target.value })} autoComplete="current-password" />
            </label>
          </div>
        )}
      </fieldset>
      {problem && (
        <p className="scm-error-text" role="alert">
          {problem}
        </p>
      )}
      {running ? (
        <div className="scm-progress" role="status" data-testid="git-clone-progress">
          <progress value={progress.fraction ?? undefined} max={1} aria-label="Cloning" />
          <span>{progress.message || 'Cloning…'}</span>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="actions">
          <button type="submit">Clone and open</button>
        </div>
      )}
    </form>
  );
}
