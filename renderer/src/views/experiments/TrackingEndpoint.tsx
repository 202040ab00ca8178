import { useState } from 'react';
import type { WorkbenchClient } from '../../../../shared/client';
import { useBackendValue } from '../../app/use-backend-value';

const readEndpoint = (client: WorkbenchClient) => client.call('tracking.endpoint', {});

/**
 * How to log into this workbench from Python: the two variables an MLflow
 * client reads. The token is hidden until asked for, and only copied on a click.
 */
export function TrackingEndpoint() {
  const { value } = useBackendValue(readEndpoint);
  const [shown, setShown] = useState(false);
  if (!value) return null;
  const lines = `export MLFLOW_TRACKING_URI=${value.uri}\nexport MLFLOW_TRACKING_TOKEN=${value.token}`;
  return (
    <details className="xp-endpoint" data-testid="tracking-endpoint">
      <summary>Log runs from Python or a notebook (MLflow client)</summary>
      <p>Point any MLflow client at this workbench; its runs appear in this table.</p>
      <pre aria-label="MLflow client settings">
        {`export MLFLOW_TRACKING_URI=${value.uri}\nexport MLFLOW_TRACKING_TOKEN=${shown ? value.token : '•'.repeat(12)}`}
      </pre>
      <button type="button" onClick={() => setShown((s) => !s)}>
        {shown ? 'Hide token' : 'Show token'}
      </button>{' '}
      <button type="button" onClick={() => void navigator.clipboard.writeText(lines)}>
        Copy
      </button>
    </details>
  );
}
