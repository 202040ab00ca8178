import { datasetInputSchema, type DatasetInput, type ModelVersion } from '../../../shared/contract';
import type { PulledVersion } from './local';

/** The tags a push sets on the remote version: where it came from, readable by people and by a later pull. */
export const LINEAGE_TAGS = {
  localVersion: 'workbench.local_version',
  runId: 'workbench.run_id',
  experimentId: 'workbench.experiment_id',
  gitCommit: 'workbench.git_commit',
  gitDirty: 'workbench.git_dirty',
  datasets: 'workbench.datasets',
  metrics: 'workbench.metrics',
  parity: 'workbench.parity',
} as const;

/** Set on a remote version whose push failed and that could not be deleted. */
export const PUSH_STATUS_TAG = 'workbench.push_status';

/** MLflow's limit on a model version tag's value (`MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH`). */
const MAX_TAG_VALUE = 5000;

/** The version's own tags, then the lineage ones (which win on a clash): in a stable order, so the requests are too. */
export function pushTags(version: ModelVersion): [string, string][] {
  const lineage = version.lineage;
  const tags: Record<string, string> = { ...version.tags };
  tags[LINEAGE_TAGS.localVersion] = `models:/${version.name}/${version.version}`;
  if (lineage.runId) tags[LINEAGE_TAGS.runId] = lineage.runId;
  if (lineage.experimentId) tags[LINEAGE_TAGS.experimentId] = lineage.experimentId;
  if (lineage.gitCommit) tags[LINEAGE_TAGS.gitCommit] = lineage.gitCommit;
  if (lineage.gitDirty !== null) tags[LINEAGE_TAGS.gitDirty] = String(lineage.gitDirty);
  if (lineage.datasets.length > 0) tags[LINEAGE_TAGS.datasets] = datasetsValue(lineage.datasets);
  if (Object.keys(lineage.metrics).length > 0) tags[LINEAGE_TAGS.metrics] = fit(JSON.stringify(lineage.metrics));
  if (version.parity) tags[LINEAGE_TAGS.parity] = JSON.stringify(version.parity);
  return Object.entries(tags).map(([key, value]) => [key, fit(value)]);
}

/** The datasets with their digests; the sources (long paths) go first when the whole does not fit. */
function datasetsValue(datasets: DatasetInput[]): string {
  const full = JSON.stringify(datasets);
  if (full.length <= MAX_TAG_VALUE) return full;
  return fit(JSON.stringify(datasets.map(({ name, digest, context }) => ({ name, digest, source: '', context }))));
}

function fit(value: string): string {
  return value.length <= MAX_TAG_VALUE ? value : `${value.slice(0, MAX_TAG_VALUE - 1)}…`;
}

/** What a workbench push's tags say of the version's origin; empty for a version pushed by anyone else. */
export function lineageFromTags(tags: Record<string, string>): Omit<PulledVersion['lineage'], 'runId' | 'experimentId'> {
  const dirty = tags[LINEAGE_TAGS.gitDirty];
  return {
    gitCommit: tags[LINEAGE_TAGS.gitCommit] ?? null,
    gitDirty: dirty === undefined ? null : dirty === 'true',
    datasets: parseOr(tags[LINEAGE_TAGS.datasets], (value) => datasetInputSchema.array().parse(value), []),
    metrics: parseOr(tags[LINEAGE_TAGS.metrics], (value) => numbers(value), {}),
  };
}

function parseOr<T>(text: string | undefined, read: (value: unknown) => T, fallback: T): T {
  if (text === undefined) return fallback;
  try {
    return read(JSON.parse(text));
  } catch {
    // Someone edited the tag by hand, or it was cut at MLflow's length limit: lineage is a record, not a requirement.
    return fallback;
  }
}

function numbers(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}
