import { useCallback, useRef, useState, type RefObject } from 'react';
import type { NotebookDocument } from '../../../../../shared/contract';
import { newCellId, newKey } from './cells';
import { docReducer, initialDoc, type DocAction, type DocState, type NewCell } from './notebook-doc';

export interface NotebookDoc {
  doc: DocState;
  /** The state after every dispatched action, at once: handlers read it without waiting for a render. */
  docRef: RefObject<DocState>;
  dispatch: (action: DocAction) => void;
}

/** A fresh key and cell id, made outside the reducer. */
export function newCell(): NewCell {
  return { key: newKey(), id: newCellId() };
}

/**
 * One notebook's document. The reducer runs at dispatch time, not in React's
 * render, so that a key handler running right after a keystroke (Shift+Enter
 * after typing) already sees the text typed; React only mirrors the result.
 */
export function useNotebook(notebook: NotebookDocument): NotebookDoc {
  const [doc, setDoc] = useState(() => initialDoc(notebook, newCell()));
  const docRef = useRef(doc);
  const dispatch = useCallback((action: DocAction) => {
    const next = docReducer(docRef.current, action);
    if (next === docRef.current) return;
    docRef.current = next;
    setDoc(next);
  }, []);
  return { doc, docRef, dispatch };
}
