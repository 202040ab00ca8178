import { useEffect, useMemo, useState } from 'react';
import { evaluationReportSchema, isWorkbenchError, type ArtifactEntry, type EvaluationReport, type RunStatus } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { crossValidationRows, evaluationFigures } from './evaluation-figures';
import { formatNumber } from './format';
import { Plot } from './Plot';

export const REPORT_PATH = 'evaluation/report.json';

type Loaded = { state: 'loading' } | { state: 'none' } | { state: 'failed'; message: string } | { state: 'ready'; report: EvaluationReport };

/** The report artifact, parsed and checked against the contract; read again when the run's status changes (it is written at the end). */
function useReport(runId: string, status: RunStatus, listed: boolean): Loaded {
  const { client } = useBackend();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    if (!listed) return;
    let live = true;
    client.call('tracking.readArtifact', { runId, path: REPORT_PATH }).then(
      (artifact) => {
        if (!live) return;
        let json: unknown;
        try {
          json = JSON.parse(artifact.text);
        } catch (error) {
          setLoaded({ state: 'failed', message: `${REPORT_PATH} is not JSON: ${error instanceof Error ? error.message : String(error)}` });
          return;
        }
        const parsed = evaluationReportSchema.safeParse(json);
        if (parsed.success) setLoaded({ state: 'ready', report: parsed.data });
        else setLoaded({ state: 'failed', message: `${REPORT_PATH} does not match the report format: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}` });
      },
      (error: unknown) => {
        if (!live) return;
        if (isWorkbenchError(error) && error.code === 'not_found') setLoaded({ state: 'none' });
        else setLoaded({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, runId, status, listed]);
  return listed ? loaded : { state: 'none' };
}

/** The test-split evaluation: its figures, then plotly's confusion matrix, curves, residuals and importances, and the cross-validation table. */
export function EvaluationSection({ runId, status, artifacts }: { runId: string; status: RunStatus; artifacts: readonly ArtifactEntry[] }) {
  // Asked for only when the run's artifacts have an evaluation folder: most MLflow-logged runs do not.
  const listed = artifacts.some((entry) => entry.path === 'evaluation' || entry.path.startsWith('evaluation/'));
  const loaded = useReport(runId, status, listed);
  const report = loaded.state === 'ready' ? loaded.report : null;
  const figures = useMemo(() => (report ? evaluationFigures(report) : []), [report]);

  if (loaded.state === 'loading') return <p className="exp-muted">Reading the evaluation…</p>;
  if (loaded.state === 'none') return <p className="exp-muted">{status === 'RUNNING' ? 'The evaluation is written when training ends.' : 'This run has no evaluation report.'}</p>;
  if (loaded.state === 'failed') return <p className="exp-error">{loaded.message}</p>;
  if (!report) return null;
  const cv = crossValidationRows(report);
  return (
    <div className="exp-evaluation" data-testid="run-evaluation">
      <p className="exp-muted">
        {report.task} · {report.rows.train.toLocaleString()} train, {report.rows.validation.toLocaleString()} validation, {report.rows.test.toLocaleString()} test rows
      </p>
      <table className="exp-table" aria-label="Test metrics" data-testid="run-test-metrics">
        <tbody>
          {Object.entries(report.metrics).map(([metric, value]) => (
            <tr key={metric}>
              <th scope="row">{metric}</th>
              <td className="exp-num">{formatNumber(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="exp-chart-grid">
        {figures.map((figure) => (
          <div key={figure.id} className="exp-chart-cell">
            <h4>{figure.title}</h4>
            <Plot data={figure.data} layout={figure.layout} height={320} label={figure.title} testId={`run-eval-${figure.id}`} />
          </div>
        ))}
      </div>
      {cv.length > 0 && (
        <table className="exp-table" aria-label="Cross-validation" data-testid="run-cross-validation">
          <caption>{report.crossValidation?.folds}-fold cross-validation</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Mean</th>
              <th scope="col">Std</th>
            </tr>
          </thead>
          <tbody>
            {cv.map((row) => (
              <tr key={row.metric}>
                <th scope="row">{row.metric}</th>
                <td className="exp-num">{row.mean}</td>
                <td className="exp-num">{row.std}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
