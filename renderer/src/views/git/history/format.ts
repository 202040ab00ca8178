/** Small text helpers for the history, branches and remotes panels. */

export const shortOid = (oid: string): string => oid.slice(0, 7);

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 days ago", "yesterday", "just now": how long before `nowMs` a commit was made (`seconds` since the epoch). */
export function relativeTime(seconds: number, nowMs: number): string {
  const elapsed = nowMs / 1000 - seconds;
  if (elapsed < 45) return elapsed < -60 ? 'in the future' : 'just now';
  for (const [unit, size] of units) {
    if (elapsed >= size) return relative.format(-Math.floor(elapsed / size), unit);
  }
  return relative.format(-1, 'minute');
}

/** The full date and time, in the user's locale, for a tooltip or the details. */
export function absoluteTime(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString();
}

export type RefKind = 'head' | 'current' | 'branch' | 'remote' | 'tag';
export interface RefBadge {
  kind: RefKind;
  label: string;
}

/**
 * Turns `git.log`'s ref labels into badges: `tag: v1` is a tag, the checked-out
 * branch is highlighted, names found among the remote branches are remote. A
 * bare `HEAD` next to the current branch says nothing more, so it is dropped.
 */
export function refBadges(refs: readonly string[], current: string | null, remoteBranches: ReadonlySet<string>): RefBadge[] {
  const badges: RefBadge[] = [];
  for (const ref of refs) {
    if (ref.startsWith('tag: ')) badges.push({ kind: 'tag', label: ref.slice(5) });
    else if (ref === 'HEAD') {
      if (current === null || !refs.includes(current)) badges.push({ kind: 'head', label: 'HEAD' });
    } else if (ref === current) badges.push({ kind: 'current', label: ref });
    else if (remoteBranches.has(ref)) badges.push({ kind: 'remote', label: ref });
    else badges.push({ kind: 'branch', label: ref });
  }
  const order: RefKind[] = ['head', 'current', 'branch', 'remote', 'tag'];
  return badges.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}
