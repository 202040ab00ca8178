import { describe, expect, it } from 'vitest';
import { baseName, childrenOf, formatSize, parentFolder } from './artifact-tree';

const tree = [
  { path: 'model', isDir: true, size: null },
  { path: 'model/model.json', isDir: false, size: 2 },
  { path: 'evaluation', isDir: true, size: null },
  { path: 'evaluation/report.json', isDir: false, size: 825 },
  { path: 'notes.txt', isDir: false, size: 10 },
];

describe('artifact tree', () => {
  it('lists only the top level of a whole-tree listing, folders first', () => {
    expect(childrenOf(tree, '')?.map((entry) => entry.path)).toEqual(['evaluation', 'model', 'notes.txt']);
  });
  it('finds a folder’s entries in the listing, or says to read them', () => {
    expect(childrenOf(tree, 'evaluation')?.map((entry) => entry.path)).toEqual(['evaluation/report.json']);
    expect(childrenOf(tree, 'plots')).toBeNull();
    expect(childrenOf([], '')).toEqual([]);
  });
  it('splits paths and sizes for display', () => {
    expect(parentFolder('a/b/c.json')).toBe('a/b');
    expect(parentFolder('c.json')).toBe('');
    expect(baseName('a/b/c.json')).toBe('c.json');
    expect(baseName('model/')).toBe('model');
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(2048)).toBe('2.0 KB');
    expect(formatSize(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatSize(null)).toBe('');
  });
});
