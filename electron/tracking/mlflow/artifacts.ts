import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { WorkbenchError } from '../../../shared/contract';
import { listFolder, openFile, safeRelativePath, writeStream } from '../artifacts';
import type { TrackingStore } from '../store';
import { invalid } from '../validation';
import { optionalString, runIdOf, type Route } from './request';
import { fileInfoJson } from './shapes';

export const ARTIFACTS_PATH = '/api/2.0/mlflow-artifacts/artifacts';
const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

/** The path below `artifacts/`, percent-decoded segment by segment, then checked like any other. */
function artifactPath(url: URL): string {
  const rest = url.pathname.slice(ARTIFACTS_PATH.length + 1);
  let decoded: string;
  try {
    decoded = rest.split('/').map(decodeURIComponent).join('/');
  } catch {
    throw invalid('path', `"${rest}" is not a valid percent-encoded path.`);
  }
  return safeRelativePath('path', decoded);
}

/** Uploads land under an experiment that exists: `<experiment_id>/<run_id>/artifacts/...` or `<experiment_id>/models/<model_id>/artifacts/...`. */
function checkExperimentFolder(store: TrackingStore, path: string): void {
  const experimentId = path.split('/')[0] ?? '';
  if (!store.experiments.find(experimentId)) {
    throw new WorkbenchError('not_found', `No experiment with id ${JSON.stringify(experimentId)}: artifact paths start with an experiment id.`, { path });
  }
}

/**
 * `/api/2.0/mlflow-artifacts/artifacts[/<path>]`: PUT uploads a file (the body,
 * streamed, written atomically), GET downloads one, and GET without a path
 * lists the folder named by `?path=`, with paths relative to it (as MLflow does).
 */
export async function serveArtifacts(request: IncomingMessage, response: ServerResponse, url: URL, store: TrackingStore, sendJson: (status: number, body: unknown) => void): Promise<void> {
  const method = request.method ?? 'GET';
  if (url.pathname === ARTIFACTS_PATH || url.pathname === `${ARTIFACTS_PATH}/`) {
    if (method !== 'GET') throw new WorkbenchError('unknown_procedure', `${method} is not allowed on ${ARTIFACTS_PATH}; GET lists a folder.`);
    const folder = safeRelativePath('path', url.searchParams.get('path') ?? '');
    const files = listFolder(store.artifactRoot, folder, folder).map(fileInfoJson);
    return sendJson(200, files.length > 0 ? { files } : {});
  }
  const path = artifactPath(url);
  if (path === '') throw invalid('path', 'name a file below the artifact root.');
  if (method === 'PUT') {
    checkExperimentFolder(store, path);
    await writeStream(store.artifactRoot, path, request, MAX_UPLOAD_BYTES);
    return sendJson(200, {});
  }
  if (method === 'GET') {
    const file = openFile(store.artifactRoot, path);
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': file.size,
      'content-disposition': `attachment; filename="${encodeURIComponent(file.relative.split('/').pop() ?? 'artifact')}"`,
    });
    await pipeline(file.stream, response);
    return;
  }
  throw new WorkbenchError('unknown_procedure', `${method} is not allowed on artifacts; PUT uploads and GET downloads.`);
}

/** The older run-scoped listing: `GET /api/2.0/mlflow/artifacts/list?run_id=&path=`, paths relative to the run's root. */
export const artifactRoutes: Route[] = [
  {
    method: 'GET',
    path: 'artifacts/list',
    handle: ({ input, store }) => {
      const run = store.runs.get(runIdOf(input));
      const root = store.artifactFolder(run);
      const sub = safeRelativePath('path', optionalString(input, 'path') ?? '');
      const files = listFolder(store.artifactRoot, sub ? `${root}/${sub}` : root, root).map(fileInfoJson);
      return { root_uri: run.artifactUri, ...(files.length > 0 ? { files } : {}) };
    },
  },
];
