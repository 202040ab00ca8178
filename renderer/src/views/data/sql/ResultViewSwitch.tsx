import './result-view.css';

/** What a result pane shows: its rows, or the profile of the whole result (columns or correlations). */
export type ResultView = 'rows' | 'profile' | 'correlations';

const views: { id: ResultView; label: string; title: string }[] = [
  { id: 'rows', label: 'Rows', title: 'The rows of the result' },
  { id: 'profile', label: 'Profile', title: 'Statistics and distributions of every column, computed in DuckDB' },
  { id: 'correlations', label: 'Correlations', title: 'How the columns go together, as heatmaps' },
];

/** Why a script's result has no profile: it was read once and cannot be queried again. */
export const SCRIPT_NOT_PROFILED = 'Profiling needs a single SELECT: a script’s rows were read once and cannot be queried again.';

interface Props {
  view: ResultView;
  onView: (view: ResultView) => void;
  /** Only a single SELECT can be profiled (the backend re-runs it). */
  pageable: boolean;
}

/** Rows / Profile / Correlations, as one group of toggle buttons. */
export function ResultViewSwitch({ view, onView, pageable }: Props) {
  return (
    <div role="group" aria-label="Show" className="sql-view-switch">
      {views.map((v) => {
        const disabled = v.id !== 'rows' && !pageable;
        return (
          // The title sits on a wrapper too: some browsers show no tooltip over a disabled button.
          <span key={v.id} title={disabled ? SCRIPT_NOT_PROFILED : v.title}>
            <button type="button" aria-pressed={view === v.id} disabled={disabled} onClick={() => onView(v.id)}>
              {v.label}
            </button>
          </span>
        );
      })}
    </div>
  );
}
