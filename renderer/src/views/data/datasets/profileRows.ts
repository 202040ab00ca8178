import type { ColumnInfo, ColumnProfile, Profile } from '../../../../../shared/contract';
import { sortByStrength } from './strength';

export type TargetSplit = NonNullable<Profile['target']>['columns'][number];

export interface ProfileRow {
  column: ColumnProfile;
  /** The dataset's schema entry: says whether the column was coerced from text. */
  info: ColumnInfo | undefined;
  split: TargetSplit | undefined;
  isTarget: boolean;
}

/**
 * The profile's columns in the order to show them: as in the data, or with a
 * target, the target first and then by strength of association (as Orange's
 * Feature Statistics does), columns without a split last.
 */
export function profileRows(profile: Profile, schema: readonly ColumnInfo[]): ProfileRow[] {
  const infos = new Map(schema.map((c) => [c.name, c]));
  const byName = new Map(profile.columns.map((c) => [c.name, c]));
  const row = (column: ColumnProfile, split?: TargetSplit): ProfileRow => ({
    column,
    info: infos.get(column.name),
    split,
    isTarget: column.name === profile.target?.column,
  });
  const target = profile.target;
  if (!target) return profile.columns.map((c) => row(c));

  const rows: ProfileRow[] = [];
  const targetColumn = byName.get(target.column);
  if (targetColumn) rows.push(row(targetColumn));
  for (const split of sortByStrength(target.columns)) {
    const column = byName.get(split.name);
    if (column) rows.push(row(column, split));
  }
  const placed = new Set(rows.map((r) => r.column.name));
  for (const column of profile.columns) if (!placed.has(column.name)) rows.push(row(column));
  return rows;
}

/**
 * The target column drawn in its groups' colours: one bar per target value,
 * each in its own colour, so the legend reads off the target's own row.
 * Null when the target is not a category (its groups are then bins, not values).
 */
export function targetSelfSplit(column: ColumnProfile, groups: readonly string[]): Pick<TargetSplit, 'bins' | 'groups'> | null {
  if (column.kind !== 'category' || groups.length === 0) return null;
  const counts = new Map(column.top.map((t) => [t.value, t.count]));
  return {
    bins: [...groups],
    groups: groups.map((target, i) => ({ target, counts: groups.map((_, j) => (i === j ? (counts.get(target) ?? 0) : 0)) })),
  };
}
