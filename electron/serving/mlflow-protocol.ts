import { parseJson } from './body';
import { parseCsv } from './csv';
import { badRequest } from './http-error';
import type { ScoreResult } from './types';
import { newColumns, planHeader, requireColumns, setJson, setText, toInput, type Column, type FieldPlan, type InputPlan, type Parsed } from './validate';

/**
 * MLflow's scoring protocol (`POST /invocations`), as `mlflow models serve`
 * takes it: JSON with exactly one of dataframe_split, dataframe_records,
 * instances or inputs (plus optional params), or a CSV body.
 */

const FORMATS = ['dataframe_split', 'dataframe_records', 'instances', 'inputs'] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseCsvInvocation(text: string, plan: InputPlan): Parsed {
  const { header, rows } = parseCsv(text);
  const { targets, ignored, present } = planHeader(plan, header);
  const columns = newColumns(plan, rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as string[];
    for (let c = 0; c < targets.length; c++) {
      const field = targets[c];
      if (field) setText(field, columns[field.index] as Column, r, row[c] as string);
    }
  }
  return { input: toInput(plan, rows.length, columns, (field) => present[field.index] === true), ignored };
}

export function parseJsonInvocation(text: string, plan: InputPlan): Parsed {
  const body = parseJson(text);
  if (!isObject(body)) throw badRequest(`The JSON body must be an object with one of ${FORMATS.join(', ')}.`);
  let format: (typeof FORMATS)[number] | null = null;
  for (const key in body) {
    if ((FORMATS as readonly string[]).includes(key)) {
      if (format !== null) throw badRequest(`The JSON body has both "${format}" and "${key}"; send exactly one of ${FORMATS.join(', ')}.`);
      format = key as (typeof FORMATS)[number];
    } else if (key !== 'params') {
      throw badRequest(`Unknown field "${key}" in the JSON body; send exactly one of ${FORMATS.join(', ')} (and optionally params).`);
    }
  }
  if (format === null) throw badRequest(`The JSON body has none of ${FORMATS.join(', ')}; send exactly one.`);
  if (body.params !== undefined && !isObject(body.params)) throw badRequest('"params" must be an object.');
  const payload = body[format];
  switch (format) {
    case 'dataframe_split':
      return fromSplit(payload, plan);
    case 'dataframe_records':
      if (!Array.isArray(payload)) throw badRequest('"dataframe_records" must be a list of objects, one per row.');
      return fromRecords(payload, plan, format);
    case 'instances':
      if (!Array.isArray(payload)) throw badRequest('"instances" must be a list: objects (one per row), or values for a model with one input.');
      return payload.length > 0 && !isObject(payload[0]) ? fromSingleColumn(payload, plan, format) : fromRecords(payload, plan, format);
    case 'inputs':
      if (Array.isArray(payload)) return payload.length > 0 && isObject(payload[0]) ? fromRecords(payload, plan, format) : fromSingleColumn(payload, plan, format);
      if (!isObject(payload)) throw badRequest('"inputs" must be an object of columns ({"name": [values]}), or a list.');
      return fromColumns(payload, plan);
  }
}

function fromSplit(payload: unknown, plan: InputPlan): Parsed {
  if (!isObject(payload)) throw badRequest('"dataframe_split" must be an object with "columns" and "data".');
  const { columns: header, data } = payload;
  if (!Array.isArray(header)) throw badRequest('"dataframe_split" needs "columns": the list of column names.');
  if (!Array.isArray(data)) throw badRequest('"dataframe_split" needs "data": a list of rows, each a list of values.');
  const { targets, ignored, present } = planHeader(plan, header);
  const columns = newColumns(plan, data.length);
  for (let r = 0; r < data.length; r++) {
    const row: unknown = data[r];
    if (!Array.isArray(row) || row.length !== targets.length) {
      throw badRequest(`dataframe_split row ${r} ${Array.isArray(row) ? `has ${row.length} values` : 'is not a list'}; "columns" names ${targets.length}.`);
    }
    for (let c = 0; c < targets.length; c++) {
      const field = targets[c];
      if (field) setJson(field, columns[field.index] as Column, r, row[c]);
    }
  }
  return { input: toInput(plan, data.length, columns, (field) => present[field.index] === true), ignored };
}

