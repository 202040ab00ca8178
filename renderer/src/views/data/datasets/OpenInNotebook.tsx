import { useState } from 'react';
import type { Dataset } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { requestNotebookCell } from '../../../app/notebook-handoff';
import { useNotices } from '../../../app/notices';

/** "Open in notebook": Python that loads the dataset, added as a cell in the Notebooks view. */
export function OpenInNotebook({ dataset }: { dataset: Dataset }) {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const [busy, setBusy] = useState(false);

  const open = async (): Promise<void> => {
    setBusy(true);
    try {
      const { code } = await client.call('notebooks.datasetCell', { datasetId: dataset.id });
      requestNotebookCell({ code, name: dataset.name });
      location.hash = '/notebooks';
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <button type="button" onClick={() => void open()} disabled={busy} title="Add a cell that loads this dataset into pandas to the open notebook">
      Open in notebook
    </button>
  );
}
