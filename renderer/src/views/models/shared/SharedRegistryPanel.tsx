import type { WorkbenchClient } from '../../../../../shared/client';
import type { ModelVersion, RegistryRemote } from '../../../../../shared/contract';
import { useBackendValue } from '../../../app/use-backend-value';
import { AuditLog } from './AuditLog';
import { PullSection } from './PullSection';
import { PushSection, type PushTarget } from './PushSection';
import { RemoteSettings } from './RemoteSettings';

// Wrapped: "no remote" (null) must differ from "not read yet".
const readRemote = (client: WorkbenchClient) => client.call('registry.remote', {}).then((remote) => ({ remote }));
const readAudit = (client: WorkbenchClient) => client.call('registry.auditLog', { limit: 200 });

interface Props {
  /** A version handed over from its page ("Push to the shared registry…"); a new `seq` chooses it in the push form. */
  pushTarget: { seq: number; target: PushTarget | null };
  onPulled: (version: ModelVersion) => void;
}

/** The team's MLflow registry: where it is and how to sign in, pushing and pulling versions, and what was sent. */
export function SharedRegistryPanel({ pushTarget, onPulled }: Props) {
  const remote = useBackendValue(readRemote);
  const audit = useBackendValue(readAudit);
  const current: RegistryRemote | null = remote.value?.remote ?? null;

  return (
    <div className="mdl-view" data-testid="models-shared">
      {remote.failure && (
        <p className="mdl-error" role="alert">
          Could not read the shared registry’s settings: {remote.failure}
        </p>
      )}
      <RemoteSettings remote={remote.value === null ? undefined : remote.value.remote} onChanged={(next) => remote.accept({ remote: next })} />
      <div className="mdl-columns">
        <PushSection remote={current} handedOver={pushTarget} onEnded={audit.reload} />
        <PullSection remote={current} onPulled={onPulled} />
      </div>
      <AuditLog entries={audit.value} failure={audit.failure} onReload={audit.reload} />
    </div>
  );
}
