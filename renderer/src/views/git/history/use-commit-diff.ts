import { useCallback, useEffect, useRef, useState } from 'react';
import type { FileDiff } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';

export interface CommitDiff {
  diff: FileDiff | null;
  loading: boolean;
  toggleOutputs: (showOutputs: boolean) => void;
}

interface Answer {
  path: string;
  outputs: boolean;
  diff: FileDiff | null;
}

/** One file's diff in a commit against its first parent; notebooks can be asked again with their outputs. */
export function useCommitDiff(commit: string, path: string | null): CommitDiff {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [outputs, setOutputs] = useState(false);
  // reportError changes with every notice; keep the latest without asking for the diff again.
  const report = useRef(reportError);
  useEffect(() => {
    report.current = reportError;
  });

  useEffect(() => {
    if (path === null) return;
    let live = true;
    client.call('git.diff', { target: { kind: 'commit', path, commit }, notebookOutputs: outputs }).then(
      (diff) => live && setAnswer({ path, outputs, diff }),
      (error: unknown) => {
        if (!live) return;
        setAnswer({ path, outputs, diff: null });
        report.current(error);
      },
    );
    return () => {
      live = false;
    };
  }, [client, commit, path, outputs]);

  const toggleOutputs = useCallback((showOutputs: boolean) => setOutputs(showOutputs), []);
  // While the outputs switch reloads a notebook, its previous diff stays in view.
  const samePath = path !== null && answer?.path === path;
  const loading = path !== null && !(samePath && answer.outputs === outputs);
  return { diff: samePath ? answer.diff : null, loading, toggleOutputs };
}