function fromRecords(rows: unknown[], plan: InputPlan, format: string): Parsed {
  const { fields } = plan;
  const columns = newColumns(plan, rows.length);
  const first: unknown = rows[0];
  // A column absent from every row is a missing column; absent from some, a missing value.
  const present = (field: FieldPlan): boolean => (isObject(first) && first[field.name] !== undefined) || rows.some((row) => isObject(row) && row[field.name] !== undefined);
  if (rows.length > 0) requireColumns(plan, (name) => present(plan.byName.get(name) as FieldPlan));
  let ignored: Set<string> | null = null;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!isObject(row)) throw badRequest(`${format} row ${r} is not an object of column values.`);
    let found = 0;
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f] as FieldPlan;
      const value = row[field.name];
      if (value !== undefined) found++;
      setJson(field, columns[f] as Column, r, value);
    }
    if (Object.keys(row).length > found) {
      for (const key of Object.keys(row)) if (!plan.byName.has(key)) (ignored ??= new Set()).add(key);
    }
  }
  return { input: toInput(plan, rows.length, columns, (field) => !field.optional || present(field)), ignored: ignored ? [...ignored] : [] };
}

function fromColumns(payload: Record<string, unknown>, plan: InputPlan): Parsed {
  requireColumns(plan, (name) => payload[name] !== undefined);
  const ignored = Object.keys(payload).filter((key) => !plan.byName.has(key));
  let rows = -1;
  for (const field of plan.fields) {
    const values = payload[field.name];
    if (values === undefined) continue;
    const length = Array.isArray(values) ? values.length : 1;
    if (rows >= 0 && length !== rows) throw badRequest(`Column "${field.name}" has ${length} values where the others have ${rows}; "inputs" columns must be the same length.`);
    rows = length;
  }
  rows = Math.max(rows, 0);
  const columns = newColumns(plan, rows);
  for (const field of plan.fields) {
    const values = payload[field.name];
    if (values === undefined) continue;
    const column = columns[field.index] as Column;
    if (!Array.isArray(values)) setJson(field, column, 0, values);
    else for (let r = 0; r < rows; r++) setJson(field, column, r, values[r]);
  }
  return { input: toInput(plan, rows, columns, (field) => payload[field.name] !== undefined), ignored };
}

/** A bare list of values, for a model that takes one input. */
function fromSingleColumn(values: unknown[], plan: InputPlan, format: string): Parsed {
  const field = plan.fields[0];
  if (plan.fields.length !== 1 || !field) {
    throw badRequest(`"${format}" as a list of values fits a model with one input; this one takes ${plan.fields.length} (${plan.fields.map((f) => f.name).join(', ')}): send objects with those names.`);
  }
  const columns = newColumns(plan, values.length);
  const column = columns[0] as Column;
  for (let r = 0; r < values.length; r++) {
    const value = values[r];
    setJson(field, column, r, Array.isArray(value) && value.length === 1 ? value[0] : value);
  }
  return { input: toInput(plan, values.length, columns), ignored: [] };
}

function jsonValue(value: number | string | undefined): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return value !== undefined && Number.isFinite(value) ? String(value) : 'null';
}

/**
 * `{"predictions": [...]}` as MLflow's onnx flavour answers: one object per row
 * when every output has one value per row (1-D, or [N, 1]), else one list per
 * output by name. Written by hand: this is the hot path.
 */
export function formatPredictions(result: ScoreResult): string {
  const { rows, outputs } = result;
  const perRow = outputs.every((output) => output.dims.length === 1 || (output.dims.length === 2 && output.dims[1] === 1));
  if (!perRow) {
    const named: Record<string, unknown> = {};
    for (const output of outputs) named[output.name] = nest(output.values, output.dims);
    return JSON.stringify({ predictions: named });
  }
  const keys = outputs.map((output, i) => `${i === 0 ? '{' : ','}${JSON.stringify(output.name)}:`);
  let out = '{"predictions":[';
  for (let r = 0; r < rows; r++) {
    if (r > 0) out += ',';
    for (let o = 0; o < outputs.length; o++) out += (keys[o] as string) + jsonValue((outputs[o] as ScoreResult['outputs'][number]).values[r]);
    out += '}';
  }
  return `${out}]}`;
}

/** Flat row-major values back into nested lists of the given shape. */
export function nest(values: readonly (number | string)[], dims: readonly number[]): unknown {
  if (dims.length <= 1) return values;
  const inner = dims.slice(1).reduce((a, b) => a * b, 1);
  const out: unknown[] = [];
  for (let start = 0; start < values.length; start += inner) out.push(nest(values.slice(start, start + inner), dims.slice(1)));
  return out;
}
