import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { isWorkbenchError, type AuthorInfo, type GitStatus } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { AuthorLine } from './AuthorLine';

interface Props {
  status: GitStatus;
  stagedCount: number;
  conflicts: number;
  busy: boolean;
  onCommitted: (status: GitStatus) => void;
  noteFailure: (error: unknown) => void;
}

/** The message, "Amend last commit", the author, and Commit (Ctrl/Cmd+Enter from the message). */
export function CommitBox({ status, stagedCount, conflicts, busy, onCommitted, noteFailure }: Props) {
  const { client } = useBackend();
  const { inform } = useNotices();
  const [message, setMessage] = useState('');
  const [amend, setAmend] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [author, setAuthor] = useState<AuthorInfo | null>(null);
  const [askAuthor, setAskAuthor] = useState(false);
  const merging = status.merge;

  useEffect(() => {
    let live = true;
    client.call('git.author', {}).then((info) => live && setAuthor(info), noteFailure);
    return () => {
      live = false;
    };
  }, [client, noteFailure]);

  // A merge to conclude gets git's own message, ready to edit (set while rendering, when the merge first shows).
  const mergingName = merging?.theirsName ?? null;
  const [seenMerge, setSeenMerge] = useState<string | null>(null);
  if (mergingName !== seenMerge) {
    setSeenMerge(mergingName);
    if (mergingName && !message) setMessage(`Merge ${mergingName}`);
  }

  const saveAuthor = useCallback(
    async (next: { name: string; email: string }): Promise<boolean> => {
      try {
        setAuthor(await client.call('git.setAuthor', next));
        setAskAuthor(false);
        return true;
      } catch (error) {
        noteFailure(error);
        return false;
      }
    },
    [client, noteFailure],
  );

  const blocker = conflicts > 0
    ? 'Resolve and stage the conflicted files first.'
    : stagedCount === 0 && !amend && !merging
      ? 'Stage the changes to commit first.'
      : !message.trim() && !amend
        ? 'Write a commit message.'
        : !status.head && amend
          ? 'There is no commit to amend yet.'
          : null;
  const disabled = Boolean(blocker) || busy || committing;

  const commit = (): void => {
    if (disabled) return;
    setCommitting(true);
    client
      .call('git.commit', { message, amend })
      .then(
        (answer) => {
          onCommitted(answer.status);
          setMessage('');
          setAmend(false);
          inform(`${amend ? 'Amended' : 'Committed'} ${answer.oid.slice(0, 7)}${message.trim() ? `: ${message.trim().split('\n')[0]}` : ''}`);
        },
        (error: unknown) => {
          if (isWorkbenchError(error) && error.code === 'git_author_missing') setAskAuthor(true);
          noteFailure(error);
        },
      )
      .finally(() => setCommitting(false));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      commit();
    }
  };

  return (
    <section className="scm-commit" aria-labelledby="git-commit-title" data-testid="git-commit">
      <h3 id="git-commit-title">Commit</h3>
      <label className="scm-visually-hidden" htmlFor="git-commit-message">
        Commit message
      </label>
      <textarea
        id="git-commit-message"
        data-testid="git-commit-message"
        rows={3}
        value={message}
        onChange={(event) => setMessage(event.target.value)}
        onKeyDown={onKeyDown}
        placeholder={amend ? "Commit message (empty keeps the last commit's)" : 'Commit message (Ctrl+Enter to commit)'}
        aria-describedby="git-commit-hint"
      />
      <div className="scm-commit-row">
        <label className="scm-check">
          <input type="checkbox" checked={amend} onChange={(event) => setAmend(event.target.checked)} disabled={!status.head || Boolean(merging)} />
          Amend last commit
        </label>
        <button type="button" className="scm-primary" data-testid="git-commit-button" disabled={disabled} onClick={commit}>
          {committing ? 'Committing…' : amend ? 'Amend' : merging ? 'Commit merge' : 'Commit'}
        </button>
      </div>
      <p id="git-commit-hint" className="scm-note" aria-live="polite">
        {blocker ?? (amend ? 'The last commit is replaced; do not amend a commit you have pushed.' : `${stagedCount} staged ${stagedCount === 1 ? 'file' : 'files'} will be committed.`)}
      </p>
      <AuthorLine author={author} asking={askAuthor} onAsk={setAskAuthor} onSave={saveAuthor} />
    </section>
  );
}
