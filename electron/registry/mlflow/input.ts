import { aliasName, modelName, WorkbenchError } from '../../../shared/contract';
import { pageToken, pageTokenOffset, type MlflowInput } from '../../tracking';

export function invalid(field: string, message: string): WorkbenchError {
  return new WorkbenchError('invalid_input', message, { field });
}

/** MLflow's message for a missing field, which its clients and their users know. */
export function requiredString(input: MlflowInput, name: string): string {
  const value = input[name];
  if (value === undefined || value === null || value === '') throw invalid(name, `Missing value for required parameter '${name}'.`);
  if (typeof value !== 'string' && typeof value !== 'number') throw invalid(name, `Invalid value ${JSON.stringify(value)} for parameter '${name}': expected a string.`);
  return String(value);
}

export function optionalString(input: MlflowInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(name, `Invalid value ${JSON.stringify(value)} for parameter '${name}': expected a string.`);
  return value;
}

export function nameOf(input: MlflowInput, field = 'name'): string {
  const name = requiredString(input, field);
  const checked = modelName.safeParse(name);
  if (!checked.success) throw invalid(field, `Invalid model name "${name}": use ${checked.error.issues[0]?.message ?? 'letters, digits, dots, dashes and underscores'} (at most 100).`);
  return name;
}

export function aliasOf(input: MlflowInput): string {
  const alias = requiredString(input, 'alias');
  if (!aliasName.safeParse(alias).success) throw invalid('alias', `Invalid alias "${alias}": start with a letter, then letters, digits, dashes and underscores (at most 50).`);
  return alias;
}

/** Version numbers travel as strings in MLflow's API. */
export function versionOf(input: MlflowInput): number {
  const text = requiredString(input, 'version');
  const version = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(version) || version < 1) throw invalid('version', `Invalid version "${text}": expected a positive whole number.`);
  return version;
}

export function tagKey(input: MlflowInput): string {
  const key = requiredString(input, 'key');
  if (key.length > 250) throw invalid('key', `A tag key is at most 250 characters; this one has ${key.length}.`);
  return key;
}

export function tagValue(input: MlflowInput): string {
  const value = input.value;
  if (value === undefined || value === null) throw invalid('value', "Missing value for required parameter 'value'.");
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text.length > 5000) throw invalid('value', `A tag value is at most 5000 characters; this one has ${text.length}.`);
  return text;
}

/** `tags: [{key, value}]`. */
export function tagList(input: MlflowInput): Record<string, string> {
  const value = input.tags;
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value)) throw invalid('tags', 'expected a list of {"key", "value"} objects.');
  const out: Record<string, string> = {};
  value.forEach((item: unknown, index) => {
    if (typeof item !== 'object' || item === null) throw invalid(`tags[${index}]`, 'expected an object with key and value.');
    const tag = item as Record<string, unknown>;
    out[tagKey(tag)] = tagValue(tag);
  });
  return out;
}

/** A repeated field: a JSON array, or a query parameter given once or several times. */
export function stringList(input: MlflowInput, name: string): string[] {
  const value = input[name];
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  return items.map((item, index) => {
    if (typeof item !== 'string') throw invalid(`${name}[${index}]`, `expected a string, got ${JSON.stringify(item)}.`);
    return item;
  });
}

export function maxResults(input: MlflowInput, fallback: number, limit: number): number {
  const value = input.max_results;
  if (value === undefined || value === null || value === '') return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1 || number > limit) throw invalid('max_results', `Invalid value for max_results: it must be between 1 and ${limit}; got ${JSON.stringify(value)}.`);
  return number;
}

export function readPageToken(input: MlflowInput): number {
  const token = optionalString(input, 'page_token');
  if (!token) return 0;
  const offset = pageTokenOffset(token);
  if (offset === undefined) throw invalid('page_token', 'Invalid page token: pass back the next_page_token of the previous answer unchanged.');
  return offset;
}

/** One page of `items`, with MLflow's next_page_token when more follow. */
export function page<T>(items: T[], input: MlflowInput, fallback: number, limit: number): { items: T[]; next?: string } {
  const size = maxResults(input, fallback, limit);
  const offset = readPageToken(input);
  const slice = items.slice(offset, offset + size);
  return offset + size < items.length ? { items: slice, next: pageToken(offset + size) } : { items: slice };
}
