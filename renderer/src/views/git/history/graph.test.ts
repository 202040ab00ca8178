import { describe, expect, it } from 'vitest';
import { graphWidth, layoutGraph, type GraphCommit, type GraphRow } from './graph';

const c = (oid: string, ...parents: string[]): GraphCommit => ({ oid, parents });
const byOid = (rows: GraphRow[], oid: string): GraphRow => {
  const row = rows.find((r) => r.oid === oid);
  if (!row) throw new Error(`no row ${oid}`);
  return row;
};
const lines = (list: { from: number; to: number }[]): string[] => list.map((l) => `${l.from}>${l.to}`).sort();

/** The lanes where one row's lines end must be the lanes where the next row's begin. */
function expectContinuous(rows: GraphRow[]): void {
  for (let i = 1; i < rows.length; i += 1) {
    const above = new Set(rows[i - 1]!.bottom.map((l) => l.to));
    const below = new Set(rows[i]!.top.map((l) => l.from));
    expect([...below].sort(), `between rows ${i - 1} and ${i}`).toEqual([...above].sort());
  }
}

describe('layoutGraph', () => {
  it('puts a linear history in one lane, joined top to bottom', () => {
    const rows = layoutGraph([c('d', 'c'), c('c', 'b'), c('b', 'a'), c('a')]);
    expect(rows.map((r) => r.lane)).toEqual([0, 0, 0, 0]);
    expect(graphWidth(rows)).toBe(1);
    expect(rows[0]!.top).toEqual([]); // nothing above the newest commit
    expect(lines(rows[1]!.top)).toEqual(['0>0']);
    expect(lines(rows[3]!.bottom)).toEqual([]); // the root ends the line
    expectContinuous(rows);
  });

  it('draws a branch and its merge as two lanes that split and join', () => {
    // main: a - b - m (merge of f2); feature: a - f1 - f2
    const rows = layoutGraph([c('m', 'b', 'f2'), c('f2', 'f1'), c('b', 'a'), c('f1', 'a'), c('a')]);
    const m = byOid(rows, 'm');
    expect(m.lane).toBe(0);
    expect(m.merge).toBe(true);
    expect(lines(m.bottom)).toEqual(['0>0', '0>1']); // first parent straight down, the second opens lane 1
    expect(byOid(rows, 'f2').lane).toBe(1);
    expect(byOid(rows, 'b').lane).toBe(0);
    expect(byOid(rows, 'f1').lane).toBe(1);
    const a = byOid(rows, 'a');
    expect(a.lane).toBe(0);
    expect(lines(a.top)).toEqual(['0>0', '1>0']); // the feature lane joins main at the fork point
    expect(a.bottom).toEqual([]);
    expect(graphWidth(rows)).toBe(2);
    expectContinuous(rows);
  });

  it('gives two unmerged branch tips their own lanes', () => {
    const rows = layoutGraph([c('main2', 'base'), c('feat', 'base'), c('base')]);
    expect(rows.map((r) => r.lane)).toEqual([0, 1, 0]);
    expect(lines(byOid(rows, 'feat').top)).toEqual(['0>0']); // main's lane passes by the new tip
    expect(lines(byOid(rows, 'base').top)).toEqual(['0>0', '1>0']);
    expectContinuous(rows);
  });

  it('lays out an octopus merge with one lane per parent', () => {
    const rows = layoutGraph([c('o', 'p1', 'p2', 'p3'), c('p3', 'r'), c('p2', 'r'), c('p1', 'r'), c('r')]);
    const o = byOid(rows, 'o');
    expect(lines(o.bottom)).toEqual(['0>0', '0>1', '0>2']);
    expect(byOid(rows, 'p3').lane).toBe(2);
    expect(byOid(rows, 'p2').lane).toBe(1);
    expect(byOid(rows, 'p1').lane).toBe(0);
    expect(lines(byOid(rows, 'r').top)).toEqual(['0>0', '1>0', '2>0']);
    expect(graphWidth(rows)).toBe(3);
    expectContinuous(rows);
  });

  it('keeps two unrelated roots in separate lanes and frees a lane when its root ends', () => {
    // Two histories with no common ancestor (e.g. a gh-pages branch), then a commit on a third branch.
    const rows = layoutGraph([c('x2', 'x1'), c('y2', 'y1'), c('x1'), c('z1', 'y1'), c('y1')]);
    expect(byOid(rows, 'x2').lane).toBe(0);
    expect(byOid(rows, 'y2').lane).toBe(1);
    expect(byOid(rows, 'x1').bottom.some((l) => l.from === 0 && l.to === 0)).toBe(false); // root: lane 0 ends
    expect(byOid(rows, 'z1').lane).toBe(0); // the freed lane is taken again
    const y1 = byOid(rows, 'y1');
    expect(y1.lane).toBe(0); // the leftmost lane waiting for it; y2's lane joins it
    expect(lines(y1.top)).toEqual(['0>0', '1>0']);
    expectContinuous(rows);
  });

  it('joins a merge parent into a lane already waiting for it', () => {
    // m merges b, which main's lane already waits for through a sibling tip.
    const rows = layoutGraph([c('t', 'b'), c('m', 'a', 'b'), c('b', 'a'), c('a')]);
    const m = byOid(rows, 'm');
    expect(m.lane).toBe(1);
    expect(lines(m.bottom)).toEqual(['0>0', '1>0', '1>1']);
    expect(graphWidth(rows)).toBe(2);
    expectContinuous(rows);
  });

  it('keeps the lane of a parent that is not loaded yet running to the end', () => {
    const rows = layoutGraph([c('m', 'b', 'elsewhere'), c('b', 'a')]);
    expect(lines(byOid(rows, 'b').bottom)).toEqual(['0>0', '1>1']);
  });

  it('lays out nothing for no commits', () => {
    expect(layoutGraph([])).toEqual([]);
    expect(graphWidth([])).toBe(1);
  });
});
