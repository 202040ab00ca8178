import {
  algorithmSchema,
  searchParamPath,
  trainSettingsSchema,
  trainSpecSchema,
  WorkbenchError,
  type SearchDistribution,
  type SearchSpec,
  type TrainSpec,
} from '../../shared/contract';
import type { ParamValue } from './distributions';

export interface SpecIssue {
  field: string;
  message: string;
}

export function fieldOf(path: string): string {
  return `search.space['${path}']`;
}

/** The keys a path may name under `settings` or under the spec's algorithm; `algorithm.kind` is not searchable (it changes which keys exist). */
function searchableKeys(train: TrainSpec, section: 'settings' | 'algorithm'): string[] {
  if (section === 'settings') return Object.keys(trainSettingsSchema.shape);
  const option = algorithmSchema.options.find((o) => o.shape.kind.value === train.algorithm.kind);
  return option === undefined ? [] : Object.keys(option.shape).filter((key) => key !== 'kind');
}

/** Why a path cannot be set on this spec, or null when it can. */
function pathProblem(train: TrainSpec, path: string): string | null {
  if (!searchParamPath.safeParse(path).success) return 'not a path such as settings.learningRate or algorithm.dropout';
  const [section, key] = path.split('.') as ['settings' | 'algorithm', string];
  const keys = searchableKeys(train, section);
  if (keys.includes(key)) return null;
  return section === 'settings'
    ? `the training settings have no "${key}"; they are ${keys.join(', ')}`
    : `the ${train.algorithm.kind} algorithm has no "${key}"; it has ${keys.join(', ')}`;
}

/** Problems with the distributions themselves, whatever they are applied to. */
export function checkSpace(space: SearchSpec['space']): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const [path, distribution] of Object.entries(space)) {
    const problem = distributionProblem(distribution);
    if (problem !== null) issues.push({ field: fieldOf(path), message: problem });
  }
  return issues;
}

function distributionProblem(distribution: SearchDistribution): string | null {
  if (distribution.type === 'choice') return distribution.values.length === 0 ? 'give at least one value to choose from' : null;
  const { low, high } = distribution;
  if (!Number.isFinite(low) || !Number.isFinite(high)) return `low (${low}) and high (${high}) must be finite numbers`;
  if (distribution.type === 'loguniform' && low <= 0) return `a log-uniform low must be above 0 (got ${low})`;
  if (distribution.type === 'int' && (!Number.isInteger(low) || !Number.isInteger(high))) return `an int distribution needs whole bounds (got ${low} and ${high})`;
  if (low >= high) return `low (${low}) must be below high (${high})`;
  return null;
}

/**
 * The spec with the params set (`settings.learningRate`, `algorithm.dropout`...),
 * validated again. Everything else, the search included, is left as it was.
 */
export function applyParams(spec: TrainSpec, params: Record<string, ParamValue>): TrainSpec {
  const settings: Record<string, unknown> = { ...spec.settings };
  const algorithm: Record<string, unknown> = { ...spec.algorithm };
  for (const [path, value] of Object.entries(params)) {
    const problem = pathProblem(spec, path);
    if (problem !== null) throw new WorkbenchError('invalid_input', `${fieldOf(path)}: ${problem}`, { field: fieldOf(path) });
    const [section, key] = path.split('.') as ['settings' | 'algorithm', string];
    (section === 'settings' ? settings : algorithm)[key] = structuredClone(value);
  }
  const parsed = trainSpecSchema.safeParse({ ...spec, settings, algorithm });
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  if (issue === undefined) throw new WorkbenchError('invalid_input', 'the spec is invalid');
  const [section, key, ...rest] = issue.path.map(String);
  const path = `${section}.${key}`;
  const field = path in params ? fieldOf(path) : issue.path.map(String).join('.') || 'spec';
  const at = path in params && rest.length > 0 ? ` (at ${rest.join('.')})` : '';
  throw new WorkbenchError('invalid_input', `${field}: ${issue.message}${at}`, { field });
}

/** Values that stand for what a distribution can give: its ends, a value inside (not whole), or every choice. */
function probes(distribution: SearchDistribution): ParamValue[] {
  switch (distribution.type) {
    case 'uniform':
      return [distribution.low, distribution.high, distribution.low + (distribution.high - distribution.low) / Math.PI];
    case 'loguniform':
      return [distribution.low, distribution.high, distribution.low * (distribution.high / distribution.low) ** (1 / Math.PI)];
    case 'int':
      return [distribution.low, distribution.high];
    case 'choice':
      return distribution.values;
  }
}

/**
 * Everything wrong with a search before any training: bad bounds, paths the
 * spec does not have, and values the training settings would refuse (each
 * distribution's ends and choices are tried on the spec).
 */
export function checkSearchSpec(spec: SearchSpec, train: TrainSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const [path, distribution] of Object.entries(spec.space)) {
    const field = fieldOf(path);
    const problem = pathProblem(train, path) ?? distributionProblem(distribution);
    if (problem !== null) {
      issues.push({ field, message: problem });
      continue;
    }
    for (const [index, value] of probes(distribution).entries()) {
      try {
        applyParams(train, { [path]: value });
      } catch (error) {
        const message = error instanceof Error ? error.message.replace(`${field}: `, '') : String(error);
        // Both ends passed and a value between them did not: the setting takes whole numbers.
        const hint = index === 2 && distribution.type !== 'choice' ? '; it takes whole numbers: use an int distribution' : '';
        issues.push({ field, message: `${JSON.stringify(value)} is refused: ${message}${hint}` });
        break;
      }
    }
  }
  return issues;
}
