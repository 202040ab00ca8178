import type { ModelVersion } from '../../../../../shared/contract';
import { useNotices } from '../../../app/notices';
import { JobProgress } from '../JobProgress';
import { useJob } from '../use-job';
import { useModels } from '../use-registry';
import { ImportForm } from './ImportForm';
import { RegisterFromRun } from './RegisterFromRun';

/** Adds versions to the registry: from a trained run, or imported from a file or folder; one job at a time, with progress and Cancel. */
export function RegisterPanel({ active, onRegistered }: { active: boolean; onRegistered: (version: ModelVersion) => void }) {
  const { inform } = useNotices();
  const job = useJob();
  const models = useModels('');
  const registered = (version: ModelVersion): void => {
    inform(`Registered ${version.name} version ${version.version}.`);
    onRegistered(version);
  };

  return (
    <div className="mdl-view" data-testid="models-register">
      <JobProgress job={job} testId="register-progress" />
      <div className="mdl-columns">
        <RegisterFromRun active={active} job={job} models={models.value ?? []} onRegistered={registered} />
        <ImportForm job={job} onRegistered={registered} />
      </div>
    </div>
  );
}
