import { isWorkbenchError } from '../../../shared/contract';
import { MlflowClient, MlflowNotFound, type MlflowEndpoint } from './http';
import type { MlflowVersion } from './mlflow';
import { PUSH_STATUS_TAG } from './tags';

/** What a push has made on the remote so far. */
export interface Made {
  modelCreated: boolean;
  runId: string | null;
  /** The artifact folder (below the artifact root) the files go to, once the run exists. */
  artifactDir: string | null;
  remoteVersion: string | null;
}

/** The whole cleanup gets this long: a server that fails the push may not answer the cleanup either. */
const CLEANUP_TIMEOUT_MS = 20_000;

/**
 * Undoes a failed push, so no half-made version stays on the remote:
 * 1. the version, if created, is deleted (`model-versions/delete`); MLflow's
 *    REST API cannot set a version's status, so a version that cannot be
 *    deleted is tagged `workbench.push_status = FAILED_REGISTRATION` instead;
 * 2. the registered model, if this push created it and it holds no version;
 * 3. the uploaded files (`DELETE mlflow-artifacts/artifacts/<dir>`), where the
 *    server's artifact store allows deleting; otherwise they stay in the run;
 * 4. the run holding them is marked FAILED and deleted (MLflow keeps deleted
 *    runs until `mlflow gc`, which also removes their files).
 * A version that could not be deleted keeps its files and its run (marked
 * FAILED), so what the tag marks as failed can still be looked at.
 * Answers a sentence for the error message and the audit record.
 */
export async function cleanUpPush(endpoint: MlflowEndpoint, remoteName: string, made: Made): Promise<{ summary: string; complete: boolean }> {
  // Not the job's signal: a cancelled push must still clean up.
  const client = new MlflowClient(endpoint, { signal: AbortSignal.timeout(CLEANUP_TIMEOUT_MS), callTimeoutMs: CLEANUP_TIMEOUT_MS });
  const said: string[] = [];
  let complete = true;
  const attempt = async (action: () => Promise<unknown>): Promise<string | null> => {
    try {
      await action();
      return null;
    } catch (error) {
      if (error instanceof MlflowNotFound) return null;
      return isWorkbenchError(error) ? error.message : String(error);
    }
  };

  let versionGone = made.remoteVersion === null;
  if (made.remoteVersion !== null) {
    const version = made.remoteVersion;
    const problem = await attempt(() => client.delete('model-versions/delete', { name: remoteName, version }));
    versionGone = problem === null;
    if (versionGone) said.push(`The remote version ${remoteName} ${version} was deleted.`);
    else {
      complete = false;
      const tagged = await attempt(() => client.post('model-versions/set-tag', { name: remoteName, version, key: PUSH_STATUS_TAG, value: 'FAILED_REGISTRATION' }));
      said.push(
        tagged === null
          ? `The remote version ${remoteName} ${version} could not be deleted (${problem}); it is tagged ${PUSH_STATUS_TAG}=FAILED_REGISTRATION: delete it on the server.`
          : `The remote version ${remoteName} ${version} could be neither deleted nor tagged (${problem}): delete models:/${remoteName}/${version} on the server.`,
      );
    }
  }
  if (made.modelCreated && versionGone) {
    const left = await client.get<{ model_versions?: MlflowVersion[] }>('model-versions/search', { filter: `name='${remoteName.replace(/'/g, "\\'")}'`, max_results: 1 }).catch(() => null);
    if (left !== null && (left.model_versions ?? []).length === 0) {
      const problem = await attempt(() => client.delete('registered-models/delete', { name: remoteName }));
      if (problem === null) said.push(`The registered model ${remoteName}, new with this push, was deleted.`);
    }
  }
  if (!versionGone) {
    // The version stays (tagged): keep the files it points at and its run, marked failed, for whoever deletes it.
    if (made.runId !== null) await attempt(() => client.post('runs/update', { run_id: made.runId, run_uuid: made.runId, status: 'FAILED', end_time: Date.now() }));
    return { summary: said.join(' '), complete };
  }
  if (made.artifactDir !== null) {
    const problem = await attempt(() => client.deleteArtifact(made.artifactDir ?? ''));
    if (problem !== null) {
      complete = false;
      said.push(`Files already uploaded stay at mlflow-artifacts:/${made.artifactDir} (the server would not delete them: ${problem}).`);
    } else said.push('The uploaded files were deleted.');
  }
  if (made.runId !== null) {
    const runId = made.runId;
    const problem = (await attempt(() => client.post('runs/update', { run_id: runId, run_uuid: runId, status: 'FAILED', end_time: Date.now() }))) ?? (await attempt(() => client.post('runs/delete', { run_id: runId })));
    if (problem !== null) {
      complete = false;
      said.push(`The run ${runId} in ${endpoint.url} could not be marked failed and deleted (${problem}).`);
    }
  }
  if (said.length === 0) said.push('Nothing had been created on the remote.');
  return { summary: said.join(' '), complete };
}
