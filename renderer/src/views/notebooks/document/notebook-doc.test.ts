import { describe, expect, it } from 'vitest';
import type { NotebookDocument } from '../../../../../shared/contract';
import { toNotebook } from './cells';
import { docReducer, initialDoc, isDirty, splitSource, type DocAction, type DocState } from './notebook-doc';

let n = 0;
const newCell = () => ({ key: `new${++n}`, id: `id${n}`.padEnd(8, 'x') });

function notebook(sources: string[], minor = 5): NotebookDocument {
  return {
    nbformat: 4,
    nbformat_minor: minor,
    metadata: { kernelspec: { name: 'python3' }, custom: { kept: true } },
    extra_top_level: 'kept',
    cells: sources.map((source, i) => ({
      cell_type: 'code',
      id: `cell${i}`,
      source: source.split(/(?<=\n)/),
      metadata: { tags: [`t${i}`] },
      outputs: [{ output_type: 'stream', name: 'stdout', text: `out${i}\n` }],
      execution_count: i + 1,
    })),
  };
}

const run = (state: DocState, ...actions: DocAction[]): DocState => actions.reduce(docReducer, state);
const sources = (state: DocState): string[] => state.cells.map((c) => c.cell.source);
const selectedIndex = (state: DocState): number => state.cells.findIndex((c) => c.key === state.selected);

