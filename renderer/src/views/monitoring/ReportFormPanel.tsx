import { useId, useState } from 'react';
import type { MonitoringReport } from '../../../../shared/contract';
import { useDatasets } from '../data/datasets/useDatasets';
import { useJob } from '../models/use-job';
import { ModelUriPicker } from '../serving/ModelUriPicker';
import { ColumnSettings } from './ColumnSettings';
import { QualityFields } from './QualityForm';
import { toReportSpec, type ReportForm } from './report-form';
import { SourceFields } from './SourceFields';

interface Props {
  form: ReportForm;
  onChange: (form: ReportForm) => void;
  onReport: (report: MonitoringReport) => void;
}

/** The new-report form: reference, current, model, columns and tests, quality and business metrics; Run computes and saves a report. */
export function ReportFormPanel({ form, onChange, onReport }: Props) {
  const id = useId();
  const { datasets } = useDatasets();
  const job = useJob();
  const [problems, setProblems] = useState<string[]>([]);
  const update = (patch: Partial<ReportForm>): void => {
    onChange({ ...form, ...patch });
    setProblems([]);
  };
  const reference = form.reference.kind === 'dataset' ? datasets?.find((d) => d.name === form.reference.dataset) : undefined;
  const known = reference?.columns.map((c) => c.name) ?? [];

  const run = (): void => {
    const checked = toReportSpec(form);
    if (!checked.spec) {
      setProblems(checked.problems);
      return;
    }
    void job.start('monitoring.run', { spec: checked.spec }, `Computing ${checked.spec.name ?? 'the report'}`).then((report) => report && onReport(report));
  };

  const running = job.running;
  return (
    <form
      className="mon-section"
      aria-labelledby={`${id}-title`}
      data-testid="mon-form"
      onSubmit={(event) => {
        event.preventDefault();
        run();
      }}
    >
      <h2 id={`${id}-title`}>New report</h2>
      <div className="mon-field">
        <label htmlFor={`${id}-name`}>Report name (runs with the same name are versions of one report)</label>
        <input id={`${id}-name`} value={form.name} maxLength={250} onChange={(event) => update({ name: event.target.value })} data-testid="mon-name" />
      </div>
      <div className="mon-sources">
        <SourceFields legend="Reference" value={form.reference} onChange={(value) => update({ reference: value })} datasets={datasets} kinds={['dataset', 'file']} testId="mon-ref" />
        <SourceFields legend="Current" value={form.current} onChange={(value) => update({ current: value })} datasets={datasets} kinds={['dataset', 'file', 'inferenceLog']} testId="mon-cur" />
      </div>
      <fieldset className="mon-fieldset">
        <legend>Model (optional: its inputs pick the columns, its outputs give prediction drift)</legend>
        <ModelUriPicker uri={form.model} onChange={(model) => update({ model })} testId="mon-model" />
        {form.model !== '' && (
          <div>
            <button type="button" className="mon-small" onClick={() => update({ model: '' })}>
              No model
            </button>
          </div>
        )}
      </fieldset>
      <ColumnSettings known={known} columns={form.columns} onColumns={(columns) => update({ columns })} overrides={form.overrides} onOverrides={(overrides) => update({ overrides })} />
      <div className="mon-field mon-narrow">
        <label htmlFor={`${id}-share`}>Drift share</label>
        <input id={`${id}-share`} value={form.driftShare} inputMode="decimal" onChange={(event) => update({ driftShare: event.target.value })} data-testid="mon-drift-share" />
      </div>
      <QualityFields value={form.quality} onChange={(quality) => update({ quality })} business={form.business} onBusiness={(business) => update({ business })} datasets={datasets} />
      {problems.length > 0 && (
        <ul className="mon-problems" role="alert" data-testid="mon-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="mon-actions">
        {running && (
          <div className="mon-progress" role="status" data-testid="mon-progress">
            <progress max={1} value={running.fraction ?? undefined} aria-label="Report progress" />
            <span>{running.message}</span>
            <button type="button" onClick={job.cancel}>
              Cancel
            </button>
          </div>
        )}
        <button type="submit" className="mon-primary" disabled={running !== null} data-testid="mon-run">
          Run report
        </button>
      </div>
    </form>
  );
}
