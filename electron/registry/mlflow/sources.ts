import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrackingService } from '../../tracking';
import { invalid } from './input';

/** Where a `model-versions/create` source's files are on this machine, and the run it came from. */
export interface SourceFolder {
  dir: string;
  runId: string | null;
}

function relativeParts(field: string, path: string): string[] {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..') || path.includes('\\') || path.includes('\0')) throw invalid(field, `The source path "${path}" climbs out of its folder; this is refused.`);
  return parts;
}

function loggedModelFolder(tracking: TrackingService, modelId: string, rest: string[]): SourceFolder {
  const store = tracking.store();
  const model = store.models.get(modelId);
  const prefix = 'mlflow-artifacts:/';
  if (!model.artifactUri.startsWith(prefix)) throw invalid('source', `The logged model ${modelId} keeps its files at ${model.artifactUri}, which this workbench cannot read.`);
  return { dir: join(store.artifactRoot, ...relativeParts('source', model.artifactUri.slice(prefix.length)), ...rest), runId: model.sourceRunId };
}

/**
 * The sources MLflow clients send: `runs:/<run>/<path>`, the run's artifact
 * location `mlflow-artifacts:/<experiment>/<run>/artifacts/<path>` (what
 * `mlflow.register_model` sends for a `runs:/` URI), MLflow 3's logged models
 * (`models:/m-<id>`, `mlflow-artifacts:/<experiment>/models/<id>/artifacts`), and
 * a local folder (an absolute path or a `file://` URI) holding an MLflow model directory.
 */
export function sourceFolder(tracking: TrackingService, source: string): SourceFolder {
  if (source.startsWith('runs:/')) {
    const [runId, ...rest] = relativeParts('source', source.slice('runs:/'.length));
    if (!runId) throw invalid('source', `The source "${source}" names no run: use runs:/<run_id>/<path>.`);
    return { dir: join(tracking.artifactDirectory(runId), ...rest), runId };
  }
  if (source.startsWith('mlflow-artifacts:')) {
    const path = source.slice('mlflow-artifacts:'.length).replace(/^\/\/[^/]*/, '');
    const [, second, third, fourth, ...rest] = relativeParts('source', path);
    if (second === 'models' && third && fourth === 'artifacts') return loggedModelFolder(tracking, third, rest);
    if (!second || third !== 'artifacts') throw invalid('source', `The source "${source}" is not a run's artifact location (mlflow-artifacts:/<experiment>/<run>/artifacts/<path>).`);
    return { dir: join(tracking.artifactDirectory(second), ...(fourth === undefined ? [] : [fourth]), ...rest), runId: second };
  }
  if (/^models:\/m-[A-Za-z0-9]+\/?$/.test(source)) return loggedModelFolder(tracking, source.slice('models:/'.length).replace(/\/$/, ''), []);
  if (source.startsWith('file:')) {
    let path: string;
    try {
      path = fileURLToPath(source);
    } catch (error) {
      throw invalid('source', `The source "${source}" is not a usable file:// URI (${(error as Error).message}).`);
    }
    return { dir: path, runId: null };
  }
  if (isAbsolute(source)) return { dir: source, runId: null };
  throw invalid(
    'source',
    `The source "${source}" is not one this registry can read: use runs:/<run_id>/model, mlflow-artifacts:/<experiment>/<run>/artifacts/model, models:/<model_id>, or a local folder (absolute path or file:// URI).`,
  );
}
