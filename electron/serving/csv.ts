import { badRequest } from './http-error';

/**
 * RFC 4180 CSV, as `text/csv` bodies of `/invocations` come: a header line,
 * then rows; fields may be quoted ("" inside quotes is a quote); CRLF or LF.
 */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const records: string[][] = [];
  let record: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte order mark
  const n = text.length;
  let line = 1;
  while (i < n) {
    let value: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      const startLine = line;
      let out = '';
      let from = ++i;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) throw badRequest(`CSV: the quote opened on line ${startLine} is never closed.`);
        for (let k = text.indexOf('\n', i); k >= 0 && k < close; k = text.indexOf('\n', k + 1)) line++;
        if (text.charCodeAt(close + 1) === 34) {
          out += text.slice(from, close + 1);
          i = from = close + 2;
          continue;
        }
        out += text.slice(from, close);
        i = close + 1;
        break;
      }
      value = out;
      const next = text.charCodeAt(i);
      if (i < n && next !== 44 && next !== 10 && next !== 13) throw badRequest(`CSV line ${line}: a quoted field must end at a comma or the end of the line.`);
    } else {
      let end = i;
      while (end < n) {
        const ch = text.charCodeAt(end);
        if (ch === 44 || ch === 10 || ch === 13) break;
        end++;
      }
      value = text.slice(i, end);
      i = end;
    }
    record.push(value);
    const ch = text.charCodeAt(i);
    if (ch === 44) {
      i++;
      if (i === n) record.push('');
      continue;
    }
    // End of line (or of the text).
    if (ch === 13 && text.charCodeAt(i + 1) === 10) i += 2;
    else if (i < n) i++;
    line++;
    records.push(record);
    record = [];
    // Blank lines between rows carry nothing.
    while (i < n && (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13)) {
      if (text.charCodeAt(i) === 10) line++;
      i++;
    }
  }
  if (record.length > 0) records.push(record);
  const header = records.shift();
  if (!header || (header.length === 1 && header[0] === '')) throw badRequest('CSV: the body has no header line.');
  for (let r = 0; r < records.length; r++) {
    const width = records[r]?.length ?? 0;
    if (width !== header.length) throw badRequest(`CSV row ${r}: ${width} fields where the header has ${header.length}.`);
  }
  return { header, rows: records };
}
