/**
 * Run as a child of bench/git/run.ts (so it can be stopped at its time cap):
 * isomorphic-git's own statusMatrix, default options, on the bench repository,
 * counting the file-system calls it makes inside the ignored `data/` folder.
 * Prints one JSON line.
 */
import * as fs from 'node:fs';
import git from 'isomorphic-git';

const dir = process.argv[2];
if (!dir) throw new Error('usage: status-matrix-child.ts <repository>');

const calls = { total: 0, inData: 0, readdirInData: 0 };
const inData = (path: unknown): boolean => typeof path === 'string' && (path.includes('/data/') || path.endsWith('/data'));
const promises = new Proxy(fs.promises, {
  get(target, name, receiver) {
    const value: unknown = Reflect.get(target, name, receiver);
    if (typeof value !== 'function') return value;
    return (...args: unknown[]) => {
      calls.total++;
      if (inData(args[0])) {
        calls.inData++;
        if (name === 'readdir') calls.readdirInData++;
      }
      return (value as (...a: unknown[]) => unknown).apply(target, args);
    };
  },
});

const began = performance.now();
const matrix = await git.statusMatrix({ fs: { promises }, dir });
const ms = performance.now() - began;
const changed = matrix.filter(([, head, workdir, stage]) => !(head === 1 && workdir === 1 && stage === 1)).length;
process.stdout.write(`${JSON.stringify({ ms, rows: matrix.length, changed, calls })}\n`);
