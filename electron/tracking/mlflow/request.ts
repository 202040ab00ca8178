import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TrackingStore } from '../store';
import { checkInteger, invalid } from '../validation';

/** A request's fields: the JSON body of a POST or PATCH, or the query of a GET. */
export type Input = Record<string, unknown>;

export interface Call {
  method: string;
  input: Input;
  /** Named segments of the route (`logged-models/:model_id`). */
  params: Record<string, string>;
  url: URL;
  store: TrackingStore;
  request: IncomingMessage;
  response: ServerResponse;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Below `/api/2.0/mlflow/`, with `:name` segments. */
  path: string;
  handle(call: Call): unknown;
  /** log-batch's 1 MB rule; other bodies may be larger. */
  maxBodyBytes?: number;
}

/** MLflow's message for a missing field, which clients and their users know. */
export function required(input: Input, name: string, field = name): unknown {
  const value = input[name];
  if (value === undefined || value === null || value === '') throw invalid(field, `Missing value for required parameter '${name}'.`);
  return value;
}

export function requiredString(input: Input, name: string, field = name): string {
  const value = required(input, name, field);
  if (typeof value !== 'string') throw invalid(field, `expected a string, got ${JSON.stringify(value)}.`);
  return value;
}

export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(name, `expected a string, got ${JSON.stringify(value)}.`);
  return value;
}

export function optionalInteger(input: Input, name: string): number | undefined {
  const value = input[name];
  return value === undefined || value === null || value === '' ? undefined : checkInteger(name, value);
}

/** A repeated field: a JSON array, or a query parameter given once or several times. */
export function list(input: Input, name: string): unknown[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

export function stringList(input: Input, name: string): string[] {
  return list(input, name).map((item, index) => {
    if (typeof item !== 'string' && typeof item !== 'number') throw invalid(`${name}[${index}]`, `expected a string, got ${JSON.stringify(item)}.`);
    return String(item);
  });
}

/** `run_id`, or the legacy `run_uuid` that clients still send. */
export function runIdOf(input: Input): string {
  const value = input.run_id ?? input.run_uuid;
  if (value === undefined || value === null || value === '') throw invalid('run_id', "Missing value for required parameter 'run_id'.");
  if (typeof value !== 'string') throw invalid('run_id', `expected a string, got ${JSON.stringify(value)}.`);
  return value;
}

/** `[{key, value}]` as a record; later duplicates win (tags), unless `unique` (params must agree). */
export function keyValues(input: Input, name: string, unique = false): Record<string, string> {
  const out: Record<string, string> = {};
  list(input, name).forEach((item, index) => {
    if (typeof item !== 'object' || item === null) throw invalid(`${name}[${index}]`, 'expected an object with key and value.');
    const { key, value } = item as { key?: unknown; value?: unknown };
    if (typeof key !== 'string' || key === '') throw invalid(`${name}[${index}].key`, "Missing value for required parameter 'key'.");
    if (value === undefined || value === null) throw invalid(`${name}[${index}].value`, "Missing value for required parameter 'value'.");
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (unique && key in out && out[key] !== text) {
      throw invalid(`${name}[${index}]`, `the key "${key}" is given twice with different values ("${out[key]}" and "${text}"); a param has one value.`);
    }
    out[key] = text;
  });
  return out;
}

/** MLflow's page tokens are opaque to clients; ours carry the offset. */
export function pageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

/** The offset a `pageToken` carries; undefined for a token that no answer gave. */
export function pageTokenOffset(token: string): number | undefined {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // Not base64url JSON: as unknown as any other token.
  }
  return undefined;
}

export function readPageToken(input: Input): number {
  const token = optionalString(input, 'page_token');
  if (!token) return 0;
  const offset = pageTokenOffset(token);
  if (offset === undefined) throw invalid('page_token', 'Invalid page token: pass back the next_page_token of the previous answer unchanged.');
  return offset;
}

export function maxResults(input: Input, fallback: number, limit: number): number {
  const value = optionalInteger(input, 'max_results') ?? fallback;
  if (value < 1 || value > limit) throw invalid('max_results', `must be between 1 and ${limit}; got ${value}.`);
  return value;
}

/** MLflow's ViewType, by name or number: ACTIVE_ONLY (1), DELETED_ONLY (2), ALL (3). */
export function viewType(input: Input, name: string): 'active' | 'deleted' | 'all' {
  const value = input[name];
  if (value === undefined || value === null || value === '' || value === 'ACTIVE_ONLY' || value === 1 || value === '1') return 'active';
  if (value === 'DELETED_ONLY' || value === 2 || value === '2') return 'deleted';
  if (value === 'ALL' || value === 3 || value === '3') return 'all';
  throw invalid(name, `expected ACTIVE_ONLY, DELETED_ONLY or ALL; got ${JSON.stringify(value)}.`);
}
