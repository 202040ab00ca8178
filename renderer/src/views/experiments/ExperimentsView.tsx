import { useState } from 'react';
import type { SavedJob } from '../../../../shared/contract';
import { useBackend } from '../../app/backend';
import { useNotices } from '../../app/notices';
import { ComparePanel } from './compare/ComparePanel';
import { JobsPanel } from './jobs/JobsPanel';
import { QueuePanel } from './queue/QueuePanel';
import { RunDetail } from './runs/RunDetail';
import { RunsPanel } from './runs/RunsPanel';
import { TrackingEndpoint } from './TrackingEndpoint';
import { specToForm } from './train/form-load';
import { specOfRun } from './train/rerun';
import { TrainPanel, type FormLoad } from './train/TrainPanel';
import './experiments.css';

type ExperimentsTab = 'train' | 'runs' | 'compare' | 'jobs';

const tabs: { id: ExperimentsTab; label: string }[] = [
  { id: 'train', label: 'Train' },
  { id: 'runs', label: 'Runs' },
  { id: 'compare', label: 'Compare' },
  { id: 'jobs', label: 'Jobs' },
];

/**
 * The Experiments stage: train a model (with the live queue beside the
 * form), browse and open runs, compare them, and manage saved jobs. Panels
 * stay mounted so their state survives tab switches.
 */
export function ExperimentsView() {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const [tab, setTab] = useState<ExperimentsTab>('train');
  const [openRunId, setOpenRunId] = useState<string | null>(null);
  const [compareIds, setCompareIds] = useState<string[]>([]);
  // A new `seq` mounts a fresh Train form with what is loaded into it.
  const [load, setLoad] = useState<{ seq: number; value: FormLoad | null }>({ seq: 0, value: null });
  const [highlight, setHighlight] = useState<string | null>(null);
  const [jobsVersion, setJobsVersion] = useState(0);

  const openRun = (runId: string): void => {
    setOpenRunId(runId);
    setTab('runs');
  };
  const compare = (runIds: string[]): void => {
    setCompareIds(runIds);
    setTab('compare');
  };
  const loadForm = (value: FormLoad): void => {
    setLoad((current) => ({ seq: current.seq + 1, value }));
    setTab('train');
  };
  const rerun = (runId: string): void => {
    specOfRun(client, runId).then((spec) => loadForm({ form: specToForm(spec), job: null }), reportError);
  };
  const editJob = (job: SavedJob): void => loadForm({ form: specToForm(job.spec), job });
  const started = (queueId: string): void => {
    setHighlight(queueId);
    setTab('train');
  };

  return (
    <section className="view view-wide xp-view" aria-labelledby="view-experiments" data-testid="view-experiments">
      <h1 id="view-experiments">Experiments</h1>
      <div role="tablist" aria-label="Experiment tools" className="tabs">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className="tab" data-testid={`experiments-tab-${t.id}`} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label="Train" hidden={tab !== 'train'}>
        <div className="xp-train">
          <TrainPanel key={load.seq} initial={load.value} onStarted={setHighlight} onJobSaved={() => setJobsVersion((n) => n + 1)} />
          <QueuePanel highlight={highlight} onOpenRun={openRun} />
        </div>
      </div>
      <div role="tabpanel" aria-label="Runs" hidden={tab !== 'runs'}>
        <div hidden={openRunId !== null}>
          <TrackingEndpoint />
          <RunsPanel onOpenRun={openRun} onCompare={compare} onRerun={rerun} />
        </div>
        {openRunId !== null && <RunDetail key={openRunId} runId={openRunId} onBack={() => setOpenRunId(null)} onUseParams={rerun} onOpenRun={openRun} />}
      </div>
      <div role="tabpanel" aria-label="Compare" hidden={tab !== 'compare'}>
        {compareIds.length === 0 ? <p className="xp-hint">Select two or more runs in Runs, then Compare.</p> : <ComparePanel runIds={compareIds} />}
      </div>
      <div role="tabpanel" aria-label="Jobs" hidden={tab !== 'jobs'}>
        <JobsPanel active={tab === 'jobs'} version={jobsVersion} onEdit={editJob} onStarted={started} />
      </div>
    </section>
  );
}
