import { BEST_TRIAL_TAG } from './run-columns';
import { displayCount, displayRowAt, type Expansion } from './run-pages';
import type { TableRow } from './RunsTable';
import type { RunsSearch } from './use-runs-search';
import { isSearchParent, type Trials } from './use-trials';

export interface TableRows {
  count: number;
  rowAt: (display: number) => TableRow | undefined;
  /** Asks the search for the pages behind the rows on screen. */
  onVisible: (first: number, last: number) => void;
}

/**
 * The table's rows: the search's runs and, when trials are nested, the
 * trials of each opened search under it. Best trials are marked, found from
 * their parent's `workbench.bestTrialRunId` tag.
 */
export function useTableRows(search: RunsSearch, nested: boolean, expanded: readonly string[], trials: ReadonlyMap<string, Trials>): TableRows {
  const total = search.total ?? 0;
  // Where each opened search is now: runs created since it was opened move it down.
  const expansions = expanded.flatMap((id): (Expansion & { id: string })[] => {
    const parentIndex = nested ? search.findIndex(id) : -1;
    if (parentIndex < 0) return [];
    const list = trials.get(id);
    const rows = list?.runs && list.runs.length > 0 ? list.runs.length + (list.more > 0 ? 1 : 0) : 1;
    return [{ id, parentIndex, rows }];
  });
  const count = displayCount(total, expansions);

  // In the flat list a trial's parent may be any held row: gather the best trial ids once per render.
  const bestIds = new Set(nested ? [] : search.held().flatMap((run) => run.tags[BEST_TRIAL_TAG] ?? []));

  const rowAt = (display: number): TableRow | undefined => {
    const place = displayRowAt(display, expansions);
    if (place.kind === 'run') {
      const run = search.rowAt(place.index);
      if (!run) return undefined;
      return {
        kind: 'run',
        run,
        depth: !nested && run.parentRunId ? 1 : 0,
        parent: nested && isSearchParent(run),
        expanded: expanded.includes(run.id),
        best: bestIds.has(run.id),
      };
    }
    const parent = search.rowAt(place.parentIndex);
    const list = parent ? trials.get(parent.id) : undefined;
    if (!parent || !list?.runs) return { kind: 'note', text: 'Loading trials…' };
    if (list.failure) return { kind: 'note', text: `The trials could not be read: ${list.failure}` };
    if (list.runs.length === 0) return { kind: 'note', text: 'No trials yet.' };
    const trial = list.runs[place.childIndex];
    if (!trial) return { kind: 'note', text: `${list.more.toLocaleString()} more trials: open the search to see them all.` };
    return { kind: 'run', run: trial, depth: 1, parent: false, expanded: false, best: parent.tags[BEST_TRIAL_TAG] === trial.id };
  };

  const onVisible = (first: number, last: number): void => {
    const indexOf = (display: number): number => {
      const place = displayRowAt(display, expansions);
      return place.kind === 'run' ? place.index : place.parentIndex;
    };
    search.request(indexOf(first), indexOf(last));
  };

  return { count, rowAt, onVisible };
}
