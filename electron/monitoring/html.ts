import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { WorkbenchError, type MonitoringReport } from '../../shared/contract';
import { REPORT_SCRIPT, REPORT_STYLE } from './html-view';

const resolver = createRequire(import.meta.url);

/** Nothing may load from anywhere: only the page's own inline script and style run. */
export const REPORT_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:";

let plotlySource: Promise<string> | null = null;
function plotly(): Promise<string> {
  plotlySource ??= readFile(resolver.resolve('plotly.js-dist-min/plotly.min.js'), 'utf8');
  return plotlySource;
}

/** JSON that cannot end a script element early. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

const escapeHtml = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export async function reportHtml(report: MonitoringReport): Promise<string> {
  const library = await plotly();
  if (library.includes('</script')) throw new Error('plotly.min.js holds </script and cannot be inlined');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${report.name} v${report.version}`)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<main id="report"></main>
<script type="application/json" id="report-data">${inlineJson(report)}</script>
<script>${library}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

/** One file that opens offline in any browser; written whole or not at all. */
export async function writeReportHtml(report: MonitoringReport, path: string): Promise<{ path: string; bytes: number }> {
  const target = resolve(path);
  const html = await reportHtml(report);
  await mkdir(dirname(target), { recursive: true })
    .then(() => writeFileAtomic(target, html))
    .catch((error: unknown) => {
      throw new WorkbenchError('invalid_input', `Cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, { path: target });
    });
  return { path: target, bytes: Buffer.byteLength(html) };
}
