import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../../test/helpers';
import { openTracking } from './testing/open';

describe('kill -9 in the middle of a run', () => {
  it('loses at most the step in flight, never corrupts the store, and the run ends KILLED on the next open', async () => {
    const home = tempDir('workbench-kill-');
    const workspacePath = join(home.path, 'ws');
    mkdirSync(workspacePath);
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'electron/tracking/testing/metric-writer.ts'), workspacePath, join(home.path, 'app')], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));

    let runId = '';
    let lastStep = -1;
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const [word, value] = line.split(' ');
          if (word === 'run') runId = value ?? '';
          if (word === 'step') lastStep = Number(value);
        }
        // Kill it well into the run, in the middle of whatever write it is doing.
        if (lastStep >= 300 && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      void exited.then(() => reject(new Error(`the writer exited before it was killed: ${stderr}`)));
    });
    expect(await exited).toBe('SIGKILL');

    const file = join(workspacePath, '.workbench', 'workbench.sqlite');
    const db = new Database(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    const reopened = openTracking(workspacePath);
    try {
      const { loss = [], accuracy = [] } = reopened.tracking.metricHistory(runId, []);
      // Every step it reported committed is there, in order; at most the one in flight beyond it.
      expect(loss.length).toBeGreaterThanOrEqual(lastStep + 1);
      expect(loss.length).toBeLessThanOrEqual(lastStep + 2);
      expect(loss.map((point) => point.step)).toEqual(Array.from({ length: loss.length }, (_, i) => i));
      expect(accuracy.length).toBe(loss.length); // a step's metrics are written together or not at all
      const last = loss.length - 1;
      expect(reopened.tracking.run(runId)).toMatchObject({ status: 'RUNNING', params: { lr: '0.01' }, metrics: { loss: 1 / (last + 1) } });
      expect(reopened.tracking.markInterrupted()).toBe(1);
      expect(reopened.tracking.run(runId)).toMatchObject({ status: 'KILLED', endTime: expect.any(Number) });
    } finally {
      reopened.close();
      home.cleanup();
    }
  }, 60_000);
});
