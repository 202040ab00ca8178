import { useId, useState } from 'react';
import type { ModelServer, SignatureField } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { statusTone } from '../log/request-log';
import { parseModelUri } from '../model-uri';
import { useVersionSignature } from '../use-registry';
import { buildRequest, initialValues, prettyBody, protocols, type FormValues, type Protocol } from './request-body';
import { SignatureFields } from './SignatureFields';

interface Answer {
  status: number;
  body: string;
  ms: number;
}

/**
 * A form built from the served model's signature: one row typed in, sent
 * through the server as a client would send it (so it shows in the log),
 * with the exact body sent and the answer.
 */
export function TryItPanel({ server }: { server: ModelServer }) {
  const id = useId();
  const [chosen, setChosen] = useState(server.models[0]?.name ?? '');
  const [chosenProtocol, setProtocol] = useState<Protocol>('dataframe_split');
  const model = server.models.find((m) => m.name === chosen) ?? server.models[0];
  // Only the first model answers MLflow's /invocations; the others answer the v2 protocol by name.
  const first = model !== undefined && model === server.models[0];
  const protocol: Protocol = first ? chosenProtocol : 'v2_infer';
  const registered = model ? parseModelUri(model.uri) : null;
  const { signature, failure } = useVersionSignature(registered?.name ?? null, model?.version ?? null);

  if (!model) return null;
  return (
    <section className="sv-section" aria-labelledby={`${id}-title`} data-testid="tryit">
      <h2 id={`${id}-title`}>Try it</h2>
      <div className="sv-row">
        <div className="sv-field">
          <label htmlFor={`${id}-model`}>Model</label>
          <select id={`${id}-model`} value={model.name} onChange={(event) => setChosen(event.target.value)} data-testid="tryit-model">
            {server.models.map((m) => (
              <option key={m.name} value={m.name}>{`${m.name} (version ${m.version})`}</option>
            ))}
          </select>
        </div>
        <div className="sv-field">
          <label htmlFor={`${id}-protocol`}>Protocol</label>
          <select id={`${id}-protocol`} value={protocol} onChange={(event) => setProtocol(event.target.value as Protocol)} data-testid="tryit-protocol">
            {protocols.map((p) => (
              <option key={p.id} value={p.id} disabled={!first && p.id !== 'v2_infer'} title={!first && p.id !== 'v2_infer' ? '/invocations serves the first model only' : undefined}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {failure && <p className="sv-problem">The signature of version {model.version} could not be read: {failure}</p>}
      {!signature && !failure && <p className="sv-hint">Reading the signature…</p>}
      {signature && signature.inputs.length === 0 && <p className="sv-hint">This version has no input signature to build a form from.</p>}
      {signature && signature.inputs.length > 0 && (
        // A swapped-in version may ask for other columns: a new form then.
        <TryItForm key={JSON.stringify(signature.inputs)} serverId={server.id} inputs={signature.inputs} protocol={protocol} routeName={model.name} />
      )}
    </section>
  );
}

interface FormProps {
  serverId: string;
  inputs: SignatureField[];
  protocol: Protocol;
  routeName: string;
}

function TryItForm({ serverId, inputs, protocol, routeName }: FormProps) {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const id = useId();
  const [values, setValues] = useState<FormValues>(() => initialValues(inputs));
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [sending, setSending] = useState(false);
  const { request, problems } = buildRequest(protocol, inputs, values, routeName);

  const send = (): void => {
    if (!request) return;
    setSending(true);
    client
      .call('serving.tryIt', { id: serverId, path: request.path, body: request.body, contentType: 'application/json' })
      .then(setAnswer, reportError)
      .finally(() => setSending(false));
  };

  return (
    <form
      className="sv-tryit"
      aria-label="Try-it request"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <SignatureFields inputs={inputs} values={values} problems={problems} onChange={(column, value) => setValues((current) => ({ ...current, [column]: value }))} />
      <div className="sv-tryit-io">
        <div>
          <h3 id={`${id}-request`}>
            Request: <code data-testid="tryit-path">POST {request?.path ?? (protocol === 'v2_infer' ? `/v2/models/${routeName}/infer` : '/invocations')}</code>
          </h3>
          {request ? (
            <pre className="sv-code" aria-labelledby={`${id}-request`} data-testid="tryit-body">
              {request.body}
            </pre>
          ) : (
            <p className="sv-problem">Fix the fields above to see the body.</p>
          )}
          <button type="submit" disabled={!request || sending} data-testid="tryit-send">
            {sending ? 'Sending…' : 'Send'}
          </button>
        </div>
        <div aria-live="polite">
          <h3 id={`${id}-answer`}>Answer</h3>
          {answer ? (
            <>
              <p className="sv-hint">
                <span className={`sv-status sv-status-${statusTone(answer.status)}`} data-testid="tryit-status">
                  {answer.status}
                </span>{' '}
                in {answer.ms.toFixed(1)} ms
              </p>
              <pre className="sv-code" aria-labelledby={`${id}-answer`} data-testid="tryit-answer">
                {prettyBody(answer.body)}
              </pre>
            </>
          ) : (
            <p className="sv-hint">Send the request to see the answer.</p>
          )}
        </div>
      </div>
    </form>
  );
}
