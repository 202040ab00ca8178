/** Whole row counts for split fractions, overall and per class. */

/** Whole row counts for the fractions, adding up to `rows`: largest remainder first. */
export function apportion(rows: number, fractions: readonly number[]): number[] {
  const quotas = fractions.map((fraction) => rows * fraction);
  const counts = quotas.map(Math.floor);
  let left = rows - counts.reduce((sum, count) => sum + count, 0);
  const byRemainder = quotas.map((quota, k) => ({ k, remainder: quota - Math.floor(quota) })).sort((a, b) => b.remainder - a.remainder || a.k - b.k);
  for (const { k } of byRemainder) {
    if (left <= 0) break;
    counts[k] = (counts[k] ?? 0) + 1;
    left -= 1;
  }
  return counts;
}

/** One cell of the class × split table. */
interface Cell {
  floor: number;
  /** The share is not whole, so the cell may take its ceiling. */
  canRaise: boolean;
  raised: boolean;
}

/**
 * Per class and split, the floor or the ceiling of the class's share of the
 * split (`size × splitRows / rows`), with every class's rows all placed and every
 * split's total kept. Such a rounding always exists (the shares' row and column
 * sums are whole); floors are raised one at a time along augmenting paths.
 */
export function stratifiedCounts(classSizes: readonly number[], totals: readonly number[], rows: number): number[][] {
  const table: Cell[][] = classSizes.map((size) =>
    totals.map((total) => {
      const floor = Math.floor((size * total) / rows);
      return { floor, canRaise: size * total - floor * rows > 0, raised: false };
    }),
  );
  const splitRoom = totals.map((total, s) => total - table.reduce((sum, cells) => sum + (cells[s]?.floor ?? 0), 0));
  table.forEach((cells, c) => {
    let unplaced = (classSizes[c] ?? 0) - cells.reduce((sum, cell) => sum + cell.floor, 0);
    for (; unplaced > 0; unplaced--) {
      if (!raiseAlongPath(c, table, splitRoom)) throw new Error('stratified rounding found no split for a class');
    }
  });
  return table.map((cells) => cells.map((cell) => cell.floor + (cell.raised ? 1 : 0)));
}

const cellAt = (table: Cell[][], c: number, s: number): Cell => {
  const cell = table[c]?.[s];
  if (!cell) throw new Error(`no cell ${c}, ${s}`);
  return cell;
};

/**
 * One augmenting path from class `start`: raise (start, s1); when s1 is full,
 * a class raised in s1 gives way there and is raised in s2 instead, and so on
 * until a split with room. Breadth-first, so paths stay short.
 */
function raiseAlongPath(start: number, table: Cell[][], splitRoom: number[]): boolean {
  const reachedSplitFrom = new Map<number, number>();
  const reachedClassVia = new Map<number, number>([[start, -1]]);
  const queue = [start];
  let found = -1;
  while (queue.length > 0 && found < 0) {
    const cls = queue.shift() ?? start;
    for (let s = 0; s < splitRoom.length && found < 0; s++) {
      const cell = cellAt(table, cls, s);
      if (!cell.canRaise || cell.raised || reachedSplitFrom.has(s)) continue;
      reachedSplitFrom.set(s, cls);
      if ((splitRoom[s] ?? 0) > 0) {
        found = s;
        break;
      }
      table.forEach((cells, other) => {
        if (cells[s]?.raised && !reachedClassVia.has(other)) {
          reachedClassVia.set(other, s);
          queue.push(other);
        }
      });
    }
  }
  if (found < 0) return false;
  splitRoom[found] = (splitRoom[found] ?? 0) - 1;
  for (let s = found; ; ) {
    const cls = reachedSplitFrom.get(s) ?? start;
    cellAt(table, cls, s).raised = true;
    if (cls === start) return true;
    const gaveWay = reachedClassVia.get(cls) ?? -1;
    cellAt(table, cls, gaveWay).raised = false;
    s = gaveWay;
  }
}
