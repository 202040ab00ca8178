import { WorkbenchError, type TaskKind } from '../../../shared/contract';

const classificationMetricNames = ['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'pr_auc', 'log_loss'] as const;
const regressionMetricNames = ['rmse', 'mae', 'r2'] as const;
const minimised = new Set(['loss', 'log_loss', 'rmse', 'mae']);

/** The validation metrics an epoch reports for a task, `val_` prefixed. */
export function validationMetricNames(task: TaskKind): string[] {
  const names = task === 'regression' ? regressionMetricNames : classificationMetricNames;
  return ['val_loss', ...names.map((name) => `val_${name}`)];
}

export type Direction = 'minimize' | 'maximize';

/** Which way a validation metric improves; unknown names are refused before training starts. */
export function metricDirection(metric: string, task: TaskKind): Direction {
  const known = validationMetricNames(task);
  if (!known.includes(metric)) {
    throw new WorkbenchError('invalid_input', `Early stopping cannot watch "${metric}" for a ${task} model; choose one of ${known.join(', ')}.`, {
      field: 'settings.earlyStopping.metric',
    });
  }
  return minimised.has(metric.slice('val_'.length)) ? 'minimize' : 'maximize';
}

/**
 * Keras's EarlyStopping with `restore_best_weights`: the best epoch so far, and
 * a stop once `patience` epochs in a row have not improved on it. A metric
 * that is not a number (an AUC on a one-class validation set) never improves.
 */
export class EarlyStopping {
  private best = NaN;
  private bestEpochSeen = 0;
  private waited = 0;

  constructor(
    private readonly metric: string,
    private readonly direction: Direction,
    private readonly patience: number,
  ) {}

  /** Records an epoch; `improved` says its weights are the best so far, `stop` that patience ran out. */
  observe(epoch: number, metrics: Record<string, number>): { improved: boolean; stop: boolean } {
    const value = metrics[this.metric];
    const usable = value !== undefined && Number.isFinite(value);
    const improved = usable && (Number.isNaN(this.best) || (this.direction === 'minimize' ? value < this.best : value > this.best));
    if (improved) {
      this.best = value;
      this.bestEpochSeen = epoch;
      this.waited = 0;
    } else {
      this.waited += 1;
    }
    return { improved, stop: !improved && this.waited >= this.patience };
  }

  get bestEpoch(): number {
    return this.bestEpochSeen;
  }
}
