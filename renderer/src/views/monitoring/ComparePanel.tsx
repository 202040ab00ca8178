import { useMemo } from 'react';
import type { MonitoringReport } from '../../../../shared/contract';
import { compareReports, formatScore, type CompareSide, type Verdict } from './compare';

const flag = (side: CompareSide | null): string => (side === null ? 'absent' : side.skipped !== null ? 'skipped' : side.drifted ? 'Yes' : 'No');

/** Two reports side by side: the verdicts, then per column the scores and drift flags. */
export function ComparePanel({ a, b }: { a: MonitoringReport; b: MonitoringReport }) {
  const comparison = useMemo(() => compareReports(a, b), [a, b]);
  return (
    <section className="mon-section" aria-label="Report comparison" data-testid="mon-comparison">
      <h2>Comparison</h2>
      <div className="mon-verdicts">
        <VerdictCard verdict={comparison.a} />
        <VerdictCard verdict={comparison.b} />
      </div>
      <div className="mon-scroll">
        <table className="mon-table" aria-label="Columns compared">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">{comparison.a.label}: test</th>
              <th scope="col">score</th>
              <th scope="col">drift</th>
              <th scope="col">{comparison.b.label}: test</th>
              <th scope="col">score</th>
              <th scope="col">drift</th>
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((row) => (
              <tr key={row.column} className={row.changed ? 'mon-changed' : undefined} data-testid="mon-compare-row" data-column={row.column} data-changed={row.changed ? 'yes' : 'no'}>
                <th scope="row">{row.column}</th>
                <td>{row.a?.test ?? '—'}</td>
                <td className="mon-num">{formatScore(row.a?.score ?? null)}</td>
                <td>{flag(row.a)}</td>
                <td>{row.b?.test ?? '—'}</td>
                <td className="mon-num">{formatScore(row.b?.score ?? null)}</td>
                <td>{flag(row.b)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function VerdictCard({ verdict }: { verdict: Verdict }) {
  return (
    <div className={verdict.detected ? 'mon-counter mon-verdict-drift' : 'mon-counter'} data-testid="mon-compare-verdict">
      <strong>{verdict.label}</strong>
      <span>
        Drift {verdict.detected ? 'detected' : 'not detected'}: {verdict.drifted} of {verdict.columns} columns (share {formatScore(verdict.share)}, threshold {verdict.driftShare})
      </span>
    </div>
  );
}
