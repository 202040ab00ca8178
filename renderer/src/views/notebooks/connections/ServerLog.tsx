import { useCallback, useEffect, useRef, useState } from 'react';
import type { JupyterServer } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';

/** The latest lines a local Jupyter server wrote, in a dialog; Refresh reads them again. */
export function ServerLog({ server, onClose }: { server: JupyterServer; onClose: () => void }) {
  const { client } = useBackend();
  const [lines, setLines] = useState<string[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const closeRef = useRef<HTMLButtonElement>(null);
  const bottomRef = useRef<HTMLPreElement>(null);

  useEffect(() => {
    let live = true;
    client.call('jupyter.log', { id: server.id }).then(
      (answer) => {
        if (!live) return;
        setLines(answer.lines);
        setFailure(null);
      },
      (error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [client, server.id, attempt]);

  useEffect(() => closeRef.current?.focus(), []);
  useEffect(() => {
    const pre = bottomRef.current;
    if (pre) pre.scrollTop = pre.scrollHeight;
  }, [lines]);
  const refresh = useCallback(() => setAttempt((n) => n + 1), []);

  return (
    <div className="nbv-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="nbv-dialog nbv-log-dialog" role="dialog" aria-modal="true" aria-label={`Log of ${server.label}`} onKeyDown={(event) => event.key === 'Escape' && onClose()}>
        <header>
          <h3>Log of {server.label}</h3>
          <span className="nbv-soft">{server.url}</span>
        </header>
        {failure ? (
          <p role="alert" className="nbv-error-text">
            The log could not be read: {failure}
          </p>
        ) : (
          <pre ref={bottomRef} className="nbv-log" data-testid="jupyter-log">
            {lines === null ? 'Reading…' : lines.length === 0 ? '(nothing written yet)' : lines.join('\n')}
          </pre>
        )}
        <div className="nbv-dialog-actions">
          <button type="button" onClick={refresh}>
            Refresh
          </button>
          <button type="button" ref={closeRef} onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
