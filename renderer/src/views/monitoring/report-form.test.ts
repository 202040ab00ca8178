import { describe, expect, it } from 'vitest';
import { defaultExportPath, emptyReportForm, emptySource, toReportSpec, type ReportForm } from './report-form';

const base: ReportForm = {
  ...emptyReportForm,
  name: 'churn drift',
  reference: { ...emptySource, dataset: 'churn' },
  current: { ...emptySource, kind: 'file', path: ' data/new.csv ' },
};

describe('toReportSpec', () => {
  it('builds the spec of a plain dataset-against-file report', () => {
    const { spec, problems } = toReportSpec(base);
    expect(problems).toEqual([]);
    expect(spec).toEqual({ name: 'churn drift', reference: { kind: 'dataset', dataset: 'churn' }, current: { kind: 'file', path: 'data/new.csv' }, columns: [], overrides: {}, driftShare: 0.5, business: [] });
  });

  it('names every missing field instead of sending a half spec', () => {
    const { spec, problems } = toReportSpec({ ...emptyReportForm, name: ' ', driftShare: '1.5' });
    expect(spec).toBeNull();
    expect(problems).toEqual(['Name the report.', 'Choose the reference dataset.', 'Choose the current dataset.', 'The drift share is a number above 0, at most 1.']);
  });

  it('turns an inference-log window into epoch ms and refuses one that ends before it starts', () => {
    const current = { ...emptySource, kind: 'inferenceLog' as const, model: 'models:/churn@champion', from: '2024-03-01T00:00', to: '' };
    expect(toReportSpec({ ...base, current }).spec?.current).toEqual({ kind: 'inferenceLog', model: 'models:/churn@champion', from: new Date('2024-03-01T00:00').getTime(), to: null });
    expect(toReportSpec({ ...base, current: { ...current, to: '2024-02-01T00:00' } }).problems).toEqual(['The current window ends before it starts.']);
  });

  it('keeps per-column overrides, the model, and checks thresholds', () => {
    const form: ReportForm = { ...base, model: 'models:/churn@champion', overrides: [{ column: 'tenure', test: 'psi', threshold: '0.2' }, { column: 'gender', test: '', threshold: '-1' }] };
    expect(toReportSpec(form).problems).toEqual(['The threshold of gender is a number above 0.']);
    form.overrides = [{ column: 'tenure', test: 'psi', threshold: '0.2' }, { column: '', test: 'ks', threshold: '' }];
    const { spec } = toReportSpec(form);
    expect(spec?.overrides).toEqual({ tenure: { test: 'psi', threshold: 0.2 } });
    expect(spec?.model).toBe('models:/churn@champion');
  });

  it('adds the quality section with late labels and an alert, and business metrics', () => {
    const form: ReportForm = {
      ...base,
      quality: { ...emptyReportForm.quality, enabled: true, prediction: 'pred', probability: 'p_yes', label: 'Churn', timeColumn: 'ts', window: 'day', lateLabels: true, labels: { ...emptySource, dataset: 'labels' }, idColumn: 'customerID', alertMetric: 'f1', alertBelow: '0.6' },
      business: [{ name: 'churn among flagged', sql: "avg(CASE WHEN pred = 'Yes' THEN 1 ELSE 0 END)" }, { name: '', sql: '' }],
    };
    const { spec, problems } = toReportSpec(form);
    expect(problems).toEqual([]);
    expect(spec?.quality).toEqual({ task: 'binary', prediction: 'pred', probability: 'p_yes', label: 'Churn', timeColumn: 'ts', window: 'day', labels: { source: { kind: 'dataset', dataset: 'labels' }, idColumn: 'customerID' }, alert: { metric: 'f1', below: 0.6 } });
    expect(spec?.business).toEqual([{ name: 'churn among flagged', sql: "avg(CASE WHEN pred = 'Yes' THEN 1 ELSE 0 END)" }]);
    const errors = toReportSpec({ ...form, quality: { ...form.quality, task: 'regression', probability: '', alertMetric: 'mae', alertDirection: 'above', alertBelow: '12.5' } });
    expect(errors.spec?.quality?.alert).toEqual({ metric: 'mae', above: 12.5 });
  });

  it('sends each task only its own probability fields', () => {
    const quality = { ...emptyReportForm.quality, enabled: true, prediction: 'pred', probability: 'p_yes', probabilityPrefix: ' probability_ ', positiveClass: 'Yes', label: 'y', timeColumn: 'ts' };
    const multiclass = toReportSpec({ ...base, quality: { ...quality, task: 'multiclass' } }).spec?.quality;
    expect(multiclass).toEqual({ task: 'multiclass', prediction: 'pred', probabilityPrefix: 'probability_', label: 'y', timeColumn: 'ts', window: 'week' });
    const binary = toReportSpec({ ...base, quality: { ...quality, task: 'binary' } }).spec?.quality;
    expect(binary).toEqual({ task: 'binary', prediction: 'pred', probability: 'p_yes', positiveClass: 'Yes', label: 'y', timeColumn: 'ts', window: 'week' });
  });

  it('refuses a quality section without its columns and a half-typed business metric', () => {
    const form: ReportForm = { ...base, quality: { ...emptyReportForm.quality, enabled: true, lateLabels: true, alertMetric: 'f1' }, business: [{ name: 'x', sql: ' ' }] };
    expect(toReportSpec(form).problems).toEqual([
      'Business metric 1 needs both a name and an SQL expression.',
      'Model quality needs the prediction column.',
      'Model quality needs the label column.',
      'Model quality needs the time column.',
      'Late labels are joined by an ID column: name it.',
      'Choose the labels dataset.',
      'A quality alert needs a metric and the number it must not cross.',
    ]);
  });
});

describe('defaultExportPath', () => {
  it('puts the export under the workspace reports folder, named after the report and version', () => {
    expect(defaultExportPath('/home/ana/ws/', 'Churn drift / weekly', 3)).toBe('/home/ana/ws/reports/Churn-drift-weekly-v3.html');
    expect(defaultExportPath('C:\\ws', '***', 1)).toBe('C:\\ws\\reports\\report-v1.html');
  });
});
