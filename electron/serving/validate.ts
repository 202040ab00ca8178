import type { ModelSignature, SignatureField } from '../../shared/contract';
import { badRequest, type HttpError } from './http-error';
import type { ColumnarInput } from './types';

/**
 * Requests checked against the model's signature, and turned into columns.
 * A plan per model is computed once at load; each request only walks it.
 * Numbers, strings and booleans are told apart as MLflow's schema
 * enforcement does: a whole number for long and integer columns, a missing
 * value (null, NaN) only where pandas could hold it (double, float, string).
 */

export type Kind = 'double' | 'long' | 'string' | 'boolean';

export interface FieldPlan {
  readonly index: number;
  readonly name: string;
  /** The signature's own word for it, for messages. */
  readonly type: string;
  readonly kind: Kind;
  readonly missingAllowed: boolean;
  readonly optional: boolean;
}

export interface InputPlan {
  readonly fields: readonly FieldPlan[];
  readonly byName: ReadonlyMap<string, FieldPlan>;
  /** Positions of `dataframe_split` / CSV headers, by the header (clients send the same one over and over). */
  readonly headerCache: Map<string, HeaderPlan>;
  /** The header seen last, compared name by name before anything is joined or hashed. */
  last: { header: readonly unknown[]; plan: HeaderPlan } | null;
}

export interface HeaderPlan {
  /** For each position of the header, its field, or null for an extra column. */
  readonly targets: readonly (FieldPlan | null)[];
  readonly ignored: readonly string[];
  /** By field index: whether the header has it. */
  readonly present: readonly boolean[];
}

export type Column = Float64Array | (string | null)[] | (boolean | null)[];

export interface Parsed {
  input: ColumnarInput;
  /** Columns the request sent that the model does not take (reported in a header). */
  ignored: readonly string[];
}

const KINDS: Readonly<Record<string, Kind>> = {
  double: 'double', float: 'double', float64: 'double', float32: 'double', float16: 'double', number: 'double',
  long: 'long', integer: 'long', int: 'long', int64: 'long', int32: 'long', int16: 'long', int8: 'long', uint8: 'long',
  string: 'string', str: 'string', object: 'string', binary: 'string', bytes: 'string', datetime: 'string',
  boolean: 'boolean', bool: 'boolean',
};

export function kindOf(field: SignatureField): Kind {
  const word = (field.type === 'tensor' ? field.dtype ?? 'double' : field.type).toLowerCase();
  return KINDS[word] ?? 'double';
}

export function planInputs(signature: ModelSignature): InputPlan {
  const fields = signature.inputs.map((field, index): FieldPlan => {
    const kind = kindOf(field);
    return { index, name: field.name, type: field.type === 'tensor' ? field.dtype ?? 'tensor' : field.type, kind, missingAllowed: kind === 'double' || kind === 'string', optional: field.optional === true };
  });
  return { fields, byName: new Map(fields.map((field) => [field.name, field])), headerCache: new Map(), last: null };
}

export function newColumns(plan: InputPlan, rows: number): Column[] {
  return plan.fields.map((field) => (field.kind === 'double' || field.kind === 'long' ? new Float64Array(rows) : new Array<null>(rows).fill(null)));
}

const show = (value: unknown): string => {
  const text = typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'a list' : value !== null && typeof value === 'object' ? 'an object' : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
};

const expects: Readonly<Record<Kind, string>> = { double: 'a number', long: 'a whole number', string: 'a string', boolean: 'true or false' };

export function wrongType(field: FieldPlan, row: number, value: unknown): HttpError {
  return badRequest(`Column "${field.name}" (${field.type}) expects ${expects[field.kind]}; row ${row} holds ${show(value)}.`);
}

export function missingValue(field: FieldPlan, row: number): HttpError {
  return badRequest(`Column "${field.name}" (${field.type}) has a missing value (null or NaN) at row ${row}; the signature does not allow missing values in ${field.type} columns.`);
}

