import type { WorkbenchClient } from '../../../../../shared/client';
import { trainSpecSchema, WorkbenchError, type TrainSpec } from '../../../../../shared/contract';

/** Where a trained run keeps the exact spec it was trained with (a search's trials included, with their values). */
export const specArtifact = 'model/spec.json';

/**
 * The spec to train a run again: its own, as a new run (no name, so the
 * workbench names it) and, for a trial, without the search that drew it.
 */
export function rerunSpec(spec: TrainSpec, fromTrial: boolean): TrainSpec {
  const { runName: _runName, search, ...rest } = spec;
  return fromTrial ? rest : { ...rest, search };
}

export async function specOfRun(client: WorkbenchClient, runId: string): Promise<TrainSpec> {
  const run = await client.call('tracking.run', { runId });
  let text: string;
  try {
    text = (await client.call('tracking.readArtifact', { runId, path: specArtifact })).text;
  } catch {
    throw new WorkbenchError('not_found', `The run "${run.name}" has no ${specArtifact}: only runs trained by the workbench that finished can be trained again from here.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = trainSpecSchema.safeParse(json);
  if (!parsed.success) throw new WorkbenchError('invalid_input', `${specArtifact} of the run "${run.name}" is not a spec this version reads: ${parsed.error.issues[0]?.message ?? ''}`);
  return rerunSpec(parsed.data, run.parentRunId !== null);
}
