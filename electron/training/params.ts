import type { TrainSpec } from '../../shared/contract';

/** A spec as MLflow params: flat keys, string values (MLflow's own rule), the columns' plans kept out. */
export function specParams(spec: TrainSpec): Record<string, string> {
  const params: Record<string, string> = {
    dataset: spec.dataset,
    target: spec.pipeline.target,
    task: spec.pipeline.task,
    features: String(spec.pipeline.columns.filter((c) => c.role !== 'drop').length),
    backend: spec.backend,
  };
  for (const [key, value] of Object.entries(spec.algorithm)) params[key === 'kind' ? 'algorithm' : key] = format(value);
  for (const [key, value] of Object.entries(spec.settings)) params[key] = format(value);
  for (const [key, value] of Object.entries(spec.split)) if (value !== undefined) params[`split.${key}`] = format(value);
  return params;
}

function format(value: unknown): string {
  if (Array.isArray(value)) return value.join(',');
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
