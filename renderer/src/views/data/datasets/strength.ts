/** A column's association with the target: Cramér's V or the correlation ratio, 0..1, null when undefined. */
export interface HasStrength {
  name: string;
  strength: number | null;
}

/** Strongest first, undefined strengths last; equal strengths keep the dataset's column order. */
export function sortByStrength<T extends HasStrength>(columns: readonly T[]): T[] {
  return columns
    .map((column, index) => ({ column, index }))
    .sort((a, b) => {
      const sa = a.column.strength;
      const sb = b.column.strength;
      if (sa === null || sb === null) return sa === sb ? a.index - b.index : sa === null ? 1 : -1;
      return sb - sa || a.index - b.index;
    })
    .map(({ column }) => column);
}

/** Rough words for a 0..1 association (Cohen's conventions, as Orange and most texts use them). */
export function strengthLabel(strength: number | null): string {
  if (strength === null) return 'undefined';
  if (strength < 0.1) return 'negligible';
  if (strength < 0.3) return 'weak';
  if (strength < 0.5) return 'moderate';
  return 'strong';
}
