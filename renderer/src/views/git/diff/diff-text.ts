import type { CellChange } from '../../../../../shared/contract';

const MB = 1024 * 1024;

/** Megabytes as people read them: one decimal under 10, none above. */
export function megabytes(bytes: number): string {
  const value = bytes / MB;
  return value < 10 ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value).toString();
}

/** "too large to diff (12 MB, limit 5 MB)" */
export function tooLargeText(bytes: number, limit: number): string {
  return `too large to diff (${megabytes(bytes)} MB, limit ${megabytes(limit)} MB)`;
}

/**
 * "cell 3 modified, cell 5 added": the changed cells, numbered from 1 as the
 * notebook shows them (removed cells by their old place), the rest counted.
 */
export function cellChangesText(cells: CellChange[], shown = 8): string {
  const changed = cells.filter((cell) => cell.change !== 'unchanged');
  if (changed.length === 0) return cells.length === 0 ? 'no cells' : 'no cell changed';
  const named = changed.slice(0, shown).map((cell) => {
    const index = cell.change === 'removed' ? cell.oldIndex : (cell.newIndex ?? cell.oldIndex);
    return `${cell.cellType === 'markdown' ? 'markdown cell' : 'cell'} ${index === null ? '?' : index + 1} ${cell.change}`;
  });
  const rest = changed.length - named.length;
  return rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ');
}
