import type { RefBadge } from './format';

const titles: Record<RefBadge['kind'], string> = {
  head: 'HEAD (detached)',
  current: 'The current branch',
  branch: 'Branch',
  remote: 'Remote branch, as last fetched',
  tag: 'Tag',
};

/** Branch and tag names on a commit; the current branch stands out, tags look different from branches. */
export function RefBadgeList({ badges }: { badges: RefBadge[] }) {
  if (badges.length === 0) return null;
  return (
    <span className="git-refs">
      {badges.map((badge) => (
        <span key={`${badge.kind}:${badge.label}`} className={`git-ref git-ref-${badge.kind}`} title={titles[badge.kind]} data-ref-kind={badge.kind}>
          {badge.label}
        </span>
      ))}
    </span>
  );
}
