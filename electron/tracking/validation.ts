import { WorkbenchError } from '../../shared/contract';

/**
 * MLflow's limits (mlflow/utils/validation.py): keys of 250 characters, param
 * values of 6,000 and tag values of 8,000 (MLflow's own `mlflow.log-model.history`
 * tag is longer than the 250 of the old docs), and log-batch's request limits.
 */
export const LIMITS = {
  keyLength: 250,
  paramValueLength: 6000,
  tagValueLength: 8000,
  batchMetrics: 1000,
  batchParams: 100,
  batchTags: 100,
  batchTotal: 1000,
  batchBytes: 1024 * 1024,
} as const;

/** Names already checked: a batch of 1,000 metrics repeats a handful of keys. */
const knownGoodKeys = new Set<string>();

export function invalid(field: string, message: string): WorkbenchError {
  return new WorkbenchError('invalid_input', `${field}: ${message}`, { field });
}

/**
 * MLflow's rule for metric, param and tag names: letters, digits, `_ - . : /`
 * and spaces, and never a path that would resolve to another name (`..`, `//`,
 * a leading `/`), because file-based stores use them as file names.
 */
export function checkKey(field: string, key: unknown): string {
  if (typeof key === 'string' && knownGoodKeys.has(key)) return key;
  if (typeof key !== 'string' || key.length === 0) throw invalid(field, 'a non-empty name is required.');
  if (key.length > LIMITS.keyLength) throw invalid(field, `"${key.slice(0, 40)}..." is ${key.length} characters long; the limit is ${LIMITS.keyLength}.`);
  if (!/^[/\p{L}\p{N}_.\- :]+$/u.test(key)) {
    throw invalid(field, `"${key}" is not a valid name: names may only contain letters, digits, underscores (_), dashes (-), periods (.), spaces, colons (:) and slashes (/).`);
  }
  const parts = key.split('/');
  if (key.startsWith('/') || parts.some((part) => part === '..' || part === '.' || part === '') ) {
    throw invalid(field, `"${key}" would resolve to another name as a path; remove the "..", "." or doubled and outer slashes.`);
  }
  if (knownGoodKeys.size >= 10_000) knownGoodKeys.clear();
  knownGoodKeys.add(key);
  return key;
}

export function checkParamValue(field: string, value: unknown): string {
  const text = stringValue(field, value);
  if (text.length > LIMITS.paramValueLength) throw invalid(field, `the value is ${text.length} characters long; the limit is ${LIMITS.paramValueLength}.`);
  return text;
}

export function checkTagValue(field: string, value: unknown): string {
  const text = stringValue(field, value);
  if (text.length > LIMITS.tagValueLength) throw invalid(field, `the value is ${text.length} characters long; the limit is ${LIMITS.tagValueLength}.`);
  return text;
}

function stringValue(field: string, value: unknown): string {
  if (typeof value === 'string') return value;
  // MLflow clients stringify values before sending, but a hand-written request may not.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalid(field, 'a string value is required.');
}

/** A metric value as JSON may carry it: a number, or protobuf's "NaN" / "Infinity" / "-Infinity". */
export function checkMetricValue(field: string, value: unknown): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  throw invalid(field, `a number is required (got ${JSON.stringify(value) ?? 'nothing'}).`);
}

/** int64 fields arrive as numbers or, in protobuf's JSON, as strings of digits. */
export function checkInteger(field: string, value: unknown): number {
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw invalid(field, `a whole number is required (got ${JSON.stringify(value) ?? 'nothing'}).`);
  return number;
}
