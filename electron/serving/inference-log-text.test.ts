import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logSchema, prepare, SegmentBuffer, type LogSchema } from './inference-log-buffer';
import { TextCoder, type PreparedText } from './inference-log-text';
import { parquetReader } from './parquet-testing';
import { SegmentWriter } from './inference-log-writer';
import type { ColumnarInput, ScoreResult } from './types';

/** The log's text columns: coded against dictionaries kept for the server's life, up to 255 values, then plain text. */

const SIGNATURE = {
  inputs: [
    { name: 'x', type: 'double' },
    { name: 'cat', type: 'string' },
    { name: 'note', type: 'string' },
  ],
  outputs: [{ name: 'label', type: 'string' }],
};
/** A schema of its own (and so dictionaries of its own): schemas are cached per signature object. */
const freshSchema = (): LogSchema => logSchema(structuredClone(SIGNATURE));
const T0 = 1_700_000_000_000;
const ROWS = 10;

interface Request {
  id: string;
  input: ColumnarInput;
  outputs: ScoreResult['outputs'];
  /** x, cat, note, label, request_id as the log should show them. */
  want: unknown[][];
}

/** What the log writes for a cell of a text column. */
const text = (value: unknown): string | null => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null);

/** Request `i`: `note(r)` for its note column (no note column at all when null); `label` an output that passes 255 values too. */
function request(i: number, note: ((r: number) => unknown) | null, rows = ROWS): Request {
  const x = Float64Array.from({ length: rows }, (_, r) => i * 1000 + r);
  const cat = Array.from({ length: rows }, (_, r) => (r % 4 === 3 ? null : (['a', 'b', UNICODE][(i + r) % 3] as string)));
  const notes = note ? Array.from({ length: rows }, (_, r) => note(r)) : null;
  const label = Array.from({ length: rows }, (_, r) => `L${(i * rows + r) % 300}`);
  const columns: ColumnarInput['columns'] = { x, cat, ...(notes ? { note: notes as (string | null)[] } : {}) };
  const id = `req-${i}`;
  const want = Array.from({ length: rows }, (_, r) => [x[r], cat[r], notes ? text(notes[r]) : null, label[r], id]);
  return { id, input: { rows, columns }, outputs: [{ name: 'label', dims: [rows], values: label }], want };
}
const UNICODE = 'Zürich 東京 🙂';
/** Nine new values a request: eight strings and a number (logged as text), and a null. */
const distinct = (i: number) => (r: number) => (r === 3 ? null : r === 7 ? i : `n-${i}-${r}`);

const append = (buffer: SegmentBuffer, req: Request, prepared: PreparedText | null = null, rows = req.input.rows): void => {
  expect(buffer.append(T0 + Number(req.id.slice(4)), req.id, 3, req.input, req.outputs, rows, prepared)).toBe(true);
};

