import type { DiskConflict } from '../document/use-save';
import { AUTOSAVE_MS } from '../document/use-save';

interface StatusProps {
  dirty: boolean;
  saving: boolean;
  savedAt: Date | null;
  error: string | null;
  onSave: () => void;
  paused: boolean;
}

/** Where saving stands: autosave is on, and says when it will save. */
export function SaveStatus({ dirty, saving, savedAt, error, onSave, paused }: StatusProps) {
  let text: string;
  if (saving) text = 'Saving…';
  else if (error) text = `Not saved: ${error}`;
  else if (dirty) text = paused ? 'Unsaved changes · autosave paused' : `Unsaved changes · autosave in ${AUTOSAVE_MS / 1000} s`;
  else if (savedAt) text = `Saved at ${savedAt.toLocaleTimeString()} · autosave on`;
  else text = 'Autosave on';
  return (
    <span className="nbv-save-status" data-testid="save-status" role="status">
      <span className={error ? 'nbv-error-text' : undefined}>{text}</span>
      <button type="button" onClick={onSave} disabled={saving} title="Save (Ctrl+S)">
        {error ? 'Retry save' : 'Save'}
      </button>
    </span>
  );
}

interface BannerProps {
  conflict: DiskConflict;
  onReload: () => void;
  onOverwrite: () => void;
}

/** The file changed on disk: the user chooses which version wins. */
export function DiskBanner({ conflict, onReload, onOverwrite }: BannerProps) {
  return (
    <div className="nbv-banner" role="alert">
      <strong>Changed on disk.</strong>{' '}
      {conflict === 'conflict' ? 'The file changed since it was opened here, so it was not saved.' : 'Something else wrote this notebook since it was opened here.'}{' '}
      Autosave waits for your choice.
      <span className="nbv-banner-actions">
        <button type="button" onClick={onReload}>
          Reload
        </button>
        <button type="button" onClick={onOverwrite}>
          Keep mine (overwrite)
        </button>
      </span>
    </div>
  );
}
