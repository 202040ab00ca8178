import { useState, type SyntheticEvent } from 'react';
import { authorSchema, type AuthorInfo } from '../../../../../shared/contract';

const sources: Record<NonNullable<AuthorInfo['source']>, string> = {
  repository: 'repository config',
  workbench: "the workbench's settings",
  global: '~/.gitconfig',
};

interface Props {
  author: AuthorInfo | null;
  /** Open the form: no author anywhere, or a commit was refused for want of one. */
  asking: boolean;
  onAsk: (asking: boolean) => void;
  onSave: (author: { name: string; email: string }) => Promise<boolean>;
}

/** Who the commit will be by, and where that came from; a form to set the workbench's author when there is none. */
export function AuthorLine({ author, asking, onAsk, onSave }: Props) {
  const known = author?.name && author.email ? author : null;
  if (asking || (author && !known)) return <AuthorForm initial={author?.workbench ?? null} canCancel={Boolean(known)} onCancel={() => onAsk(false)} onSave={onSave} />;
  if (!known) return <p className="scm-note scm-author" data-testid="git-author">Reading the commit author…</p>;
  return (
    <p className="scm-note scm-author" data-testid="git-author">
      Committing as <strong>{known.name}</strong> &lt;{known.email}&gt;{known.source && ` from ${sources[known.source]}`}
      {known.source !== 'repository' && (
        <button type="button" className="link-button" onClick={() => onAsk(true)}>
          Change…
        </button>
      )}
    </p>
  );
}

function AuthorForm({ initial, canCancel, onCancel, onSave }: { initial: { name: string; email: string } | null; canCancel: boolean; onCancel: () => void; onSave: Props['onSave'] }) {
  const [name, setName] = useState(initial?.name ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const parsed = authorSchema.safeParse({ name, email });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'a name and an email are required');
      return;
    }
    setProblem(null);
    setSaving(true);
    void onSave(parsed.data).finally(() => setSaving(false));
  };

  return (
    <form className="scm-author-form" onSubmit={submit} aria-label="Commit author" data-testid="git-author-form">
      <p className="scm-note">
        Commits need an author. The repository sets none, so the workbench&apos;s is used: it is kept in the workbench&apos;s settings for every repository.
      </p>
      <div className="scm-author-fields">
        <label>
          Name
          <input value={name} onChange={(event) => setName(event.target.value)} autoComplete="name" />
        </label>
        <label>
          Email
          <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} autoComplete="email" />
        </label>
      </div>
      {problem && (
        <p className="scm-error-text" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        {canCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" disabled={saving}>
          Save author
        </button>
      </div>
    </form>
  );
}
