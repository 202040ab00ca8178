import { useEffect, useState } from 'react';
import type { CommitDetails as Details } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { DiffEditor } from '../DiffEditor';
import { absoluteTime, shortOid } from './format';
import { useCommitDiff } from './use-commit-diff';

const changeLetter = { added: 'A', modified: 'M', deleted: 'D' } as const;

/** A commit's full message, who made it, its parents (clickable) and the files it changed; a file opens its diff. */
export function CommitDetails({ oid, onSelect }: { oid: string; onSelect: (oid: string) => void }) {
  const { client } = useBackend();
  const [details, setDetails] = useState<Details | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [path, setPath] = useState<string | null>(null);
  const { diff, loading, toggleOutputs } = useCommitDiff(oid, path);

  useEffect(() => {
    // The panel keys this component by commit, so a new commit starts from empty state.
    let live = true;
    client.call('git.show', { oid }).then(
      (answer) => {
        if (!live) return;
        setDetails(answer);
        // One file changed: show its diff at once.
        if (answer.files.length === 1) setPath(answer.files[0]?.path ?? null);
      },
      (error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [client, oid]);

  if (failure) return <p className="git-history-failure" role="alert">Could not read commit {shortOid(oid)}: {failure}</p>;
  if (!details) return <p className="git-muted" aria-busy="true">Reading commit {shortOid(oid)}…</p>;

  const { author, committer } = details;
  const sameCommitter = committer.name === author.name && committer.email === author.email && committer.timestamp === author.timestamp;
  return (
    <section className="git-commit" aria-label={`Commit ${shortOid(oid)}`} data-testid="git-commit-details">
      <div className="git-commit-info">
        <pre className="git-commit-message">{details.message.trimEnd() || '(no message)'}</pre>
        <dl className="git-commit-facts">
          <dt>Commit</dt>
          <dd>
            <code>{details.oid}</code>
          </dd>
          <dt>Author</dt>
          <dd>
            {author.name} &lt;{author.email}&gt; · {absoluteTime(author.timestamp)}
          </dd>
          {!sameCommitter && (
            <>
              <dt>Committer</dt>
              <dd>
                {committer.name} &lt;{committer.email}&gt; · {absoluteTime(committer.timestamp)}
              </dd>
            </>
          )}
          <dt>{details.parents.length === 1 ? 'Parent' : 'Parents'}</dt>
          <dd>
            {details.parents.length === 0
              ? 'none (the first commit)'
              : details.parents.map((parent) => (
                  <button key={parent} type="button" className="link-button" onClick={() => onSelect(parent)} title={`Show commit ${parent}`}>
                    <code>{shortOid(parent)}</code>
                  </button>
                ))}
          </dd>
        </dl>
        <h3 className="git-commit-files-title">
          {details.files.length} {details.files.length === 1 ? 'file' : 'files'} changed
        </h3>
        <ul className="git-commit-files" aria-label="Files changed">
          {details.files.map((file) => (
            <li key={file.path}>
              <button type="button" className="git-commit-file" aria-pressed={file.path === path} onClick={() => setPath(file.path)}>
                <span className={`git-change git-change-${file.change}`} title={file.change}>
                  {changeLetter[file.change]}
                </span>
                <span className="git-commit-file-path">{file.path}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="git-commit-diff">
        <DiffEditor diff={diff} loading={loading} onToggleOutputs={toggleOutputs} />
      </div>
    </section>
  );
}
