import { useCallback, useEffect, useState } from 'react';
import { isViewId, type ViewId } from './stages';

function fromHash(): ViewId {
  const id = location.hash.replace(/^#\/?/, '');
  return isViewId(id) ? id : 'workspace';
}

/** The current view lives in the URL hash, so a reload keeps it and Back works. */
export function useRoute(): [ViewId, (view: ViewId) => void] {
  const [view, setView] = useState<ViewId>(fromHash);
  useEffect(() => {
    const onHash = (): void => setView(fromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((next: ViewId) => {
    location.hash = `/${next}`;
  }, []);
  return [view, go];
}
