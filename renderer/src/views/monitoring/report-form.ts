import { reportSpecSchema, type DriftTest, type ReportSpec, type ReportSpecInput } from '../../../../shared/contract';

export type SourceKind = 'dataset' | 'file' | 'inferenceLog';

/** A data source as typed: the fields of every kind are kept, so switching kinds loses nothing. */
export interface SourceForm {
  kind: SourceKind;
  dataset: string;
  path: string;
  /** `models:/NAME@ALIAS`, for an inference log. */
  model: string;
  /** `datetime-local` values (local time); '' for an open end. */
  from: string;
  to: string;
}

export interface OverrideRow {
  column: string;
  test: DriftTest | '';
  threshold: string;
}

export interface QualityForm {
  enabled: boolean;
  task: 'binary' | 'multiclass' | 'regression';
  prediction: string;
  probability: string;
  /** Multiclass: the columns `<prefix><class>` hold each class's probability. */
  probabilityPrefix: string;
  label: string;
  timeColumn: string;
  window: 'day' | 'week' | 'month';
  positiveClass: string;
  lateLabels: boolean;
  labels: SourceForm;
  idColumn: string;
  alertMetric: string;
  /** Scores alert when they fall below the bound, errors when they rise above it. */
  alertDirection: 'below' | 'above';
  alertBelow: string;
}

export interface BusinessRow {
  name: string;
  sql: string;
}

export interface ReportForm {
  name: string;
  reference: SourceForm;
  current: SourceForm;
  model: string;
  /** Empty: every shared column. */
  columns: string[];
  overrides: OverrideRow[];
  driftShare: string;
  quality: QualityForm;
  business: BusinessRow[];
}

export const emptySource: SourceForm = { kind: 'dataset', dataset: '', path: '', model: '', from: '', to: '' };

export const emptyReportForm: ReportForm = {
  name: 'Drift report',
  reference: emptySource,
  current: emptySource,
  model: '',
  columns: [],
  overrides: [],
  driftShare: '0.5',
  quality: {
    enabled: false,
    task: 'binary',
    prediction: '',
    probability: '',
    probabilityPrefix: '',
    label: '',
    timeColumn: '',
    window: 'week',
    positiveClass: '',
    lateLabels: false,
    labels: emptySource,
    idColumn: '',
    alertMetric: '',
    alertDirection: 'below',
    alertBelow: '',
  },
  business: [],
};

export interface Checked {
  spec: ReportSpecInput | null;
  problems: string[];
}

/** A `datetime-local` value as epoch ms (local time); null for ''; NaN when it is not a date. */
function epoch(text: string): number | null {
  if (text.trim() === '') return null;
  return new Date(text).getTime();
}

function toSource(form: SourceForm, what: string, problems: string[]): ReportSpec['reference'] | null {
  if (form.kind === 'dataset') {
    if (form.dataset === '') problems.push(`Choose the ${what} dataset.`);
    return { kind: 'dataset', dataset: form.dataset };
  }
  if (form.kind === 'file') {
    if (form.path.trim() === '') problems.push(`Type the path of the ${what} file.`);
    return { kind: 'file', path: form.path.trim() };
  }
  if (form.model === '') problems.push(`Choose the model whose inference log is the ${what} data.`);
  const from = epoch(form.from);
  const to = epoch(form.to);
  if (Number.isNaN(from) || Number.isNaN(to)) problems.push(`The ${what} window's start or end is not a date.`);
  else if (from !== null && to !== null && from >= to) problems.push(`The ${what} window ends before it starts.`);
  return { kind: 'inferenceLog', model: form.model, from, to };
}

function positive(text: string): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : null;
}

