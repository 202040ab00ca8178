import { useEffect } from 'react';
import type { WorkbenchClient } from '../../../../../shared/client';
import type { BackendInfo, Dataset, Experiment } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useBackendValue } from '../../../app/use-backend-value';
import { useDatasets } from '../../data/datasets/useDatasets';

const readBackends = (client: WorkbenchClient): Promise<BackendInfo[]> => client.call('training.backends', {});
const readExperiments = (client: WorkbenchClient): Promise<Experiment[]> => client.call('tracking.experiments', {});

export interface TrainOptions {
  datasets: Dataset[] | null;
  backends: BackendInfo[] | null;
  experiments: string[];
}

/** What the Train form offers to choose from: datasets, backends (with the device each runs on) and experiments. */
export function useTrainOptions(): TrainOptions {
  const { client } = useBackend();
  const { datasets } = useDatasets();
  const backends = useBackendValue(readBackends);
  const experiments = useBackendValue(readExperiments);
  const reloadExperiments = experiments.reload;
  // A run started anywhere (here, a schedule, a script over the MLflow API) may have created an experiment.
  useEffect(() => client.on('tracking.changed', (change) => change.kind === 'created' && reloadExperiments()), [client, reloadExperiments]);
  return {
    datasets,
    backends: backends.value,
    experiments: (experiments.value ?? []).filter((e) => e.lifecycleStage === 'active').map((e) => e.name),
  };
}
