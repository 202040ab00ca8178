import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
  /** The label of the button that does it, e.g. "Delete". */
  confirm: string;
  /** Styles the confirm button as destructive (the default: every question here is about losing something). */
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * Asks before something that loses work or names. A modal <dialog>: Escape
 * and Cancel close it, focus starts on Cancel so Enter does no harm.
 */
export function ConfirmDialog({ title, children, confirm, danger = true, busy = false, onConfirm, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const element = dialog.current;
    // No close() on cleanup: StrictMode re-runs this, and `close` would end the dialog; unmounting closes it.
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="scm-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} onClose={onClose} data-testid="git-confirm">
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      <div className="scm-dialog-actions">
        <button type="button" onClick={() => dialog.current?.close()} autoFocus>
          Cancel
        </button>
        <button type="button" className={danger ? 'scm-danger' : undefined} onClick={onConfirm} disabled={busy}>
          {confirm}
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
