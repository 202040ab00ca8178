import { WorkbenchError, type ColumnPlan, type ColumnProfile, type Profile, type Proposal, type TaskKind } from '../../../shared/contract';

/** Integer columns with at most this many values are categories (flags, codes, ratings). */
const FEW_INTEGER_VALUES = 10;
/** A numeric target with at most this many integer values is a class label. */
const MAX_PROPOSED_CLASSES = 50;
const DEFAULT_MAX_CATEGORIES = 50;
/** Under this many values, "all distinct" says nothing about being an ID. */
const MIN_ROWS_FOR_ID = 20;

const integerTypes = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;
/** customer_id, user-uuid, ID, key; then customerID, userId (case matters there: "paid" is no ID). */
const idNames = [/(^|[_\s.-])(id|uuid|guid)$|^key$/i, /[a-z0-9](ID|Id|UUID|Uuid|GUID|Guid)$/];

function isInteger(column: ColumnProfile): boolean {
  return column.kind === 'numeric' && integerTypes.test(column.type);
}

function plural(count: number, word: string): string {
  return `${count} ${count === 1 ? word : word.endsWith('s') ? `${word}es` : `${word}s`}`;
}

function proposeTask(column: ColumnProfile): { task: TaskKind; reason: string } {
  const classes = column.distinct;
  if (classes <= 2 && column.kind !== 'date') return { task: 'binary', reason: `Target: ${plural(classes, 'class')}, so binary classification.` };
  if (column.kind === 'category' || (isInteger(column) && classes <= MAX_PROPOSED_CLASSES)) {
    return { task: 'multiclass', reason: `Target: ${plural(classes, 'class')}, so multiclass classification.` };
  }
  return { task: 'regression', reason: `Target: numeric with ${plural(classes, 'distinct value')}, so regression.` };
}

/** Why a column looks like an identifier, or null. */
function idReason(column: ColumnProfile): string | null {
  // Distinct measurements are no IDs: only text and integers count, and only with enough rows to tell.
  const canBeId = column.count >= MIN_ROWS_FOR_ID && (column.kind === 'category' || isInteger(column));
  const allDistinct = column.distinctApprox ? column.distinct >= 0.97 * column.count : column.distinct >= column.count;
  if (canBeId && allDistinct) return 'ID-like: every value is distinct.';
  const nearlyUnique = column.count > 0 && column.distinct >= 0.95 * column.count;
  if (nearlyUnique && idNames.some((pattern) => pattern.test(column.name))) return "ID-like: an identifier's name, and nearly every value is distinct.";
  return null;
}

function plan(column: ColumnProfile): { plan: ColumnPlan; reason: string } {
  const drop = (reason: string): { plan: ColumnPlan; reason: string } => ({ plan: { column: column.name, role: 'drop', steps: [] }, reason });
  if (column.count === 0) return drop('Empty: every value is missing.');
  const id = idReason(column);
  if (id) return drop(id);
  if (column.distinct <= 1) return drop('Constant: a single value carries no information.');
  if (column.kind === 'date') return drop('A date: derive features from it (year, month, weekday) in a query first.');
  const missing = column.nulls > 0 ? `; its ${plural(column.nulls, 'missing value')} get the most frequent` : '';
  if (column.kind === 'category' || column.distinct <= 2 || (isInteger(column) && column.distinct <= FEW_INTEGER_VALUES)) {
    const what = column.kind === 'category' ? 'Category' : 'Number with few values, taken as a category';
    const capped = column.distinct > DEFAULT_MAX_CATEGORIES ? `, the ${DEFAULT_MAX_CATEGORIES - 1} most frequent kept and the rest grouped` : '';
    return {
      plan: {
        column: column.name,
        role: 'categorical',
        steps: [...(column.nulls > 0 ? [{ op: 'impute' as const, strategy: 'most_frequent' as const }] : []), { op: 'onehot', maxCategories: DEFAULT_MAX_CATEGORIES }],
      },
      reason: `${what} (${plural(column.distinct, 'value')}): one-hot encoded${capped}${missing}.`,
    };
  }
  return {
    plan: {
      column: column.name,
      role: 'numeric',
      steps: [...(column.nulls > 0 ? [{ op: 'impute' as const, strategy: 'median' as const }] : []), { op: 'standardize' }],
    },
    reason: column.nulls > 0 ? `Number with ${plural(column.nulls, 'missing value')}: imputed with the median, then standardized.` : 'Number: standardized (z-score).',
  };
}

/**
 * A first pipeline from a profile: IDs, constants, empty columns and dates
 * dropped; categories one-hot encoded; numbers standardized; missing values
 * imputed. The algorithm is a linear model without regularization: a quick,
 * honest baseline to beat before trying an MLP.
 */
export function proposePipeline(profile: Profile, target: string): Proposal {
  const targetColumn = profile.columns.find((column) => column.name === target);
  if (!targetColumn) {
    throw new WorkbenchError('invalid_input', `target: there is no column "${target}" in ${profile.source}.`, { field: 'target' });
  }
  const { task, reason } = proposeTask(targetColumn);
  const reasons: Record<string, string> = { [target]: reason };
  const columns: ColumnPlan[] = [];
  for (const column of profile.columns) {
    if (column.name === target) continue;
    const proposed = plan(column);
    columns.push(proposed.plan);
    reasons[column.name] = proposed.reason;
  }
  return { pipeline: { target, task, columns }, algorithm: { kind: 'linear', l2: 0 }, reasons };
}
