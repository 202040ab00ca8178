import { isWorkbenchError, type ColumnProfile } from '../../shared/contract';
import { profileFile } from '../data';

/** `workbench profile FILE [--json] [--target COL]`. Resolves with the exit code. */
export async function profile(file: string, options: { json?: boolean; target?: string }): Promise<number> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const interactive = process.stderr.isTTY && !options.json;
  try {
    const result = await profileFile(file, {
      targetColumn: options.target,
      signal: controller.signal,
      progress: interactive ? (fraction, message) => process.stderr.write(`\r${Math.round(fraction * 100)}% ${message}\x1b[K`) : undefined,
    });
    if (interactive) process.stderr.write('\r\x1b[K');
    process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : render(result));
    return 0;
  } catch (error) {
    process.stderr.write(`workbench: ${isWorkbenchError(error) || error instanceof Error ? error.message : String(error)}\n`);
    return controller.signal.aborted ? 130 : 2;
  }
}

function render(result: Awaited<ReturnType<typeof profileFile>>): string {
  const lines = [`${result.source}: ${result.rowCount.toLocaleString('en')} rows, ${result.columns.length} columns (${result.seconds.toFixed(2)} s)`, ''];
  for (const column of result.columns) {
    lines.push(`${column.name}  ${column.type}${column.kind === 'numeric' || column.kind === 'date' ? '' : '  (category)'}`);
    lines.push(`  count ${fmt(column.count)}   nulls ${fmt(column.nulls)} (${(column.nullShare * 100).toFixed(1)}%)   distinct ${column.distinctApprox ? '~' : ''}${fmt(column.distinct)}`);
    const unparsed = result.unparsed[column.name];
    if (unparsed) lines.push(`  ${fmt(unparsed)} values did not parse as ${column.type} and were read as null`);
    lines.push(...detail(column), '');
  }
  return `${lines.join('\n')}\n`;
}

function detail(column: ColumnProfile): string[] {
  if (column.kind === 'numeric') {
    const q = column.quantiles;
    return [
      `  min ${fmt(column.min)}   max ${fmt(column.max)}   mean ${fmt(column.mean)}   std ${fmt(column.std)}`,
      `  p1 ${fmt(q.p1)}  p5 ${fmt(q.p5)}  p25 ${fmt(q.p25)}  p50 ${fmt(q.p50)}  p75 ${fmt(q.p75)}  p95 ${fmt(q.p95)}  p99 ${fmt(q.p99)}${column.quantileMethod === 'exact' ? '' : '  (estimated from a sample)'}`,
    ];
  }
  if (column.kind === 'date') return [`  from ${column.min ?? '-'} to ${column.max ?? '-'}`];
  return [
    `  top: ${column.top.slice(0, 5).map((t) => `${t.value} (${fmt(t.count)})`).join(', ')}${column.top.length > 5 ? ', …' : ''}`,
    `  length ${fmt(column.lengths.min)}..${fmt(column.lengths.max)} (mean ${fmt(column.lengths.mean)})`,
  ];
}

function fmt(value: number | null | undefined): string {
  if (value === null || value === undefined) return '-';
  return Number.isInteger(value) ? value.toLocaleString('en') : value.toLocaleString('en', { maximumSignificantDigits: 6 });
}
