import type { EvaluationReport } from '../../../../../shared/contract';
import { formatNumber } from './format';

/** A plotly trace or layout as plain data (plotly's typings lack some fields). */
export type Trace = Record<string, unknown>;

export interface Figure {
  title: string;
  data: Trace[];
  layout: Trace;
  /** Stable name for tests and screen readers. */
  id: string;
}

const diagonal: Trace = { x: [0, 1], y: [0, 1], mode: 'lines', name: 'chance', line: { dash: 'dot', width: 1, color: '#888' }, hoverinfo: 'skip' };
const unitAxes = (x: string, y: string): Trace => ({
  xaxis: { title: { text: x }, range: [0, 1] },
  yaxis: { title: { text: y }, range: [0, 1.02] },
});

/** Counts of true class (rows) against predicted class (columns), each cell labelled with its count. */
export function confusionFigure(report: EvaluationReport): Figure | null {
  if (!report.confusion || !report.classes) return null;
  const classes = report.classes;
  return {
    id: 'confusion',
    title: 'Confusion matrix',
    data: [
      {
        type: 'heatmap',
        z: report.confusion,
        x: classes,
        y: classes,
        text: report.confusion.map((row) => row.map(String)),
        texttemplate: '%{text}',
        colorscale: 'Blues',
        reversescale: true,
        hovertemplate: 'true %{y}<br>predicted %{x}<br>%{z} rows<extra></extra>',
      },
    ],
    layout: {
      xaxis: { title: { text: 'Predicted' }, type: 'category' },
      yaxis: { title: { text: 'True' }, type: 'category', autorange: 'reversed' },
    },
  };
}

export function rocFigure(report: EvaluationReport): Figure | null {
  if (!report.roc || report.roc.length === 0) return null;
  const curves = report.roc.map((curve): Trace => ({ x: curve.x, y: curve.y, mode: 'lines', name: `${curve.label} (AUC ${formatNumber(curve.auc)})` }));
  return { id: 'roc', title: 'ROC curve', data: [...curves, diagonal], layout: unitAxes('False positive rate', 'True positive rate') };
}

export function prFigure(report: EvaluationReport): Figure | null {
  if (!report.pr || report.pr.length === 0) return null;
  const curves = report.pr.map((curve): Trace => ({ x: curve.x, y: curve.y, mode: 'lines', name: `${curve.label} (AP ${formatNumber(curve.averagePrecision)})` }));
  return { id: 'pr', title: 'Precision-recall curve', data: curves, layout: unitAxes('Recall', 'Precision') };
}

/** Observed positive rate per bin against the mean predicted probability; the diagonal is perfect calibration. */
export function calibrationFigure(report: EvaluationReport): Figure | null {
  const calibration = report.calibration;
  if (!calibration || calibration.predicted.length === 0) return null;
  return {
    id: 'calibration',
    title: 'Calibration',
    data: [
      {
        x: calibration.predicted,
        y: calibration.observed,
        customdata: calibration.counts,
        mode: 'lines+markers',
        name: 'model',
        hovertemplate: 'predicted %{x:.3f}<br>observed %{y:.3f}<br>%{customdata} rows<extra></extra>',
      },
      diagonal,
    ],
    layout: unitAxes('Mean predicted probability', 'Observed positive rate'),
  };
}

export function residualFigure(report: EvaluationReport): Figure | null {
  const residuals = report.residuals;
  if (!residuals || residuals.predicted.length === 0) return null;
  return {
    id: 'residuals',
    title: 'Residuals',
    data: [{ type: 'scatter', x: residuals.predicted, y: residuals.residual, mode: 'markers', marker: { size: 4, opacity: 0.5 }, name: 'residual' }],
    layout: {
      xaxis: { title: { text: 'Predicted' } },
      yaxis: { title: { text: 'Actual − predicted' }, zeroline: true, zerolinewidth: 2 },
    },
  };
}

/** Most important at the top; at most `limit` columns. */
export function importanceFigure(report: EvaluationReport, limit = 30): Figure | null {
  const importance = report.importance;
  if (!importance || importance.columns.length === 0) return null;
  const top = [...importance.columns].sort((a, b) => b.mean - a.mean).slice(0, limit).reverse();
  return {
    id: 'importance',
    title: `Permutation importance (drop in ${importance.metric})`,
    data: [
      {
        type: 'bar',
        orientation: 'h',
        x: top.map((column) => column.mean),
        y: top.map((column) => column.column),
        error_x: { type: 'data', array: top.map((column) => column.std), visible: true },
        name: importance.metric,
      },
    ],
    layout: { yaxis: { type: 'category', automargin: true }, xaxis: { title: { text: `Drop in ${importance.metric}` } }, height: Math.max(260, 40 + top.length * 22) },
  };
}

/** Every figure the report has data for, in reading order. */
export function evaluationFigures(report: EvaluationReport): Figure[] {
  return [confusionFigure, rocFigure, prFigure, calibrationFigure, residualFigure, importanceFigure]
    .map((build) => build(report))
    .filter((figure): figure is Figure => figure !== null);
}

export interface CrossValidationRow {
  metric: string;
  mean: string;
  std: string;
}

export function crossValidationRows(report: EvaluationReport): CrossValidationRow[] {
  const metrics = report.crossValidation?.metrics ?? {};
  return Object.keys(metrics)
    .sort()
    .map((metric) => ({ metric, mean: formatNumber(metrics[metric]?.mean ?? Number.NaN), std: formatNumber(metrics[metric]?.std ?? Number.NaN) }));
}
