import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
  /** The label of the button that does it, e.g. "Delete". */
  confirm: string;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** A modal question before anything that loses work or names; Cancel has the focus, so Enter does no harm. */
export function ConfirmDialog({ title, children, confirm, busy = false, onConfirm, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const element = dialog.current;
    // No close() on cleanup: it would fire `close` and end the dialog when StrictMode re-runs this; unmounting closes it.
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="git-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} onClose={onClose}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      <div className="git-dialog-actions">
        <button type="button" onClick={() => dialog.current?.close()} autoFocus>
          Cancel
        </button>
        <button type="button" className="git-danger" onClick={onConfirm} disabled={busy}>
          {confirm}
        </button>
      </div>
    </dialog>
  );
}