/** Stores one JSON value; row numbers in messages count from 0, as pandas does. */
export function setJson(field: FieldPlan, column: Column, row: number, value: unknown): void {
  switch (field.kind) {
    case 'double':
      if (typeof value === 'number') (column as Float64Array)[row] = value;
      else if (value === null || value === undefined) (column as Float64Array)[row] = Number.NaN;
      else throw wrongType(field, row, value);
      return;
    case 'long':
      if (typeof value === 'number' && Number.isInteger(value)) (column as Float64Array)[row] = value;
      else if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) throw missingValue(field, row);
      else throw wrongType(field, row, value);
      return;
    case 'string':
      if (typeof value === 'string') (column as (string | null)[])[row] = value;
      else if (typeof value === 'number' && field.type === 'datetime' && Number.isFinite(value)) (column as (string | null)[])[row] = new Date(value).toISOString();
      else if (value !== null && value !== undefined) throw wrongType(field, row, value);
      return;
    case 'boolean':
      if (typeof value === 'boolean') (column as (boolean | null)[])[row] = value;
      else if (value === null || value === undefined) throw missingValue(field, row);
      else throw wrongType(field, row, value);
      return;
  }
}

const TRUE = new Set(['true', 'True', 'TRUE', '1']);
const FALSE = new Set(['false', 'False', 'FALSE', '0']);
const MISSING_NUMBER = new Set(['', 'NaN', 'nan', 'NA', 'null']);

/** Stores one CSV cell: an empty cell is a missing value, as pandas reads it. */
export function setText(field: FieldPlan, column: Column, row: number, text: string): void {
  switch (field.kind) {
    case 'double':
    case 'long': {
      if (MISSING_NUMBER.has(text)) {
        if (field.kind === 'long') throw missingValue(field, row);
        (column as Float64Array)[row] = Number.NaN;
        return;
      }
      const value = Number(text);
      if (Number.isNaN(value) || (field.kind === 'long' && !Number.isInteger(value))) throw wrongType(field, row, text);
      (column as Float64Array)[row] = value;
      return;
    }
    case 'string':
      (column as (string | null)[])[row] = text === '' ? null : text;
      return;
    case 'boolean':
      if (TRUE.has(text)) (column as (boolean | null)[])[row] = true;
      else if (FALSE.has(text)) (column as (boolean | null)[])[row] = false;
      else if (text === '') throw missingValue(field, row);
      else throw wrongType(field, row, text);
      return;
  }
}

/** Where each column of a header goes; 400 for a repeated or missing column. */
export function planHeader(plan: InputPlan, header: readonly unknown[]): HeaderPlan {
  const last = plan.last;
  if (last && sameHeader(last.header, header)) return last.plan;
  const key = header.join('\u0001');
  const cached = plan.headerCache.get(key);
  if (cached) {
    plan.last = { header, plan: cached };
    return cached;
  }
  const seen = new Set<string>();
  const ignored: string[] = [];
  const targets = header.map((name) => {
    if (typeof name !== 'string') throw badRequest(`Column names must be strings; got ${show(name)}.`);
    if (seen.has(name)) throw badRequest(`Column "${name}" appears twice.`);
    seen.add(name);
    const field = plan.byName.get(name) ?? null;
    if (!field) ignored.push(name);
    return field;
  });
  requireColumns(plan, (name) => seen.has(name));
  const planned = { targets, ignored, present: plan.fields.map((field) => seen.has(field.name)) };
  // Bounded: a client that sends ever-new headers cannot grow it without end.
  if (plan.headerCache.size >= 64) plan.headerCache.clear();
  plan.headerCache.set(key, planned);
  plan.last = { header, plan: planned };
  return planned;
}

function sameHeader(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** 400 naming every required column the request lacks. */
export function requireColumns(plan: InputPlan, has: (name: string) => boolean): void {
  const missing = plan.fields.filter((field) => !field.optional && !has(field.name));
  if (missing.length === 0) return;
  const list = missing.map((field) => `"${field.name}" (${field.type})`).join(', ');
  throw badRequest(`Missing ${missing.length === 1 ? 'column' : 'columns'} ${list}; the model's signature needs ${plan.fields.map((f) => f.name).join(', ')}.`);
}

export function toInput(plan: InputPlan, rows: number, columns: Column[], present?: (field: FieldPlan) => boolean): ColumnarInput {
  const out: ColumnarInput['columns'] = {};
  for (const field of plan.fields) {
    if (present && !present(field)) continue;
    out[field.name] = columns[field.index] as Column;
  }
  return { rows, columns: out };
}
