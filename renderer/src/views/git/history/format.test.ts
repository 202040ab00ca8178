import { describe, expect, it } from 'vitest';
import { refBadges, relativeTime, shortOid } from './format';

const now = Date.UTC(2025, 5, 15, 12, 0, 0);
const ago = (seconds: number): number => now / 1000 - seconds;

describe('relativeTime', () => {
  it('says how long ago, in the largest whole unit', () => {
    expect(relativeTime(ago(10), now)).toBe('just now');
    expect(relativeTime(ago(5 * 60), now)).toBe('5 minutes ago');
    expect(relativeTime(ago(2 * 3600 + 59), now)).toBe('2 hours ago');
    expect(relativeTime(ago(26 * 3600), now)).toBe('yesterday');
    expect(relativeTime(ago(3 * 86400), now)).toBe('3 days ago');
    expect(relativeTime(ago(15 * 86400), now)).toBe('2 weeks ago');
    expect(relativeTime(ago(400 * 86400), now)).toBe('last year');
  });

  it('does not claim a commit from a skewed clock is old', () => {
    expect(relativeTime(ago(-3600), now)).toBe('in the future');
  });
});

describe('refBadges', () => {
  const remotes = new Set(['origin/main', 'origin/feature/x']);

  it('sorts the current branch first and tells tags and remote branches apart', () => {
    expect(refBadges(['tag: v1', 'origin/main', 'HEAD', 'main', 'feature/x'], 'main', remotes)).toEqual([
      { kind: 'current', label: 'main' },
      { kind: 'branch', label: 'feature/x' },
      { kind: 'remote', label: 'origin/main' },
      { kind: 'tag', label: 'v1' },
    ]);
  });

  it('shows HEAD when it is detached', () => {
    expect(refBadges(['HEAD', 'tag: v2'], null, remotes).map((b) => b.kind)).toEqual(['head', 'tag']);
  });
});

it('shortens an oid to seven characters', () => {
  expect(shortOid('0123456789abcdef0123456789abcdef01234567')).toBe('0123456');
});
