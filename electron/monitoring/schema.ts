import { WorkbenchError } from '../../shared/contract';
import { kindOf, type ColumnKind, type ResolvedRelation } from './sources';

export interface SchemaInput {
  reference: ResolvedRelation;
  current: ResolvedRelation;
  /** The spec's columns; empty for the default. */
  requested: string[];
  /** The model's signature inputs, the default when given. */
  modelInputs: string[] | null;
  /** Label, prediction, time and ID columns, and the log's own: not features. */
  ignored: Set<string>;
}

export interface SchemaComparison {
  onlyInReference: string[];
  onlyInCurrent: string[];
  typeMismatches: { column: string; reference: string; current: string }[];
  columns: { name: string; kind: ColumnKind }[];
  warnings: string[];
}

/**
 * Which columns are compared, and every way the two sides differ: a column on
 * one side only, or of another kind (number against text) is never tested,
 * and the report says so. A column asked for by name that cannot be compared
 * is an error rather than a silent gap.
 */
export function compareSchemas(input: SchemaInput): SchemaComparison {
  const { reference, current } = input;
  const refTypes = new Map(reference.columns.map((c) => [c.name, c.type]));
  const curTypes = new Map(current.columns.map((c) => [c.name, c.type]));
  const visible = (name: string, relation: ResolvedRelation): boolean => !relation.bookkeeping.includes(name);
  const onlyInReference = reference.columns.map((c) => c.name).filter((name) => !curTypes.has(name) && visible(name, reference));
  const onlyInCurrent = current.columns.map((c) => c.name).filter((name) => !refTypes.has(name) && visible(name, current));
  const warnings: string[] = [];
  if (onlyInReference.length > 0) warnings.push(`Only in the reference data (${reference.label}): ${onlyInReference.join(', ')}.`);
  if (onlyInCurrent.length > 0) warnings.push(`Only in the current data (${current.label}): ${onlyInCurrent.join(', ')}.`);

  const typeMismatches: SchemaComparison['typeMismatches'] = [];
  const columns: SchemaComparison['columns'] = [];
  const explicit = input.requested.length > 0;
  const candidates = explicit ? input.requested : (input.modelInputs ?? reference.columns.map((c) => c.name).filter((name) => curTypes.has(name) && !input.ignored.has(name)));
  for (const name of candidates) {
    const refType = refTypes.get(name);
    const curType = curTypes.get(name);
    if (refType === undefined || curType === undefined) {
      const where = refType === undefined && curType === undefined ? 'either side' : refType === undefined ? 'the reference data' : 'the current data';
      if (explicit) throw new WorkbenchError('invalid_input', `Column "${name}" is not in ${where}, so it cannot be compared.`, { field: 'columns', column: name });
      warnings.push(`Model input "${name}" is not in ${where}: not compared.`);
      continue;
    }
    const refKind = kindOf(refType);
    const curKind = kindOf(curType);
    if (refKind !== curKind) {
      typeMismatches.push({ column: name, reference: refType, current: curType });
      warnings.push(`Column "${name}" is ${refType} in the reference but ${curType} in the current data: not compared.`);
      continue;
    }
    if (refKind === null) {
      warnings.push(`Column "${name}" (${refType}) is neither numbers nor categories: not compared.`);
      continue;
    }
    columns.push({ name, kind: refKind });
  }
  return { onlyInReference, onlyInCurrent, typeMismatches, columns, warnings };
}
