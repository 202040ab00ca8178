import type { WorkbenchClient } from '../../../../../shared/client';
import type { Experiment } from '../../../../../shared/contract';
import { useBackendValue } from '../../../app/use-backend-value';
import { ArtifactList } from './ArtifactList';
import { EvaluationSection } from './EvaluationSection';
import { KeyValueTable } from './KeyValueTable';
import { MetricCharts } from './MetricCharts';
import { RunHeader } from './RunHeader';
import { TrialsSection } from './TrialsSection';
import { useRunDetail } from './use-run-detail';
import { isSearchParent } from './use-trials';
import './runs.css';

interface Props {
  runId: string;
  onBack: () => void;
  /** "New run with these params" for a search's trials (shown when given). */
  onUseParams?: (runId: string) => void;
  /** Opens another run (a trial of this search) in its place (trial names are links when given). */
  onOpenRun?: (runId: string) => void;
}

const readExperiments = (client: WorkbenchClient): Promise<Experiment[]> => client.call('tracking.experiments', {});

/** One run: where it came from, its params and metrics, live charts while it trains, its evaluation, its trials and its artifacts. */
export function RunDetail({ runId, onBack, onUseParams, onOpenRun }: Props) {
  const { run, failure, history, reload } = useRunDetail(runId);
  const experiments = useBackendValue(readExperiments);
  const experimentName = experiments.value?.find((experiment) => experiment.id === run?.experimentId)?.name ?? null;

  return (
    <section className="exp-run-detail" data-testid="run-detail" aria-label="Run">
      <div className="exp-run-nav">
        <button type="button" onClick={onBack} data-testid="run-back">
          ← Runs
        </button>
        {failure && (
          <span className="exp-error" role="alert">
            {failure}{' '}
            <button type="button" className="link-button" onClick={reload}>
              Try again
            </button>
          </span>
        )}
      </div>
      {run === null ? (
        !failure && <p className="exp-muted">Reading the run…</p>
      ) : (
        <>
          <RunHeader run={run} experimentName={experimentName} />
          <section className="exp-section" aria-label="Metric charts">
            <h3>Metrics{run.status === 'RUNNING' && <span className="exp-live"> live</span>}</h3>
            <MetricCharts history={history} />
          </section>
          <div className="exp-two-columns">
            <section className="exp-section" aria-label="Params">
              <h3>Params</h3>
              <KeyValueTable label="Params" entries={run.params} testId="run-params" empty="No params." />
            </section>
            <section className="exp-section" aria-label="Latest metrics">
              <h3>Latest metrics</h3>
              <KeyValueTable label="Latest metrics" entries={run.metrics} testId="run-metrics" empty="No metrics yet." />
            </section>
          </div>
          {(run.childCount > 0 || isSearchParent(run)) && (
            <section className="exp-section" aria-label="Trials">
              <h3>Trials ({run.childCount.toLocaleString()})</h3>
              <TrialsSection parent={run} onUseParams={onUseParams} onOpenRun={onOpenRun} />
            </section>
          )}
          <section className="exp-section" aria-label="Evaluation">
            <h3>Evaluation</h3>
            <EvaluationSection runId={run.id} status={run.status} artifacts={run.artifacts} />
          </section>
          {Object.keys(run.tags).length > 0 && (
            <details className="exp-section">
              <summary>Tags ({Object.keys(run.tags).length})</summary>
              <KeyValueTable label="Tags" entries={run.tags} testId="run-tags" empty="No tags." />
            </details>
          )}
          <section className="exp-section" aria-label="Artifacts">
            <h3>Artifacts</h3>
            <ArtifactList runId={run.id} entries={run.artifacts} />
          </section>
        </>
      )}
    </section>
  );
}
