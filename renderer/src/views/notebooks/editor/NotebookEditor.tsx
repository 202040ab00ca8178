import { useCallback, useEffect, useState } from 'react';
import { isWorkbenchError, type OpenNotebook } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { NotebookDocumentView, type DocumentViewProps } from './NotebookDocumentView';

type Props = Omit<DocumentViewProps, 'opened'> & {
  /** The notebook as just created, to skip reading it again. */
  initial: OpenNotebook | null;
};

/** Reads the notebook, then edits it; a notebook that cannot be read says why, with Retry. */
export function NotebookEditor({ initial, ...props }: Props) {
  const { client } = useBackend();
  const { path } = props;
  const [opened, setOpened] = useState<OpenNotebook | null>(initial);
  const [failure, setFailure] = useState<{ code: string; message: string } | null>(null);
  const [attempt, setAttempt] = useState(0);

  const load = useCallback(() => {
    setFailure(null);
    setAttempt((n) => n + 1);
  }, []);

  useEffect(() => {
    if (opened) return;
    let live = true;
    client.call('notebooks.open', { path }).then(
      (result) => live && setOpened(result),
      (error: unknown) => {
        if (!live) return;
        setFailure({ code: isWorkbenchError(error) ? error.code : 'internal', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, opened, path, attempt]);

  if (opened) return <NotebookDocumentView {...props} opened={opened} />;
  return (
    <div className="nbv-editor nbv-editor-message" hidden={!props.active} data-testid="notebook-editor" data-path={path}>
      {failure ? (
        <div role="alert" className="nbv-open-failure">
          <p>
            <strong>{path}</strong> could not be opened <code>{failure.code}</code>: {failure.message}
          </p>
          <button type="button" onClick={load}>
            Retry
          </button>
        </div>
      ) : (
        <p className="nbv-soft">Opening {path}…</p>
      )}
    </div>
  );
}
