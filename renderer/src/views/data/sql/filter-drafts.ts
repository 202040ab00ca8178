import type { ResultColumn, ResultFilter } from '../../../../../shared/contract';
import { filterValue, isNumericType, opNeedsValue, type FilterOp } from './grid-view';

/** A filter as typed in the filter bar, before it is checked and applied. */
export interface FilterDraft {
  key: number;
  column: string;
  op: FilterOp;
  text: string;
}

let nextKey = 1;

/** A new draft on a column: `=` for numbers, `contains` for text (what one filters text by most). */
export function draftFor(column: ResultColumn): FilterDraft {
  return { key: nextKey++, column: column.name, op: isNumericType(column.type) ? '=' : 'contains', text: '' };
}

/** The filters to send, or the first draft that cannot be one, with why. Drafts still empty are skipped. */
export function draftsToFilters(drafts: FilterDraft[], columns: ResultColumn[]): { filters: ResultFilter[] } | { key: number; error: string } {
  const filters: ResultFilter[] = [];
  for (const draft of drafts) {
    const column = columns.find((c) => c.name === draft.column);
    if (!column) return { key: draft.key, error: `The result has no column “${draft.column}”.` };
    if (!opNeedsValue(draft.op)) {
      filters.push({ column: column.name, op: draft.op });
      continue;
    }
    if (draft.text === '' && draft.op !== '=' && draft.op !== '!=') continue;
    if (draft.text === '' && isNumericType(column.type)) continue;
    const value = filterValue(column.type, draft.op, draft.text);
    if ('error' in value) return { key: draft.key, error: value.error };
    filters.push({ column: column.name, op: draft.op, value: value.value });
  }
  return { filters };
}
