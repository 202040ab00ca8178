import type { CellChange } from '../../shared/contract';

interface Cell {
  id: string | null;
  cellType: string;
  source: string;
  outputs: string;
}

export interface NotebookSides {
  original: string | null;
  modified: string | null;
  cells: CellChange[];
  /** Why a side was compared as plain text. */
  unreadable: string | null;
}

/** Past this many cells on both sides, cells are paired by position instead of by LCS. */
const LCS_LIMIT = 2_000;

/**
 * A notebook compared the way a reader thinks of it: cell by cell, on the
 * source, with outputs and execution counts left out unless asked for. Each
 * side becomes a text with a header line per cell, for Monaco's diff editor,
 * and the cells are paired (by id when every cell has one, else by the longest
 * run of equal sources) into added / removed / modified / unchanged.
 */
export function notebookSides(original: string | null, modified: string | null, withOutputs: boolean): NotebookSides {
  const problems: string[] = [];
  const read = (text: string | null, side: string): Cell[] | null => {
    if (text === null) return [];
    try {
      return cellsOf(JSON.parse(text), withOutputs);
    } catch (error) {
      problems.push(`the ${side} side is not valid notebook JSON (${(error as Error).message})`);
      return null;
    }
  };
  const oldCells = read(original, 'old');
  const newCells = read(modified, 'new');
  if (oldCells === null || newCells === null) {
    return { original, modified, cells: [], unreadable: problems.join('; ') };
  }
  return {
    original: original === null ? null : render(oldCells),
    modified: modified === null ? null : render(newCells),
    cells: pairCells(oldCells, newCells),
    unreadable: null,
  };
}

function cellsOf(notebook: unknown, withOutputs: boolean): Cell[] {
  const cells = (notebook as { cells?: unknown }).cells;
  if (!Array.isArray(cells)) throw new Error('it has no "cells" list');
  return cells.map((raw: unknown, index) => {
    const cell = (raw ?? {}) as Record<string, unknown>;
    return {
      id: typeof cell.id === 'string' ? cell.id : null,
      cellType: typeof cell.cell_type === 'string' ? cell.cell_type : 'unknown',
      source: joinText(cell.source),
      outputs: withOutputs ? outputsText(cell, index) : '',
    };
  });
}

function render(cells: Cell[]): string {
  return cells
    .map((cell, index) => {
      const header = `# ── cell ${index + 1} · ${cell.cellType} ──`;
      const body = cell.source.endsWith('\n') || cell.source === '' ? cell.source : `${cell.source}\n`;
      return `${header}\n${body}${cell.outputs}`;
    })
    .join('\n');
}

function outputsText(cell: Record<string, unknown>, index: number): string {
  const outputs = Array.isArray(cell.outputs) ? (cell.outputs as Record<string, unknown>[]) : [];
  if (cell.cell_type !== 'code') return '';
  const count = typeof cell.execution_count === 'number' ? String(cell.execution_count) : ' ';
  const lines = [`# ── outputs of cell ${index + 1} · In [${count}] ──`];
  for (const output of outputs) {
    if (output.output_type === 'stream') lines.push(joinText(output.text).replace(/\n$/, ''));
    else if (output.output_type === 'error') lines.push(`${String(output.ename)}: ${String(output.evalue)}`);
    else {
      const data = (output.data ?? {}) as Record<string, unknown>;
      for (const [mime, value] of Object.entries(data)) {
        const text = joinText(value);
        if (mime === 'text/plain') lines.push(text.replace(/\n$/, ''));
        else lines.push(`[${mime}, ${text.length.toLocaleString('en')} characters]`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

function joinText(value: unknown): string {
  if (Array.isArray(value)) return value.map((part) => String(part)).join('');
  return typeof value === 'string' ? value : '';
}

function same(a: Cell, b: Cell): boolean {
  return a.source === b.source && a.cellType === b.cellType && a.outputs === b.outputs;
}

export function pairCells(oldCells: Cell[], newCells: Cell[]): CellChange[] {
  const byIds = oldCells.length > 0 && newCells.length > 0 && [...oldCells, ...newCells].every((cell) => cell.id !== null);
  const pairs = byIds ? pairByIds(oldCells, newCells) : pairBySource(oldCells, newCells);
  return pairs.map(([oldIndex, newIndex]) => {
    const before = oldIndex === null ? undefined : oldCells[oldIndex];
    const after = newIndex === null ? undefined : newCells[newIndex];
    const change: CellChange['change'] = !before ? 'added' : !after ? 'removed' : same(before, after) ? 'unchanged' : 'modified';
    return { change, cellType: (after ?? before)?.cellType ?? 'unknown', oldIndex, newIndex };
  });
}

type Pair = [number | null, number | null];

function pairByIds(oldCells: Cell[], newCells: Cell[]): Pair[] {
  const oldById = new Map(oldCells.map((cell, index) => [cell.id, index]));
  const newIds = new Set(newCells.map((cell) => cell.id));
  const pairs: Pair[] = newCells.map((cell, index) => [oldById.get(cell.id) ?? null, index]);
  oldCells.forEach((cell, index) => {
    if (!newIds.has(cell.id)) pairs.push([index, null]);
  });
  return pairs;
}

/** Longest common subsequence of equal cells as anchors; between anchors, cells pair up by position as modified. */
function pairBySource(oldCells: Cell[], newCells: Cell[]): Pair[] {
  const n = oldCells.length;
  const m = newCells.length;
  const anchors: [number, number][] = [];
  if (n * m <= LCS_LIMIT * LCS_LIMIT) {
    const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i -= 1) {
      for (let j = m - 1; j >= 0; j -= 1) {
        const row = table[i] as Uint32Array;
        const next = table[i + 1] as Uint32Array;
        row[j] = same(oldCells[i] as Cell, newCells[j] as Cell) ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (same(oldCells[i] as Cell, newCells[j] as Cell)) {
        anchors.push([i, j]);
        i += 1;
        j += 1;
      } else if (((table[i + 1] as Uint32Array)[j] as number) >= ((table[i] as Uint32Array)[j + 1] as number)) i += 1;
      else j += 1;
    }
  }
  const pairs: Pair[] = [];
  let i = 0;
  let j = 0;
  for (const [ai, aj] of [...anchors, [n, m] as [number, number]]) {
    while (i < ai && j < aj) pairs.push([i++, j++]);
    while (i < ai) pairs.push([i++, null]);
    while (j < aj) pairs.push([null, j++]);
    if (ai < n && aj < m) pairs.push([i++, j++]);
  }
  return pairs;
}
