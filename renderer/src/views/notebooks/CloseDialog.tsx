import { useEffect, useRef } from 'react';

interface Props {
  path: string;
  onSave: () => void;
  onDiscard: () => void;
  onCancel: () => void;
}

/** Closing a notebook with unsaved changes asks first. */
export function CloseDialog({ path, onSave, onDiscard, onCancel }: Props) {
  const saveRef = useRef<HTMLButtonElement>(null);
  useEffect(() => saveRef.current?.focus(), []);
  return (
    <div className="nbv-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onCancel()}>
      <div className="nbv-dialog" role="alertdialog" aria-modal="true" aria-labelledby="nbv-close-title" onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
        <h3 id="nbv-close-title">Save changes to {path}?</h3>
        <p>This notebook has changes that are not saved yet.</p>
        <div className="nbv-dialog-actions">
          <button type="button" ref={saveRef} className="nbv-primary" onClick={onSave}>
            Save and close
          </button>
          <button type="button" onClick={onDiscard}>
            Close without saving
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
