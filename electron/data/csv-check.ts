import { closeSync, openSync, readSync } from 'node:fs';
import type { Engine } from './engine';
import { fileError } from './files';
import { quoteLiteral } from './sql';

const HEAD_BYTES = 64 * 1024;

/**
 * DuckDB's sniffer copes with a broken file by guessing another dialect: a
 * ragged file becomes "skip the first rows", an unterminated quote becomes "no
 * quoting". Both lose or garble data silently. When the sniffer had to do that,
 * read the file again strictly, with the header's columns, so DuckDB names the
 * line that is wrong.
 */
export async function checkCsv(engine: Engine, file: string, delimiterHint: string | undefined): Promise<void> {
  try {
    await check(engine, file, delimiterHint);
  } catch (error) {
    throw fileError(file, error);
  }
}

async function check(engine: Engine, file: string, delimiterHint: string | undefined): Promise<void> {
  const { rows } = await engine.query(`SELECT Delimiter, Quote, SkipRows FROM sniff_csv(${quoteLiteral(file)})`);
  const [sniffedDelimiter, quote, skipRows] = rows[0] ?? [];
  const head = readHead(file);
  const suspicious = Number(skipRows) > 0 || (quote === '(empty)' && head.includes('"'));
  if (!suspicious) return;

  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = delimiterHint ?? (Number(skipRows) > 0 ? guessDelimiter(firstLine) : String(sniffedDelimiter));
  const names = splitHeader(firstLine, delimiter);
  const columns = `{${names.map((name) => `${quoteLiteral(name)}: 'VARCHAR'`).join(', ')}}`;
  await engine.query(
    `SELECT count(*) FROM read_csv(${quoteLiteral(file)}, auto_detect = false, delim = ${quoteLiteral(delimiter)}, quote = '"', escape = '"', header = true, columns = ${columns}, strict_mode = true, null_padding = false)`,
  );
}

function readHead(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    return buffer.subarray(0, readSync(fd, buffer, 0, HEAD_BYTES, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function guessDelimiter(line: string): string {
  const candidates = [',', ';', '\t', '|'];
  return candidates.reduce((best, c) => (line.split(c).length > line.split(best).length ? c : best), ',');
}

/** The header's names; quoted names may hold the delimiter. */
function splitHeader(line: string, delimiter: string): string[] {
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (char === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (char === delimiter && !quoted) {
      names.push(current);
      current = '';
    } else current += char;
  }
  names.push(current);
  return names.map((name, i) => name.trim() || `column${i}`);
}

