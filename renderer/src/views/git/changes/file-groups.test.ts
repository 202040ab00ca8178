import { describe, expect, it } from 'vitest';
import type { GitFileStatus } from '../../../../../shared/contract';
import { conflictedPaths, followSelection, groupFiles } from './file-groups';

const file = (path: string, staged: GitFileStatus['staged'], unstaged: GitFileStatus['unstaged'], conflicted = false): GitFileStatus => ({ path, staged, unstaged, conflicted });

describe('groupFiles', () => {
  const files = [file('z.py', 'modified', 'modified'), file('a.py', 'added', null), file('gone.txt', null, 'deleted'), file('new.md', null, 'untracked'), file('both.py', 'modified', 'modified', true)];
  const groups = groupFiles(files);

  it('puts a file changed before and after staging in both lists, sorted, with its letter', () => {
    expect(groups.staged).toEqual([
      { path: 'a.py', letter: 'A', change: 'added' },
      { path: 'z.py', letter: 'M', change: 'modified' },
    ]);
    expect(groups.unstaged.map((entry) => `${entry.letter} ${entry.path}`)).toEqual(['D gone.txt', 'M z.py']);
    expect(groups.untracked).toEqual([{ path: 'new.md', letter: 'U', change: 'untracked' }]);
  });

  it('leaves conflicted files to the merge banner', () => {
    expect(Object.values(groups).flat().some((entry) => entry.path === 'both.py')).toBe(false);
    expect(conflictedPaths(files, ['other.py'])).toEqual(['both.py', 'other.py']);
  });

  it('follows a file that moved to another list, and lets go of one that left them all', () => {
    expect(followSelection(groups, [], { group: 'untracked', path: 'a.py' })).toEqual({ group: 'staged', path: 'a.py' });
    expect(followSelection(groups, [], { group: 'unstaged', path: 'z.py' })).toEqual({ group: 'unstaged', path: 'z.py' });
    expect(followSelection(groups, [], { group: 'staged', path: 'committed.py' })).toBeNull();
  });
});
