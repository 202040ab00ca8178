import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Styles the confirm button as destructive. */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before something that cannot be undone from here. A modal <dialog>:
 * Escape and Cancel close it, focus starts on Cancel so Enter does no harm.
 */
export function ConfirmDialog({ title, children, confirmLabel, danger = false, onConfirm, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    // No close() on cleanup: StrictMode re-runs this, and `close` would end the dialog; unmounting closes it.
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="scm-dialog" aria-labelledby="git-confirm-title" aria-describedby="git-confirm-body" onClose={onCancel} data-testid="git-confirm">
      <h2 id="git-confirm-title">{title}</h2>
      <div id="git-confirm-body">{children}</div>
      <div className="scm-dialog-actions">
        <button type="button" onClick={() => dialog.current?.close()} autoFocus>
          Cancel
        </button>
        <button type="button" className={danger ? 'scm-danger' : undefined} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/** The first few paths as a list, the rest counted: a dialog names what it acts on without growing past the screen. */
export function PathList({ paths, shown = 8 }: { paths: string[]; shown?: number }) {
  return (
    <ul className="scm-path-list">
      {paths.slice(0, shown).map((path) => (
        <li key={path}>
          <code>{path}</code>
        </li>
      ))}
      {paths.length > shown && <li>and {paths.length - shown} more</li>}
    </ul>
  );
}