/** The form as a report spec, or the problems that stop it, each naming its field. */
export function toReportSpec(form: ReportForm): Checked {
  const problems: string[] = [];
  if (form.name.trim() === '') problems.push('Name the report.');
  const reference = toSource(form.reference, 'reference', problems);
  const current = toSource(form.current, 'current', problems);
  const driftShare = Number(form.driftShare);
  if (!(form.driftShare.trim() !== '' && driftShare > 0 && driftShare <= 1)) problems.push('The drift share is a number above 0, at most 1.');

  const overrides: ReportSpec['overrides'] = {};
  for (const row of form.overrides) {
    if (row.column === '') continue;
    const override: ReportSpec['overrides'][string] = {};
    if (row.test !== '') override.test = row.test;
    if (row.threshold.trim() !== '') {
      const threshold = positive(row.threshold);
      if (threshold === null) problems.push(`The threshold of ${row.column} is a number above 0.`);
      else override.threshold = threshold;
    }
    overrides[row.column] = override;
  }

  const business: ReportSpec['business'] = [];
  form.business.forEach((row, index) => {
    if (row.name.trim() === '' && row.sql.trim() === '') return;
    if (row.name.trim() === '' || row.sql.trim() === '') problems.push(`Business metric ${index + 1} needs both a name and an SQL expression.`);
    else business.push({ name: row.name.trim(), sql: row.sql.trim() });
  });

  const spec: ReportSpecInput = {
    name: form.name.trim(),
    reference: reference ?? { kind: 'dataset', dataset: '' },
    current: current ?? { kind: 'dataset', dataset: '' },
    columns: form.columns,
    overrides,
    driftShare,
    business,
  };
  if (form.model !== '') spec.model = form.model;
  if (form.quality.enabled) spec.quality = toQuality(form.quality, problems);

  if (problems.length > 0) return { spec: null, problems };
  // The contract is the last word: anything it refuses is named rather than sent.
  const parsed = reportSpecSchema.safeParse(spec);
  if (!parsed.success) return { spec: null, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'spec'}: ${issue.message}`) };
  return { spec, problems: [] };
}

function toQuality(form: QualityForm, problems: string[]): NonNullable<ReportSpec['quality']> {
  for (const [value, label] of [
    [form.prediction, 'prediction'],
    [form.label, 'label'],
    [form.timeColumn, 'time'],
  ] as const) {
    if (value.trim() === '') problems.push(`Model quality needs the ${label} column.`);
  }
  const quality: NonNullable<ReportSpec['quality']> = {
    task: form.task,
    prediction: form.prediction.trim(),
    label: form.label.trim(),
    timeColumn: form.timeColumn.trim(),
    window: form.window,
  };
  // Each task keeps only its own fields: a value typed before the task changed is not sent.
  if (form.task === 'binary' && form.probability.trim() !== '') quality.probability = form.probability.trim();
  if (form.task === 'binary' && form.positiveClass.trim() !== '') quality.positiveClass = form.positiveClass.trim();
  if (form.task === 'multiclass' && form.probabilityPrefix.trim() !== '') quality.probabilityPrefix = form.probabilityPrefix.trim();
  if (form.lateLabels) {
    if (form.idColumn.trim() === '') problems.push('Late labels are joined by an ID column: name it.');
    const source = toSource(form.labels, 'labels', problems);
    if (source) quality.labels = { source, idColumn: form.idColumn.trim() };
  }
  if (form.alertMetric.trim() !== '' || form.alertBelow.trim() !== '') {
    const bound = Number(form.alertBelow);
    if (form.alertMetric.trim() === '' || form.alertBelow.trim() === '' || !Number.isFinite(bound)) problems.push('A quality alert needs a metric and the number it must not cross.');
    else quality.alert = form.alertDirection === 'above' ? { metric: form.alertMetric.trim(), above: bound } : { metric: form.alertMetric.trim(), below: bound };
  }
  return quality;
}

/** Where an export goes unless the user types another path. */
export function defaultExportPath(workspace: string, name: string, version: number): string {
  const slug = name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'report';
  const separator = workspace.includes('\\') && !workspace.includes('/') ? '\\' : '/';
  return `${workspace.replace(/[\\/]+$/, '')}${separator}reports${separator}${slug}-v${version}.html`;
}
