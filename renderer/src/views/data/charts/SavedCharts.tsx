import type { SavedChart } from '../../../../../shared/contract';

interface Props {
  saved: SavedChart[];
  openId: string | null;
  onOpen: (chart: SavedChart) => void;
  onDelete: (chart: SavedChart) => void;
}

/** The workspace's saved charts: open one to draw it again, or delete it. */
export function SavedCharts({ saved, openId, onOpen, onDelete }: Props) {
  return (
    <section className="saved-charts" aria-labelledby="saved-charts-title">
      <h2 id="saved-charts-title">Saved charts</h2>
      {saved.length === 0 ? (
        <p className="chart-muted">None yet: draw a chart and save it.</p>
      ) : (
        <ul aria-label="Saved charts">
          {saved.map((chart) => (
            <li key={chart.id} aria-current={chart.id === openId ? 'true' : undefined}>
              <button type="button" className="link-button saved-chart-open" title={`Open ${chart.name}`} onClick={() => onOpen(chart)}>
                {chart.name}
              </button>
              <button type="button" className="saved-chart-delete" aria-label={`Delete ${chart.name}`} title="Delete" onClick={() => onDelete(chart)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
