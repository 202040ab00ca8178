import { useCallback, useEffect, useRef, useState, type Dispatch, type RefObject } from 'react';
import { isWorkbenchError } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { newCellId, newKey, toNotebook } from './cells';
import { isDirty, type DocAction, type DocState } from './notebook-doc';

export const AUTOSAVE_MS = 2000;

/** Why the file on disk and the editor disagree. */
export type DiskConflict = 'conflict' | 'changed';

export interface SaveControls {
  saving: boolean;
  savedAt: Date | null;
  /** The last save's failure (not a conflict), shown until a save works. */
  error: string | null;
  conflict: DiskConflict | null;
  save: (force?: boolean) => Promise<boolean>;
  reload: () => Promise<void>;
}

/**
 * Saving one notebook: Ctrl+S and autosave (2 s after the last change), each
 * sending the mtime the editor last saw, so that a file changed elsewhere is
 * never overwritten unasked; `notebooks.changedOnDisk` raises the same question.
 */
export function useSave(path: string, initialMtime: number, docRef: RefObject<DocState>, doc: DocState, dispatch: Dispatch<DocAction>): SaveControls {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const mtime = useRef(initialMtime);
  const inFlight = useRef<Promise<boolean> | null>(null);
  // A change on disk seen while our own save was under way: judged once it answers.
  const seenOnDisk = useRef<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [error, setError] = useState<{ message: string; version: number } | null>(null);
  const [conflict, setConflict] = useState<DiskConflict | null>(null);

  const save = useCallback(
    (force = false): Promise<boolean> => {
      if (inFlight.current) return inFlight.current;
      const state = docRef.current;
      const version = state.version;
      const attempt = (async () => {
        setSaving(true);
        try {
          const saved = await client.call('notebooks.save', { path, notebook: toNotebook(state.head, state.cells), expectedMtimeMs: mtime.current, force });
          mtime.current = saved.mtimeMs;
          dispatch({ type: 'saved', version });
          setError(null);
          setSavedAt(new Date());
          const disk = seenOnDisk.current;
          seenOnDisk.current = null;
          setConflict(disk !== null && disk > saved.mtimeMs ? 'changed' : null);
          return true;
        } catch (failure) {
          if (isWorkbenchError(failure) && failure.code === 'conflict') setConflict('conflict');
          else {
            setError({ message: failure instanceof Error ? failure.message : String(failure), version });
            reportError(failure);
          }
          return false;
        } finally {
          inFlight.current = null;
          setSaving(false);
        }
      })();
      inFlight.current = attempt;
      return attempt;
    },
    [client, dispatch, docRef, path, reportError],
  );

  const reload = useCallback(async () => {
    try {
      const opened = await client.call('notebooks.open', { path });
      mtime.current = opened.mtimeMs;
      dispatch({ type: 'load', notebook: opened.notebook, blank: { key: newKey(), id: newCellId() } });
      setConflict(null);
      setError(null);
    } catch (failure) {
      reportError(failure);
    }
  }, [client, dispatch, path, reportError]);

  useEffect(
    () =>
      client.on('notebooks.changedOnDisk', (change) => {
        if (change.path !== path || change.mtimeMs === mtime.current) return;
        if (inFlight.current) seenOnDisk.current = change.mtimeMs;
        else setConflict('changed');
      }),
    [client, path],
  );

  // Autosave: 2 s after the last change, unless the disk question is open or this very version failed.
  const dirty = isDirty(doc);
  const failedVersion = error?.version ?? null;
  useEffect(() => {
    if (!dirty || conflict || saving || failedVersion === doc.version) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, conflict, saving, failedVersion, doc.version, save]);

  return { saving, savedAt, error: error?.message ?? null, conflict, save, reload };
}
