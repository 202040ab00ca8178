import type { GitFileStatus } from '../../../../../shared/contract';

export type GroupId = 'staged' | 'unstaged' | 'untracked';

/** A/M/D as git writes them; U for untracked (the letter VS Code shows). */
export type ChangeLetter = 'A' | 'M' | 'D' | 'U';

export interface FileEntry {
  path: string;
  letter: ChangeLetter;
  /** The change in words, for screen readers and tooltips. */
  change: string;
}

export type FileGroups = Record<GroupId, FileEntry[]>;

const stagedLetters = { added: 'A', modified: 'M', deleted: 'D' } as const;
const unstagedLetters = { modified: 'M', deleted: 'D', untracked: 'U' } as const;

/**
 * Splits the status into the three lists the panel shows. A file changed both
 * in the index and after it is in two lists. Conflicted files are in none:
 * the merge banner lists them until they are staged (resolved).
 */
export function groupFiles(files: GitFileStatus[]): FileGroups {
  const groups: FileGroups = { staged: [], unstaged: [], untracked: [] };
  for (const file of files) {
    if (file.conflicted) continue;
    if (file.staged) groups.staged.push({ path: file.path, letter: stagedLetters[file.staged], change: file.staged });
    if (file.unstaged === 'untracked') groups.untracked.push({ path: file.path, letter: 'U', change: 'untracked' });
    else if (file.unstaged) groups.unstaged.push({ path: file.path, letter: unstagedLetters[file.unstaged], change: file.unstaged });
  }
  for (const list of Object.values(groups)) list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return groups;
}

/** Files a merge left conflicted: those the merge state names and any the status marks. */
export function conflictedPaths(files: GitFileStatus[], named: string[]): string[] {
  return [...new Set([...named, ...files.filter((file) => file.conflicted).map((file) => file.path)])].sort();
}

/** Where the selected file is now: in its group still, else the same path in another group (it was staged or unstaged), else nowhere. */
export function followSelection(groups: FileGroups, conflicts: string[], selected: { group: GroupId | 'conflicts'; path: string }): { group: GroupId | 'conflicts'; path: string } | null {
  const inGroup = (group: GroupId | 'conflicts'): boolean => (group === 'conflicts' ? conflicts.includes(selected.path) : groups[group].some((entry) => entry.path === selected.path));
  if (inGroup(selected.group)) return selected;
  const order: (GroupId | 'conflicts')[] = ['conflicts', 'staged', 'unstaged', 'untracked'];
  const found = order.find(inGroup);
  return found ? { group: found, path: selected.path } : null;
}