describe('the inference log, text columns past their dictionary', () => {
  const reader = parquetReader('inference-text');

  let files = 0;
  const write = async (buffer: SegmentBuffer): Promise<string> => {
    const target = join(reader.dir, `s${++files}.parquet`);
    expect((await new SegmentWriter().write(target, buffer)).rows).toBe(buffer.rows);
    return target;
  };
  const read = async (path: string): Promise<unknown[][]> => await reader.query(`SELECT x, cat, note, label, request_id FROM read_parquet('${path}') ORDER BY x`);
  const { encodings } = reader;
  const byX = (requests: Request[]): unknown[][] => requests.flatMap((req) => req.want).sort((a, b) => (a[0] as number) - (b[0] as number));

  it('reads back exactly, NULLs included, when a column passes 255 values in the middle of a segment, coded before scoring or not', async () => {
    const schema = freshSchema();
    const note = schema.coders[2];
    const buffer = new SegmentBuffer(schema, 400);
    const logged: Request[] = [];
    const log = (req: Request, prepared: PreparedText | null): void => {
      append(buffer, req, prepared);
      logged.push(req);
    };
    // 20 requests, every other one coded before scoring; two leave the note column out.
    for (let i = 0; i < 20; i++) {
      const req = request(i, i === 5 || i === 6 ? null : distinct(i));
      log(req, i % 2 === 0 ? prepare(schema, req.input) : null);
    }
    // Coded before scoring while the dictionary has room, logged only after it filled.
    const slow = request(20, distinct(20));
    const slowCodes = prepare(schema, slow.input);
    expect(slowCodes.coded).toEqual([true, true]);
    for (let i = 21; i < 31; i++) log(request(i, distinct(i)), null);
    // Request 30 took the dictionary past 255 values on its fifth row.
    expect(note?.code('n-30-2')).toBe(255);
    expect(note?.full).toBe(true);
    expect(note?.dictionary).toHaveLength(255);
    log(slow, slowCodes);
    // Coded after it filled: the note column is not, the category column still is.
    const late = request(31, (r) => (r % 2 ? `n-0-${r}` : `late-${r}`));
    const lateCodes = prepare(schema, late.input);
    expect(lateCodes.coded).toEqual([true, false]);
    log(late, lateCodes);
    const missing = request(32, null);
    log(missing, prepare(schema, missing.input));
    log(request(33, (r) => (r === 0 ? 'n-1-1' : r === 1 ? null : `more-${r}`)), null);

    const path = await write(buffer);
    expect(await read(path)).toEqual(byX(logged));
    const used = await encodings(path);
    expect(used.get('cat')).toContain('RLE_DICTIONARY');
    expect(used.get('note')).not.toContain('RLE_DICTIONARY');
    expect(used.get('label')).not.toContain('RLE_DICTIONARY');

    // The buffer again, emptied: values the dictionary knows are codes again, until one it does not.
    buffer.reset();
    const known = [request(40, (r) => (r % 3 === 0 ? null : `n-${r % 5}-0`)), request(41, (r) => `n-2-${r % 3}`)];
    append(buffer, known[0] as Request, prepare(schema, (known[0] as Request).input));
    append(buffer, known[1] as Request);
    const knownPath = await write(buffer);
    expect(await read(knownPath)).toEqual(byX(known));
    expect((await encodings(knownPath)).get('note')).toContain('RLE_DICTIONARY');

    buffer.reset();
    const mixed = [request(50, (r) => `n-4-${r % 3}`), request(51, (r) => (r < 3 ? `n-8-${r}` : `new-${r}`)), request(52, (r) => `n-9-${r % 2}`)];
    append(buffer, mixed[0] as Request, prepare(schema, (mixed[0] as Request).input));
    append(buffer, mixed[1] as Request);
    append(buffer, mixed[2] as Request, prepare(schema, (mixed[2] as Request).input));
    expect(await read(await write(buffer))).toEqual(byX(mixed));
  });

  it('writes the same file whether the text was coded before scoring or not', async () => {
    const requests = Array.from({ length: 35 }, (_, i) => request(i, i % 9 === 4 ? null : distinct(i)));
    const segment = async (mode: 'unprepared' | 'interleaved' | 'all first'): Promise<Buffer> => {
      const schema = freshSchema();
      const buffer = new SegmentBuffer(schema, 400);
      const prepared = mode === 'all first' ? requests.map((req) => prepare(schema, req.input)) : [];
      requests.forEach((req, i) => append(buffer, req, mode === 'unprepared' ? null : mode === 'interleaved' ? prepare(schema, req.input) : prepared[i]));
      expect(schema.coders[2]?.full).toBe(true);
      const path = await write(buffer);
      expect(await read(path)).toEqual(byX(requests));
      return readFileSync(path);
    };
    const plain = await segment('unprepared');
    expect((await segment('interleaved')).equals(plain)).toBe(true);
    expect((await segment('all first')).equals(plain)).toBe(true);
  });

  it("ignores codes made for other rows: a request whose prepared rows differ from its rows is logged from its own values", async () => {
    const schema = freshSchema();
    const buffer = new SegmentBuffer(schema, 20);
    const own = request(1, (r) => `own-${r}`, 3);
    const other = request(2, (r) => `other-${r}`, 4);
    append(buffer, own, prepare(schema, other.input));
    // Scoring answered fewer rows than were sent: the first ones are logged, the codes for all of them ignored.
    const cut = request(3, (r) => `cut-${r}`, 3);
    append(buffer, cut, prepare(schema, cut.input), 2);
    expect(buffer.rows).toBe(5);
    expect(await read(await write(buffer))).toEqual([...own.want, ...cut.want.slice(0, 2)]);
  });
  it('reuses the code arrays of logged requests: old codes never show through, and used codes are not used twice', async () => {
    const schema = freshSchema();
    const buffer = new SegmentBuffer(schema, 100);
    // Both layouts: by column (10 rows) and by row (3 rows).
    for (const rows of [ROWS, 3]) {
      const first = request(rows * 10, (r) => `had-${r % 2}`, rows);
      const firstCodes = prepare(schema, first.input);
      append(buffer, first, firstCodes);
      expect(firstCodes.rows).toBe(-1);
      // The next request leaves the note column out: it gets the first one's array back, which holds the first one's codes.
      const next = request(rows * 10 + 1, null, rows);
      const nextCodes = prepare(schema, next.input);
      expect(nextCodes.codes).toBe(firstCodes.codes);
      append(buffer, next, nextCodes);
      // A used PreparedText handed in again is ignored (its array may be another request's by now): the request's own values are logged.
      const again = request(rows * 10 + 2, (r) => `again-${r}`, rows);
      append(buffer, again, firstCodes);
      expect(await read(await write(buffer))).toEqual(byX([first, next, again]));
      buffer.reset();
    }
  });
});

describe('TextCoder', () => {
  it('tells apart values that share a hint slot (same length, first and last character), coding each the same every time, also once the dictionary is full', () => {
    const coder = new TextCoder();
    // One slot for all of these: only the middle differs.
    const alike = Array.from({ length: 300 }, (_, i) => `a${String(i).padStart(3, '0')}z`);
    const first = alike.slice(0, 255).map((value) => coder.code(value));
    expect(first).toEqual(Array.from({ length: 255 }, (_, i) => i + 1));
    expect(coder.code(null)).toBe(0);
    expect(coder.code('')).toBe(-1);
    // Back and forth across the slot, with fresh string copies as a request brings.
    for (const i of [254, 0, 17, 254, 17, 3, 0]) expect(coder.code(alike[i]?.split('').join('') ?? '')).toBe(i + 1);
    expect(alike.slice(255).map((value) => coder.code(value))).toEqual(Array.from({ length: 45 }, () => -1));
    expect(coder.full).toBe(true);
    expect(first.map((code) => coder.value(code))).toEqual(alike.slice(0, 255));
  });
});