describe('the notebook document', () => {
  it('loads cells with their sources joined and writes every other field back unchanged', () => {
    const doc = initialDoc(notebook(['a = 1\nb = 2\n', 'print(a)']), newCell());
    expect(sources(doc)).toEqual(['a = 1\nb = 2\n', 'print(a)']);
    const saved = toNotebook(doc.head, doc.cells);
    expect(saved.extra_top_level).toBe('kept');
    expect(saved.metadata).toEqual({ kernelspec: { name: 'python3' }, custom: { kept: true } });
    expect(saved.cells[0]).toMatchObject({ id: 'cell0', metadata: { tags: ['t0'] }, execution_count: 1 });
    expect(saved.cells[0]?.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'out0\n' }]);
    expect(doc.selected).toBe(doc.cells[0]?.key);
  });

  it('gives an empty notebook one code cell to type in, without making it dirty', () => {
    const doc = initialDoc(notebook([]), { key: 'k', id: 'abcd1234' });
    expect(doc.cells).toHaveLength(1);
    expect(doc.cells[0]?.cell).toEqual({ cell_type: 'code', id: 'abcd1234', metadata: {}, source: '', outputs: [], execution_count: null });
    expect(doc.version).toBe(0);
  });

  it('inserts above, below and at the end, with ids only from nbformat 4.5 on', () => {
    let doc = initialDoc(notebook(['x', 'y']), newCell());
    doc = run(doc, { type: 'insert', where: 'below', cellType: 'markdown', source: '# T', edit: true, cell: { key: 'm', id: 'mmmmmmmm' } });
    expect(sources(doc)).toEqual(['x', '# T', 'y']);
    expect(doc.cells[1]?.cell).toEqual({ cell_type: 'markdown', id: 'mmmmmmmm', metadata: {}, source: '# T' });
    expect(doc.selected).toBe('m');
    expect(doc.mode).toBe('edit');
    doc = run(doc, { type: 'insert', where: 'above', cellType: 'code', source: 'a', edit: false, cell: newCell() }, { type: 'insert', where: 'end', cellType: 'raw', source: 'z', edit: false, cell: newCell() });
    expect(sources(doc)).toEqual(['x', 'a', '# T', 'y', 'z']);
    expect(doc.version).toBe(3);

    const old = initialDoc(notebook(['x'], 4), newCell());
    const added = run(old, { type: 'insert', where: 'below', cellType: 'code', source: '', edit: false, cell: newCell() });
    expect(added.cells[1]?.cell.id).toBeUndefined();
  });

  it('moves the selected cell and stops at the ends', () => {
    let doc = initialDoc(notebook(['a', 'b', 'c']), newCell());
    doc = run(doc, { type: 'move', delta: 1 }, { type: 'move', delta: 1 }, { type: 'move', delta: 1 });
    expect(sources(doc)).toEqual(['b', 'c', 'a']);
    expect(selectedIndex(doc)).toBe(2);
    expect(doc.undo).toHaveLength(2);
  });

  it('deletes the selected cell, selects the next, and never leaves the notebook without a cell', () => {
    let doc = initialDoc(notebook(['a', 'b']), newCell());
    doc = run(doc, { type: 'delete', blank: newCell() });
    expect(sources(doc)).toEqual(['b']);
    expect(selectedIndex(doc)).toBe(0);
    doc = run(doc, { type: 'delete', blank: { key: 'blank', id: 'bbbbbbbb' } });
    expect(sources(doc)).toEqual(['']);
    expect(doc.selected).toBe('blank');
  });

  it('splits at the cursor, the newline at the break belonging to neither half', () => {
    expect(splitSource('a = 1\nb = 2', 6)).toEqual(['a = 1', 'b = 2']);
    expect(splitSource('a = 1\nb = 2', 5)).toEqual(['a = 1', 'b = 2']);
    expect(splitSource('abc', 0)).toEqual(['', 'abc']);
    let doc = initialDoc(notebook(['a = 1\nb = 2']), newCell());
    const key = doc.cells[0]!.key;
    doc = run(doc, { type: 'split', key, offset: 6, cell: { key: 'tail', id: 'tttttttt' } });
    expect(sources(doc)).toEqual(['a = 1', 'b = 2']);
    expect(doc.cells[0]?.cell.id).toBe('cell0');
    expect(doc.cells[1]?.cell).toMatchObject({ id: 'tttttttt', cell_type: 'code', outputs: [] });
    expect(doc.selected).toBe('tail');
  });

  it('merges a cell with the one below and drops outputs that no longer match the code', () => {
    let doc = initialDoc(notebook(['a = 1', 'b = 2', 'c']), newCell());
    doc = run(doc, { type: 'merge', key: doc.cells[0]!.key });
    expect(sources(doc)).toEqual(['a = 1\nb = 2', 'c']);
    expect(doc.cells[0]?.cell).toMatchObject({ id: 'cell0', outputs: [], execution_count: null });
    const last = doc.cells[1]!.key;
    expect(run(doc, { type: 'merge', key: last })).toBe(doc); // nothing below
  });

  it('changes a cell type, dropping outputs for markdown and adding them back for code', () => {
    let doc = initialDoc(notebook(['# title']), newCell());
    doc = run(doc, { type: 'changeType', cellType: 'markdown' });
    expect(doc.cells[0]?.cell).toEqual({ cell_type: 'markdown', id: 'cell0', metadata: { tags: ['t0'] }, source: '# title' });
    doc = run(doc, { type: 'changeType', cellType: 'code' });
    expect(doc.cells[0]?.cell).toMatchObject({ cell_type: 'code', outputs: [], execution_count: null });
  });

  it('undoes and redoes structural changes, keeping text typed since', () => {
    const start = initialDoc(notebook(['a', 'b']), newCell());
    const [first, second] = start.cells.map((c) => c.key);
    let doc = run(start, { type: 'insert', where: 'below', cellType: 'code', source: 'new', edit: false, cell: newCell() });
    doc = run(doc, { type: 'source', key: second!, source: 'b edited' });
    expect(doc.undo).toHaveLength(1); // typing is not a structural change
    doc = run(doc, { type: 'undo' });
    expect(sources(doc)).toEqual(['a', 'b edited']);
    expect(doc.selected).toBe(first);
    doc = run(doc, { type: 'redo' });
    expect(sources(doc)).toEqual(['a', 'new', 'b edited']);
    expect(run(doc, { type: 'redo' })).toBe(doc); // nothing left to redo
  });

  it('undoes a split and a merge back to the original text', () => {
    const start = initialDoc(notebook(['a = 1\nb = 2', 'c']), newCell());
    let doc = run(start, { type: 'split', key: start.cells[0]!.key, offset: 6, cell: newCell() });
    doc = run(doc, { type: 'undo' });
    expect(sources(doc)).toEqual(['a = 1\nb = 2', 'c']);
    doc = run(doc, { type: 'merge', key: doc.cells[0]!.key }, { type: 'undo' });
    expect(sources(doc)).toEqual(['a = 1\nb = 2', 'c']);
    expect(doc.cells[0]?.cell.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'out0\n' }]);
    doc = run(doc, { type: 'delete', blank: newCell() }, { type: 'undo' });
    expect(sources(doc)).toEqual(['a = 1\nb = 2', 'c']);
    expect(doc.undo).toHaveLength(0);
    expect(doc.redo).toHaveLength(1); // each new change dropped what could be redone
  });

  it('steps the selection without leaving the notebook, back in command mode', () => {
    let doc = initialDoc(notebook(['a', 'b', 'c']), newCell());
    doc = run(doc, { type: 'mode', mode: 'edit' }, { type: 'step', delta: 1 });
    expect(selectedIndex(doc)).toBe(1);
    expect(doc.mode).toBe('command');
    doc = run(doc, { type: 'step', delta: 5 });
    expect(selectedIndex(doc)).toBe(2);
    expect(run(doc, { type: 'step', delta: 1 })).toBe(doc);
  });

  it('counts output changes as edits only when asked to', () => {
    const doc = initialDoc(notebook(['a']), newCell());
    const key = doc.cells[0]!.key;
    const queued = run(doc, { type: 'update', key, update: (c) => ({ ...c, run: 'queued' }), dirty: false });
    expect(queued.version).toBe(0);
    expect(queued.cells[0]?.run).toBe('queued');
    const cleared = run(queued, { type: 'updateAll', update: (c) => ({ ...c, cell: { ...c.cell, outputs: [] } }), dirty: true });
    expect(cleared.version).toBe(1);
    expect(run(cleared, { type: 'updateAll', update: (c) => c, dirty: true })).toBe(cleared);
  });

  it('never saves the transient display ids of outputs', () => {
    const doc = initialDoc(notebook(['a']), newCell());
    const key = doc.cells[0]!.key;
    const withDisplay = run(doc, {
      type: 'update',
      key,
      update: (c) => ({ ...c, cell: { ...c.cell, outputs: [{ output_type: 'display_data', data: { 'text/plain': 'x' }, metadata: {}, transient: { display_id: 'd1' } }] } }),
      dirty: true,
    });
    expect(toNotebook(withDisplay.head, withDisplay.cells).cells[0]?.outputs).toEqual([{ output_type: 'display_data', data: { 'text/plain': 'x' }, metadata: {} }]);
  });
});

describe('dirty tracking', () => {
  it('is dirty until the version that was saved is the current one', () => {
    const doc = initialDoc(notebook(['a']), newCell());
    expect(isDirty(doc)).toBe(false);
    const key = doc.cells[0]!.key;
    const typed = run(doc, { type: 'source', key, source: 'ab' });
    expect(isDirty(typed)).toBe(true);
    // Typing while a save was under way leaves the notebook dirty.
    const more = run(typed, { type: 'source', key, source: 'abc' }, { type: 'saved', version: typed.version });
    expect(isDirty(more)).toBe(true);
    expect(isDirty(run(more, { type: 'saved', version: more.version }))).toBe(false);
  });
});
