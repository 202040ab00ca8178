/**
 * The branch graph of the history: which lane (column) each commit's dot sits
 * in, and the lines to draw through its row. Rows are drawn one SVG each, so a
 * row says everything it draws: lines from its top edge to its middle, and from
 * its middle to its bottom edge. The bottom of one row and the top of the next
 * meet at the same lanes.
 */

/** Only what the layout reads of a commit, so tests and callers need not build whole summaries. */
export interface GraphCommit {
  oid: string;
  /** First parent first: it continues the commit's lane. */
  parents: readonly string[];
}

/** A line across half a row, from lane `from` to lane `to`; `color` is the index of the lane it belongs to. */
export interface GraphLine {
  from: number;
  to: number;
  color: number;
}

export interface GraphRow {
  oid: string;
  /** The lane of the commit's dot. */
  lane: number;
  /** From the row's top edge to its middle: lines arriving at the dot, and lines passing by. */
  top: GraphLine[];
  /** From the row's middle to its bottom edge: lines leaving the dot for its parents, and lines passing by. */
  bottom: GraphLine[];
  /** How many lanes the row uses (its widest point). */
  width: number;
  /** More than one parent. */
  merge: boolean;
}

/**
 * Lays out commits given newest first, each after all of its children (a
 * topological order, as `git.log` answers). The classic lane algorithm: an
 * array of active lanes holds the commit each lane waits for. A commit takes
 * the leftmost lane waiting for it (the others waiting for it join it there),
 * or a free lane when nothing waits for it (a branch tip). Its first parent
 * continues in its lane; each other parent joins a lane already waiting for it,
 * or opens a free one. A parent that never comes (a later page, a shallow
 * clone) keeps its lane running to the end.
 */
export function layoutGraph(commits: readonly GraphCommit[]): GraphRow[] {
  let lanes: (string | null)[] = [];
  const rows: GraphRow[] = [];

  for (const commit of commits) {
    const before = lanes;
    const waiting = indexesOf(before, commit.oid);
    const lane = waiting[0] ?? firstFree(before, before);

    const top: GraphLine[] = [];
    before.forEach((target, index) => {
      if (target === null) return;
      top.push(target === commit.oid ? { from: index, to: lane, color: index } : { from: index, to: index, color: index });
    });

    const after = before.map((target) => (target === commit.oid ? null : target));
    while (after.length <= lane) after.push(null);
    const [firstParent, ...otherParents] = commit.parents;
    after[lane] = firstParent ?? null;

    // Where each parent's line leaves the dot for; the first parent goes straight down.
    const targets: number[] = firstParent === undefined ? [] : [lane];
    for (const parent of otherParents) {
      const existing = after.indexOf(parent);
      if (existing >= 0) {
        targets.push(existing);
        continue;
      }
      // A lane free above and below, so a new line never crosses one that just ended in this row.
      const free = firstFree(after, before);
      while (after.length <= free) after.push(null);
      after[free] = parent;
      targets.push(free);
    }

    const bottom: GraphLine[] = [];
    after.forEach((target, index) => {
      if (target === null || index === lane) return;
      // A lane the commit opened or joined carries no line of its own yet when it was free above.
      if (targets.includes(index) && (before[index] ?? null) === null) return;
      bottom.push({ from: index, to: index, color: index });
    });
    for (const to of targets) bottom.push({ from: lane, to, color: to });

    lanes = trimFree(after);
    const width = Math.max(lane + 1, before.length, after.length);
    rows.push({ oid: commit.oid, lane, top, bottom, width, merge: commit.parents.length > 1 });
  }
  return rows;
}

/** The widest row: how wide the graph column must be. */
export function graphWidth(rows: readonly GraphRow[]): number {
  return rows.reduce((widest, row) => Math.max(widest, row.width), 1);
}

function indexesOf(lanes: readonly (string | null)[], oid: string): number[] {
  const found: number[] = [];
  lanes.forEach((target, index) => target === oid && found.push(index));
  return found;
}

/** The leftmost lane free in both arrays, or a new one past the end of both. */
function firstFree(lanes: readonly (string | null)[], also: readonly (string | null)[]): number {
  const end = Math.max(lanes.length, also.length);
  for (let index = 0; index < end; index += 1) {
    if ((lanes[index] ?? null) === null && (also[index] ?? null) === null) return index;
  }
  return end;
}

function trimFree(lanes: (string | null)[]): (string | null)[] {
  let end = lanes.length;
  while (end > 0 && lanes[end - 1] === null) end -= 1;
  return lanes.slice(0, end);
}
