import { useId, useState } from 'react';
import type { ModelServer } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { isLoopbackHost } from '../model-uri';
import { ModelUriPicker } from '../ModelUriPicker';
import { emptyStartForm, toStartInput, type StartForm } from './start-form';

interface Props {
  onStarted: (server: ModelServer, token: string | null) => void;
}

/** Serve one or more registered models on a port: chosen by alias or version, bound to 127.0.0.1 unless told otherwise. */
export function StartServerForm({ onStarted }: Props) {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const id = useId();
  const [form, setForm] = useState<StartForm>(emptyStartForm);
  const [picked, setPicked] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<StartForm>): void => {
    setForm((current) => ({ ...current, ...patch }));
    setProblems([]);
  };

  const add = (): void => {
    if (picked !== '' && !form.models.includes(picked)) update({ models: [...form.models, picked] });
  };
  const start = (): void => {
    const checked = toStartInput(form);
    if (!checked.input) {
      setProblems(checked.problems);
      return;
    }
    setBusy(true);
    client
      .call('serving.start', checked.input)
      .then(({ server, token }) => onStarted(server, token), reportError)
      .finally(() => setBusy(false));
  };

  const exposed = form.host.trim() !== '' && !isLoopbackHost(form.host);
  return (
    <form
      className="sv-section"
      aria-labelledby={`${id}-title`}
      data-testid="serving-start-form"
      onSubmit={(event) => {
        event.preventDefault();
        start();
      }}
    >
      <h2 id={`${id}-title`}>Start a model server</h2>
      <div className="sv-row">
        <ModelUriPicker uri={picked} onChange={setPicked} testId="serving" disabled={busy} />
        <button type="button" className="sv-align" onClick={add} disabled={busy || picked === '' || form.models.includes(picked)} data-testid="serving-add-model">
          Add model
        </button>
      </div>
      {form.models.length === 0 ? (
        <p className="sv-hint">No models yet: choose one above, then Add model. Several models can share one port.</p>
      ) : (
        <ul className="sv-chosen" aria-label="Models to serve" data-testid="serving-chosen">
          {form.models.map((uri, index) => (
            <li key={uri} data-testid="serving-chosen-model" data-uri={uri}>
              <code>{uri}</code>
              {index === 0 && <span className="sv-soft"> · answers /invocations</span>}
              <button type="button" className="sv-icon-button" aria-label={`Remove ${uri}`} onClick={() => update({ models: form.models.filter((m) => m !== uri) })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="sv-row">
        <div className="sv-field sv-narrow">
          <label htmlFor={`${id}-port`}>Port</label>
          <input id={`${id}-port`} type="number" min={0} max={65535} value={form.port} onChange={(event) => update({ port: event.target.value })} aria-describedby={`${id}-port-hint`} data-testid="serving-port" />
          <span id={`${id}-port-hint`} className="sv-hint">
            0 picks a free port
          </span>
        </div>
        <div className="sv-field">
          <label htmlFor={`${id}-host`}>Bind address</label>
          <input id={`${id}-host`} value={form.host} spellCheck={false} onChange={(event) => update({ host: event.target.value })} aria-describedby={exposed ? `${id}-host-warning` : undefined} data-testid="serving-host" />
        </div>
        <label className="sv-check sv-align">
          <input type="checkbox" checked={form.requireToken} onChange={(event) => update({ requireToken: event.target.checked })} data-testid="serving-require-token" />
          Require a token
        </label>
      </div>
      <label className="sv-check">
        <input type="checkbox" checked={form.logRequests} onChange={(event) => update({ logRequests: event.target.checked })} aria-describedby={`${id}-log-hint`} data-testid="serving-log-requests" />
        Log requests and predictions
      </label>
      <p id={`${id}-log-hint`} className="sv-hint">
        {form.logRequests
          ? 'Each scored row and its prediction is kept in this workspace as the dataset inference_<model> (Parquet under .workbench/inference, 1 GiB and 30 days at most), for monitoring. Nothing leaves the machine.'
          : 'Requests are not kept: monitoring cannot use this server’s traffic.'}
      </p>
      {exposed && (
        <p id={`${id}-host-warning`} className="sv-warning" role="alert" data-testid="serving-host-warning">
          <strong>{form.host.trim()}</strong> is not this machine only: other machines that can reach it can send requests to your models
          {form.requireToken ? ', with the token.' : ', and nothing asks them for a token. Keep 127.0.0.1, or require a token.'}
        </p>
      )}
      {problems.length > 0 && (
        <ul className="sv-problems" role="alert" data-testid="serving-start-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="sv-actions">
        <button type="submit" disabled={busy} data-testid="serving-start">
          {busy ? 'Starting…' : 'Start server'}
        </button>
      </div>
    </form>
  );
}
