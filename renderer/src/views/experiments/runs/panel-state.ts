import { useCallback, useState } from 'react';
import type { RunStatus } from '../../../../../shared/contract';
import type { RunColumn } from './run-columns';
import type { SortState } from './search-query';

/** How trials of a search are listed: under their search (opened on demand), or as rows among the rest. */
export type TrialsMode = 'nested' | 'flat';

export interface RunsPanelState {
  /** Null: every experiment. */
  experimentId: string | null;
  /** The filter applied (not the draft being typed). */
  filter: string;
  status: RunStatus | null;
  sort: SortState | null;
  /** Null until the user chooses: the defaults for the keys seen. */
  columns: RunColumn[] | null;
  trials: TrialsMode;
  selected: string[];
}

export const initialPanelState: RunsPanelState = {
  experimentId: null,
  filter: '',
  status: null,
  sort: { kind: 'attributes', key: 'start_time', descending: true },
  columns: null,
  trials: 'nested',
  selected: [],
};

// Kept per workspace for the session, so opening a run and coming back finds the table as it was left.
const remembered = new Map<string, RunsPanelState>();

export function usePanelState(workspacePath: string | null): [RunsPanelState, (change: Partial<RunsPanelState>) => void] {
  const key = workspacePath ?? '';
  const [state, setState] = useState(() => remembered.get(key) ?? initialPanelState);
  const update = useCallback(
    (change: Partial<RunsPanelState>) =>
      setState((current) => {
        const next = { ...current, ...change };
        remembered.set(key, next);
        return next;
      }),
    [key],
  );
  return [state, update];
}
