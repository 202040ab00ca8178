import { useState, type SyntheticEvent } from 'react';
import { runStatuses, type Experiment, type RunStatus } from '../../../../../shared/contract';
import type { TrialsMode } from './panel-state';

interface Props {
  experiments: Experiment[] | null;
  experimentId: string | null;
  onExperiment: (id: string | null) => void;
  filter: string;
  onFilter: (filter: string) => void;
  status: RunStatus | null;
  onStatus: (status: RunStatus | null) => void;
  trials: TrialsMode;
  onTrials: (mode: TrialsMode) => void;
}

const statusChoices: (RunStatus | null)[] = [null, ...runStatuses.filter((status) => status !== 'SCHEDULED')];
const statusLabel = (status: RunStatus | null): string => (status === null ? 'All' : status.charAt(0) + status.slice(1).toLowerCase());

/** The search: which experiment, an MLflow filter (applied on Enter), a status, and how trials are listed. */
export function RunsToolbar({ experiments, experimentId, onExperiment, filter, onFilter, status, onStatus, trials, onTrials }: Props) {
  const [draft, setDraft] = useState(filter);
  const [applied, setApplied] = useState(filter);
  // A filter set from outside (a reset) replaces the draft; React's pattern for reacting to a prop change.
  if (filter !== applied) {
    setApplied(filter);
    setDraft(filter);
  }
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    onFilter(draft.trim());
  };

  return (
    <div className="exp-runs-toolbar">
      <label className="exp-field">
        <span>Experiment</span>
        <select value={experimentId ?? ''} onChange={(event) => onExperiment(event.target.value === '' ? null : event.target.value)} data-testid="runs-experiment">
          <option value="">All experiments</option>
          {(experiments ?? []).map((experiment) => (
            <option key={experiment.id} value={experiment.id}>
              {experiment.name} ({experiment.runCount})
            </option>
          ))}
        </select>
      </label>
      <form className="exp-filter" onSubmit={submit} role="search">
        <input
          type="search"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          placeholder="metrics.roc_auc > 0.8 and params.optimizer = 'adam'"
          aria-label="Filter runs"
          spellCheck={false}
          data-testid="runs-filter"
        />
        <button type="submit">Filter</button>
        {filter !== '' && (
          <button type="button" onClick={() => onFilter('')}>
            Clear
          </button>
        )}
      </form>
      <div className="exp-segmented" role="group" aria-label="Status">
        {statusChoices.map((choice) => (
          <button key={choice ?? 'all'} type="button" aria-pressed={status === choice} onClick={() => onStatus(choice)} data-testid={`runs-status-${choice ?? 'all'}`}>
            {statusLabel(choice)}
          </button>
        ))}
      </div>
      <label className="exp-field">
        <span>Trials</span>
        <select value={trials} onChange={(event) => onTrials(event.target.value === 'flat' ? 'flat' : 'nested')} data-testid="runs-trials">
          <option value="nested">Under their search</option>
          <option value="flat">As rows</option>
        </select>
      </label>
    </div>
  );
}
