import { modelName, type RunSummary } from '../../../../shared/contract';
import { formatNumber, formatTime } from './format';

/** Why a typed model name cannot be used, or null when it can. */
export function modelNameProblem(text: string): string | null {
  const parsed = modelName.safeParse(text);
  if (parsed.success) return null;
  if (text.length > 100) return 'A model name has at most 100 characters.';
  return `A model name starts with a letter or digit, then ${parsed.error.issues[0]?.message ?? 'letters, digits, dots, dashes and underscores'}.`;
}

/** A run as one option line: its name, when it ran, its first test metric. */
export function runLabel(run: RunSummary): string {
  const metric = Object.keys(run.metrics).sort().find((key) => key.startsWith('test_'));
  const figure = metric === undefined ? '' : ` · ${metric} ${formatNumber(run.metrics[metric] ?? Number.NaN)}`;
  return `${run.name || run.id.slice(0, 8)}${run.parentRunId !== null ? ' (trial)' : ''} · ${formatTime(run.startTime)}${figure}`;
}
