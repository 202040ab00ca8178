import type { ViewId } from '../app/stages';

/** Line icons drawn in a 24-unit box; kept inline so no remote or font asset is needed. */
const paths: Record<ViewId, string> = {
  workspace: 'M3 7h6l2 2h10v10H3z',
  data: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3zm0 0v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  notebooks: 'M5 3h12a2 2 0 0 1 2 2v16H7a2 2 0 0 1-2-2zm4 5h6m-6 4h6',
  sourceControl: 'M6 3v12m0 0a3 3 0 1 0 0 6 3 3 0 0 0 0-6zm12-6a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm0 0c0 5-6 4-9 7',
  experiments: 'M9 3h6m-5 0v6l-5 10a1.5 1.5 0 0 0 1.3 2h11.4a1.5 1.5 0 0 0 1.3-2L14 9V3',
  models: 'M12 3l8 4.5v9L12 21l-8-4.5v-9zm0 0v18m8-13.5l-8 4.5-8-4.5',
  serving: 'M4 5h16v5H4zm0 9h16v5H4zm3-6.5h.01M7 16.5h.01',
  monitoring: 'M3 12h4l3-7 4 14 3-7h4',
};

export function ViewIcon({ view }: { view: ViewId }) {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" className="icon">
      <path d={paths[view]} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
