import type { ColumnDrift } from '../../../../shared/contract';
import type { ThemeColors } from '../data/charts/theme-colors';
import { MiniHistogram } from './charts';
import { formatScore } from './compare';

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** One row per column: type, distributions, test, score against threshold, verdict, and missing values. */
export function DriftTable({ columns, colors, label }: { columns: ColumnDrift[]; colors: ThemeColors; label: string }) {
  return (
    <div className="mon-scroll">
      <table className="mon-table" aria-label={label} data-testid="mon-drift-table">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col">Reference / current</th>
            <th scope="col">Test</th>
            <th scope="col">Score</th>
            <th scope="col">Threshold</th>
            <th scope="col">Drift</th>
            <th scope="col">Missing (ref → cur)</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((column) => (
            <tr key={column.column} className={column.drifted ? 'mon-drifted' : undefined} data-testid="mon-drift-row" data-column={column.column} data-drifted={column.drifted ? 'yes' : 'no'}>
              <th scope="row">{column.column}</th>
              <td>{column.type}</td>
              <td>
                <MiniHistogram column={column} colors={colors} />
              </td>
              <td>{column.test ?? '—'}</td>
              <td className="mon-num">{formatScore(column.score)}</td>
              <td className="mon-num">{formatScore(column.threshold)}</td>
              <td data-testid="mon-drift-flag">{column.skipped !== null ? <span className="mon-soft" title={column.skipped}>skipped</span> : column.drifted ? <strong className="mon-yes">Yes</strong> : 'No'}</td>
              <td className="mon-num">
                {percent(column.missing.reference)} → {percent(column.missing.current)}
                {column.missing.drifted && <strong className="mon-yes"> drift</strong>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
