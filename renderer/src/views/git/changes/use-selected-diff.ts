import { useEffect, useState } from 'react';
import type { FileDiff, GitStatus } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { followSelection, type FileGroups, type GroupId } from './file-groups';

export interface Selection {
  group: GroupId | 'conflicts';
  path: string;
}

export interface SelectedDiff {
  /** The file shown, after following it to another list when it was staged or unstaged. */
  selected: Selection | null;
  select: (selection: Selection) => void;
  diff: FileDiff | null;
  loading: boolean;
  setOutputs: (outputs: boolean) => void;
}

/** An answer, with what it answered: which side of which file, with or without outputs, at which status. */
interface Answer {
  file: string;
  outputs: boolean;
  status: GitStatus | null;
  diff: FileDiff | null;
}

/**
 * The file whose diff is shown, and its diff: read again whenever the status
 * changes (the file may have changed too), and when notebook outputs are
 * switched. A newer request wins over a slower older one; the old diff stays
 * up while the same file's is read again, but never under another file's name.
 */
export function useSelectedDiff(status: GitStatus | null, groups: FileGroups, conflicts: string[], noteFailure: (error: unknown) => void): SelectedDiff {
  const { client } = useBackend();
  const [chosen, setChosen] = useState<Selection | null>(null);
  const [outputs, setOutputs] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);

  const selected = chosen ? followSelection(groups, conflicts, chosen) : null;
  const kind = selected?.group === 'staged' ? 'staged' : 'unstaged';
  const path = selected?.path ?? null;
  const file = path ? `${kind}:${path}` : null;

  useEffect(() => {
    if (!path) return;
    let live = true;
    const settle = (diff: FileDiff | null): void => {
      if (live) setAnswer((previous) => ({ file: `${kind}:${path}`, outputs, status, diff: diff ?? (previous?.file === `${kind}:${path}` ? previous.diff : null) }));
    };
    client.call('git.diff', { target: { kind, path }, notebookOutputs: outputs }).then(settle, (error: unknown) => {
      if (live) noteFailure(error);
      settle(null);
    });
    return () => {
      live = false;
    };
  }, [client, kind, path, outputs, status, noteFailure]);

  const current = answer && answer.file === file ? answer : null;
  const loading = file !== null && (current === null || current.outputs !== outputs || current.status !== status);
  return { selected, select: setChosen, diff: current?.diff ?? null, loading, setOutputs };
}
