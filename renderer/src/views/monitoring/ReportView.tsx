import { useId, useMemo, useRef, useState } from 'react';
import type { MonitoringReport } from '../../../../shared/contract';
import { useBackend } from '../../app/backend';
import { useThemeColors } from '../data/charts/theme-colors';
import { useAction } from '../models/use-action';
import { SeriesChart } from './charts';
import { formatScore, verdictSentence } from './compare';
import { DriftTable } from './DriftTable';
import { businessFigures, errorFigures, qualityFigures } from './figures';
import { defaultExportPath } from './report-form';

/** A saved report: verdict, warnings, drift table, prediction drift, quality and business metrics over time, alerts, and HTML export. */
export function ReportView({ report }: { report: MonitoringReport }) {
  const probe = useRef<HTMLSpanElement>(null);
  const colors = useThemeColors(probe);
  const { drift } = report;
  const quality = useMemo(() => (report.quality ? [...qualityFigures(report.quality, colors), ...(report.quality.errors ? errorFigures(report.quality.errors, colors) : [])] : []), [report.quality, colors]);
  const business = useMemo(() => businessFigures(report.business, colors), [report.business, colors]);
  const { schema } = report;
  const skipped = drift.columns.filter((c) => c.skipped !== null);
  const warnings = [
    ...report.warnings,
    ...(schema.onlyInReference.length > 0 ? [`Only in the reference: ${schema.onlyInReference.join(', ')}`] : []),
    ...(schema.onlyInCurrent.length > 0 ? [`Only in the current data: ${schema.onlyInCurrent.join(', ')}`] : []),
    ...schema.typeMismatches.map((m) => `${m.column} is ${m.reference} in the reference but ${m.current} in the current data`),
    ...skipped.map((c) => `${c.column}: test skipped, ${c.skipped ?? ''}`),
  ];

  return (
    <article className="mon-section mon-report" aria-label={`Report ${report.name} v${report.version}`} data-testid="mon-report" data-report-id={report.id} data-detected={drift.detected ? 'yes' : 'no'}>
      <span className="sv-theme-probe" ref={probe} aria-hidden="true" />
      <header className="mon-report-head">
        <h2>
          {report.name} <span className="mon-soft">v{report.version}</span>
        </h2>
        <span className="mon-soft">
          {new Date(report.createdAt).toLocaleString()} · {report.sources.referenceRows.toLocaleString('en-US')} reference rows, {report.sources.currentRows.toLocaleString('en-US')} current
          {report.model && ` · model ${report.model.name} v${report.model.version}`}
        </span>
      </header>
      <div className="mon-counters">
        <Counter label="Columns" value={String(drift.columns.length)} testId="mon-count-columns" />
        <Counter label="Drifted" value={String(drift.drifted)} testId="mon-count-drifted" />
        <Counter label="Share" value={formatScore(drift.share)} testId="mon-count-share" />
      </div>
      <p className={drift.detected ? 'mon-verdict mon-verdict-drift' : 'mon-verdict'} data-testid="mon-verdict">
        {verdictSentence(drift)}
      </p>
      {warnings.length > 0 && (
        <ul className="mon-warnings" data-testid="mon-warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <h3>Data drift</h3>
      <DriftTable columns={drift.columns} colors={colors} label="Drift per column" />
      {report.predictionDrift && (
        <>
          <h3>Prediction drift</h3>
          <DriftTable columns={[report.predictionDrift]} colors={colors} label="Prediction drift" />
        </>
      )}
      {report.quality && (
        <>
          <h3>Model quality over time</h3>
          {report.quality.unmatchedLabels > 0 && <p className="mon-warning">{report.quality.unmatchedLabels.toLocaleString('en-US')} labels matched no prediction.</p>}
          <div className="mon-charts">
            {quality.map((q) => (
              <SeriesChart key={q.title} title={q.title} figure={q.figure} />
            ))}
          </div>
          {report.quality.confusion && <ConfusionMatrix matrix={report.quality.confusion} />}
        </>
      )}
      {business.length > 0 && (
        <>
          <h3>Business metrics</h3>
          <div className="mon-charts">
            {business.map((b) => (
              <SeriesChart key={b.title} title={b.title} figure={b.figure} />
            ))}
          </div>
        </>
      )}
      <h3>Alerts</h3>
      {report.alerts.length === 0 ? (
        <p className="mon-soft">No alerts.</p>
      ) : (
        <ul className="mon-alert-list" data-testid="mon-report-alerts">
          {report.alerts.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      )}
      <ExportForm report={report} />
    </article>
  );
}

function Counter({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="mon-counter">
      <span className="mon-counter-value" data-testid={testId}>
        {value}
      </span>
      <span className="mon-soft">{label}</span>
    </div>
  );
}

function ConfusionMatrix({ matrix }: { matrix: number[][] }) {
  return (
    <table className="mon-table mon-confusion" aria-label="Confusion matrix (rows: actual, columns: predicted)" data-testid="mon-confusion">
      <tbody>
        {matrix.map((row, i) => (
          // A matrix row is known by its place.
          <tr key={i}>
            {row.map((cell, j) => (
              <td key={j} className="mon-num">
                {cell.toLocaleString('en-US')}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ExportForm({ report }: { report: MonitoringReport }) {
  const id = useId();
  const { client, workspace } = useBackend();
  const { busy, act } = useAction();
  const [path, setPath] = useState(() => (workspace ? defaultExportPath(workspace.path, report.name, report.version) : ''));
  const [written, setWritten] = useState<{ path: string; bytes: number } | null>(null);
  const exportHtml = (): void => {
    void act(async () => setWritten(await client.call('monitoring.exportHtml', { id: report.id, path: path.trim() })));
  };
  return (
    <div className="mon-export">
      <div className="mon-field mon-grow">
        <label htmlFor={`${id}-path`}>Export as one HTML file (opens offline)</label>
        <input id={`${id}-path`} value={path} spellCheck={false} onChange={(event) => setPath(event.target.value)} data-testid="mon-export-path" />
      </div>
      <button type="button" className="mon-align" disabled={busy || path.trim() === ''} onClick={exportHtml} data-testid="mon-export">
        Export HTML
      </button>
      {written && (
        <p className="mon-soft mon-exported" role="status">
          Written: <code data-testid="mon-exported-path">{written.path}</code> ({(written.bytes / 1024).toFixed(0)} KiB)
        </p>
      )}
    </div>
  );
}
