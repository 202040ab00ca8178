import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotebookCell, NotebookDocument } from '../../shared/contract';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { failure, repoRoot, waitFor } from '../../test/helpers';
import { parseNotebook, serializeNotebook } from './ipynb';

/** Written by Jupyter's own nbformat library (make_fixture.py): every common output, an attachment, unknown metadata. */
const fixture = join(repoRoot, 'test/fixtures/notebooks/analysis.ipynb');
const fixtureText = readFileSync(fixture, 'utf8');

/** What the editor does to a notebook it shows: every multi-line value as one string. */
const asEdited = (notebook: NotebookDocument): NotebookDocument => ({
  ...notebook,
  cells: notebook.cells.map((cell) => ({ ...cell, source: Array.isArray(cell.source) ? cell.source.join('') : cell.source })),
});

/** nbformat's own reading and validation of a file, in Python. */
function pythonRead(file: string): { cells: { id: string; source: string; outputs: number }[] } {
  const script = `import json, sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
nbformat.validate(nb)
print(json.dumps({"cells": [{"id": c.get("id"), "source": c.source, "outputs": len(c.get("outputs", []))} for c in nb.cells]}))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' })) as { cells: { id: string; source: string; outputs: number }[] };
}

describe('reading and writing .ipynb', () => {
  const original = parseNotebook(fixtureText, 'analysis.ipynb');
  const cellText = (index: number): string => {
    // The exact text of a cell in the fixture, found by its id and the indentation nbformat uses.
    const id = original.notebook.cells[index]?.id ?? '';
    const start = fixtureText.lastIndexOf('\n  {', fixtureText.indexOf(`"id": "${id}"`));
    const end = fixtureText.indexOf('\n  }', start) + 4;
    return fixtureText.slice(start, end);
  };

  it('writes an unchanged notebook back byte for byte, whatever form its strings took in the editor', () => {
    expect(serializeNotebook(original.notebook, original)).toBe(fixtureText);
    expect(serializeNotebook(asEdited(original.notebook), original)).toBe(fixtureText);
  });

  it('rewrites only the edited cell; the others, the metadata (2.5e-05 stays so) and attachments keep their text', () => {
    const edited = asEdited(original.notebook);
    const changed = { ...edited, cells: edited.cells.map((c) => (c.id === 'code-result' ? { ...c, source: '6 * 7\n# checked' } : c)) };
    const text = serializeNotebook(changed, original);
    expect(text).not.toBe(fixtureText);
    for (let i = 0; i < original.notebook.cells.length; i++) {
      if (original.notebook.cells[i]?.id === 'code-result') expect(text).not.toContain(cellText(i));
      else expect(text).toContain(cellText(i));
    }
    expect(text).toContain('2.5e-05');
    expect(text).toContain('"source": [\n    "6 * 7\\n",\n    "# checked"\n   ]');
  });

  it('keeps every other cell when one is inserted, moved or deleted', () => {
    const cells = original.notebook.cells;
    const added: NotebookCell = { cell_type: 'code', id: 'new-cell', source: 'x = 1\ny = 2', metadata: {}, outputs: [], execution_count: null };
    const reordered = { ...original.notebook, cells: [added, ...cells.slice(2), cells[0]!] };
    const text = serializeNotebook(reordered, original);
    for (const index of [0, 2, 3, 4, 5, 6, 7]) expect(text).toContain(cellText(index));
    expect(text).not.toContain(cellText(1));
    expect((JSON.parse(text) as NotebookDocument).cells[0]).toMatchObject({ id: 'new-cell', source: ['x = 1\n', 'y = 2'] });
  });

  it('names the line and column of broken JSON, and the field of a wrong shape', () => {
    const broken = () => parseNotebook('{\n "cells": [\n  {"cell_type": "code",,}\n ]\n}', 'broken.ipynb');
    expect(broken).toThrow(/broken\.ipynb is not valid JSON: .* at line 3, column \d+/);
    const wrongType = JSON.parse(fixtureText) as { cells: { cell_type: string }[] };
    wrongType.cells[2]!.cell_type = 'python';
    expect(() => parseNotebook(JSON.stringify(wrongType), 'shape.ipynb')).toThrow(/shape\.ipynb is not an nbformat 4 notebook: cells\[2\]\.cell_type/);
    expect(() => parseNotebook('{"nbformat": 3, "nbformat_minor": 0, "worksheets": []}', 'old.ipynb')).toThrow(/nbformat 3 notebook/);
    expect(() => parseNotebook('[]', 'list.ipynb')).toThrow(/list\.ipynb is not an nbformat 4 notebook/);
  });
});

describe('notebooks through the API', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await openTestBackend();
    copyFileSync(fixture, join(t.workspace, 'analysis.ipynb'));
    mkdirSync(join(t.workspace, 'sub'));
    writeFileSync(join(t.workspace, 'sub', 'broken.ipynb'), '{"cells": [');
    mkdirSync(join(t.workspace, '.hidden'));
    writeFileSync(join(t.workspace, '.hidden', 'skip.ipynb'), '{}');
  });
  afterAll(async () => t.close());

  it('lists the workspace notebooks, hidden folders left out', async () => {
    expect((await t.client.call('notebooks.list', {})).map((n) => n.path)).toEqual(['analysis.ipynb', 'sub/broken.ipynb']);
  });

  it('opens and saves a real notebook with outputs, unchanged to the byte; an edit reads back in nbformat', async () => {
    const opened = await t.client.call('notebooks.open', { path: 'analysis.ipynb' });
    expect(opened.notebook.cells).toHaveLength(8);
    const file = join(t.workspace, 'analysis.ipynb');
    await t.client.call('notebooks.save', { path: 'analysis.ipynb', notebook: asEdited(opened.notebook), expectedMtimeMs: opened.mtimeMs });
    expect(readFileSync(file, 'utf8')).toBe(fixtureText);

    const edited = asEdited(opened.notebook);
    edited.cells[2] = { ...edited.cells[2]!, source: 'answer = 6 * 7\nanswer' };
    const saved = await t.client.call('notebooks.save', { path: 'analysis.ipynb', notebook: edited, expectedMtimeMs: opened.mtimeMs });
    const read = pythonRead(file);
    expect(read.cells.map((c) => c.source)).toEqual(edited.cells.map((c) => c.source));
    expect(read.cells.map((c) => c.outputs)).toEqual([0, 2, 1, 1, 1, 1, 1, 0]);
    const reopened = await t.client.call('notebooks.open', { path: 'analysis.ipynb' });
    expect(reopened.mtimeMs).toBe(saved.mtimeMs);
    expect(reopened.notebook.metadata).toEqual(opened.notebook.metadata);
  });

  it('refuses a malformed notebook clearly and never touches it', async () => {
    const problem = await failure(t.client.call('notebooks.open', { path: 'sub/broken.ipynb' }));
    expect(problem.code).toBe('notebook_invalid');
    expect(problem.message).toMatch(/sub\/broken\.ipynb is not valid JSON/);
    expect(readFileSync(join(t.workspace, 'sub', 'broken.ipynb'), 'utf8')).toBe('{"cells": [');
    const bad = await failure(t.client.call('notebooks.save', { path: 'analysis.ipynb', notebook: { nbformat: 4, cells: 'no' } as unknown as NotebookDocument, expectedMtimeMs: null }));
    expect(bad.code).toBe('invalid_input');
    expect((await failure(t.client.call('notebooks.open', { path: '../outside.ipynb' }))).code).toBe('invalid_input');
  });

  it('creates a notebook that nbformat validates, and never over an existing file', async () => {
    const created = await t.client.call('notebooks.create', { path: 'notebooks/new.ipynb' });
    expect(created.notebook.cells).toEqual([]);
    expect(pythonRead(join(t.workspace, 'notebooks', 'new.ipynb')).cells).toEqual([]);
    expect((await failure(t.client.call('notebooks.create', { path: 'analysis.ipynb' }))).code).toBe('conflict');
    expect(readFileSync(join(t.workspace, 'analysis.ipynb'), 'utf8')).toContain('answer = 6 * 7');
  });

  it('notices a change made elsewhere, and refuses to save over it unless forced', async () => {
    const opened = await t.client.call('notebooks.open', { path: 'notebooks/new.ipynb' });
    const changes: string[] = [];
    const stop = t.client.on('notebooks.changedOnDisk', (change) => changes.push(change.path));
    await new Promise((r) => setTimeout(r, 20));
    const file = join(t.workspace, 'notebooks', 'new.ipynb');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"cells": []', '"cells": [{"cell_type": "raw", "metadata": {}, "source": "elsewhere"}]'));
    await waitFor(() => changes.includes('notebooks/new.ipynb'), 5_000, 'the change event');
    stop();
    const mine = { ...opened.notebook, cells: [{ cell_type: 'code' as const, source: 'mine', metadata: {}, outputs: [], execution_count: null }] };
    const refused = await failure(t.client.call('notebooks.save', { path: 'notebooks/new.ipynb', notebook: mine, expectedMtimeMs: opened.mtimeMs }));
    expect(refused.code).toBe('conflict');
    expect(readFileSync(file, 'utf8')).toContain('elsewhere');
    await t.client.call('notebooks.save', { path: 'notebooks/new.ipynb', notebook: mine, expectedMtimeMs: opened.mtimeMs, force: true });
    expect(readFileSync(file, 'utf8')).toContain('"mine"');
    await t.client.call('notebooks.close', { path: 'notebooks/new.ipynb' });
  });

  it('keeps the old file whole when the disk fills up during a save', async () => {
    const small = join(t.workspace, 'small');
    mkdirSync(small);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small]);
    expect(mounted.status, `mounting a 64 KiB tmpfs (needs root): ${String(mounted.stderr)}`).toBe(0);
    try {
      copyFileSync(fixture, join(small, 'full.ipynb'));
      const opened = await t.client.call('notebooks.open', { path: 'small/full.ipynb' });
      const huge = { ...opened.notebook, cells: [...opened.notebook.cells, { cell_type: 'code' as const, source: 'x'.repeat(200_000), metadata: {}, outputs: [], execution_count: null }] };
      const problem = await failure(t.client.call('notebooks.save', { path: 'small/full.ipynb', notebook: huge, expectedMtimeMs: opened.mtimeMs }));
      expect(problem.code).toBe('disk_full');
      expect(readFileSync(join(small, 'full.ipynb'), 'utf8')).toBe(fixtureText);
      expect(readdirSync(small)).toEqual(['full.ipynb']);
      await t.client.call('notebooks.close', { path: 'small/full.ipynb' });
    } finally {
      spawnSync('umount', [small]);
    }
  });
});
