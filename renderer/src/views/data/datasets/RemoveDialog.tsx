import { useEffect, useRef, useState } from 'react';
import type { Dataset } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';

interface Props {
  dataset: Dataset;
  onRemoved: (id: string) => void;
  onClose: () => void;
}

/** Asks before forgetting a dataset, and says plainly that no file is deleted. */
export function RemoveDialog({ dataset, onRemoved, onClose }: Props) {
  const { client } = useBackend();
  const { reportError, inform } = useNotices();
  const dialog = useRef<HTMLDialogElement>(null);
  const [removing, setRemoving] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    // No close() on cleanup: it would fire `close` and end the dialog when StrictMode re-runs this; unmounting closes it.
    if (element && !element.open) element.showModal();
  }, []);

  const remove = (): void => {
    setRemoving(true);
    client.call('data.remove', { id: dataset.id }).then(
      () => {
        inform(`Removed ${dataset.name} from the workspace; its data was left in place.`);
        onRemoved(dataset.id);
      },
      (error: unknown) => {
        setRemoving(false);
        reportError(error);
      },
    );
  };

  const isView = dataset.format === 'sql';
  return (
    <dialog ref={dialog} className="ds-dialog" aria-labelledby="ds-remove-title" aria-describedby="ds-remove-body" onClose={onClose}>
      <h2 id="ds-remove-title">Remove {dataset.name}?</h2>
      <div id="ds-remove-body">
        <p>The workspace forgets this dataset: its SQL name and its description.</p>
        {isView ? (
          <p>It is a saved query; the tables it reads are not touched.</p>
        ) : (
          <p>
            The file itself is not deleted: <code>{dataset.location}</code> stays where it is, and you can add it again.
          </p>
        )}
      </div>
      <div className="ds-edit-actions">
        <button type="button" onClick={() => dialog.current?.close()} autoFocus>
          Cancel
        </button>
        <button type="button" className="ds-danger" onClick={remove} disabled={removing}>
          Remove
        </button>
      </div>
    </dialog>
  );
}
