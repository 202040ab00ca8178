import { useState } from 'react';
import { useBackend } from '../../app/backend';
import { useNotices } from '../../app/notices';
import { CloneForm } from './changes/CloneForm';
import type { GitStatusValue } from './use-git-status';

/** The workspace is not a repository yet: make it one, or clone one into a new workspace. */
export function StartPanel({ status }: { status: GitStatusValue }) {
  const { client, workspace } = useBackend();
  const { reportError, inform } = useNotices();
  const [initialising, setInitialising] = useState(false);

  const initialise = (): void => {
    setInitialising(true);
    client
      .call('git.init', {})
      .then((answer) => {
        status.accept(answer);
        inform('The workspace is now a git repository, with a .gitignore that keeps data, models and workbench files out.');
      }, reportError)
      .finally(() => setInitialising(false));
  };

  return (
    <div className="scm-start" data-testid="git-start">
      <p className="lead">
        {workspace ? (
          <>
            <code>{workspace.path}</code> is not a git repository yet.
          </>
        ) : (
          'This workspace is not a git repository yet.'
        )}{' '}
        Source control keeps every version of your code, so you can see what changed, go back, and share it. Git runs inside the workbench: nothing
        needs installing.
      </p>
      <div className="row">
        <section className="panel scm-init" aria-labelledby="git-init-title">
          <h2 id="git-init-title">Initialise a repository here</h2>
          <p>
            Makes this workspace a repository on a <code>main</code> branch. Its <code>.gitignore</code> keeps out <code>.workbench/</code>, the{' '}
            <code>data/</code> folder and common data files, models and checkpoints (including notebook checkpoints): git is for code, not for data.
            Nothing is committed until you commit.
          </p>
          <div className="actions">
            <button type="button" className="scm-primary" onClick={initialise} disabled={initialising} data-testid="git-init">
              {initialising ? 'Initialising…' : 'Initialise repository'}
            </button>
          </div>
        </section>
        <CloneForm />
      </div>
    </div>
  );
}
