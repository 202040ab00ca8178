import { useState } from 'react';
import { useBackend } from '../../app/backend';
import { BatchPanel } from './batch/BatchPanel';
import { ServersTab } from './servers/ServersTab';
import './serving.css';

type ServingTab = 'servers' | 'batch';

const tabs: { id: ServingTab; label: string }[] = [
  { id: 'servers', label: 'Model servers' },
  { id: 'batch', label: 'Batch scoring' },
];

/**
 * The Serving stage: local model servers (start, stop, try it, live log and
 * latency) and batch scoring. Both panels stay mounted, so a scoring job's
 * progress survives a look at the servers.
 */
export function ServingView() {
  const { workspace } = useBackend();
  const [tab, setTab] = useState<ServingTab>('servers');
  return (
    <section className="view view-wide sv-view" aria-labelledby="view-serving" data-testid="view-serving">
      <h1 id="view-serving">Serving</h1>
      {workspace === null ? (
        <p className="sv-hint">Open a workspace to serve its registered models.</p>
      ) : (
        <>
          <div role="tablist" aria-label="Serving tools" className="tabs">
            {tabs.map((t) => (
              <button key={t.id} id={`serving-tab-${t.id}`} type="button" role="tab" aria-selected={tab === t.id} aria-controls={`serving-panel-${t.id}`} className="tab" data-testid={`serving-tab-${t.id}`} onClick={() => setTab(t.id)}>
                {t.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id="serving-panel-servers" aria-labelledby="serving-tab-servers" hidden={tab !== 'servers'}>
            <ServersTab />
          </div>
          <div role="tabpanel" id="serving-panel-batch" aria-labelledby="serving-tab-batch" hidden={tab !== 'batch'}>
            <BatchPanel />
          </div>
        </>
      )}
    </section>
  );
}
