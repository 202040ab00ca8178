/**
 * A training process for the kill -9 test: opens the workspace given as
 * argv[2] (with the app's own files in argv[3]), starts a training run and logs one step after another, printing
 * "step N" once step N is committed, until it is killed.
 */
import { join } from 'node:path';
import { silentLogger } from '../../log';
import { createWorkspaceService } from '../../workspace';
import { createTrackingService } from '../service';

const [workspacePath, home] = process.argv.slice(2);
if (!workspacePath || !home) throw new Error('usage: metric-writer WORKSPACE APP_HOME');
const workspace = createWorkspaceService({ appHome: home, sampleDir: join(home, 'sample'), resourcesDir: home, log: silentLogger, onChange: () => undefined });
workspace.open(workspacePath);
const tracking = createTrackingService({ workspace, log: silentLogger, emit: () => undefined });
const run = tracking.createRun({ experimentId: '0', name: 'killed mid-run', status: 'RUNNING', tags: { 'workbench.source': 'training', 'workbench.pid': String(process.pid) } });
tracking.logParams(run.id, { lr: '0.01' });
process.stdout.write(`run ${run.id}\n`);

let step = 0;
const next = (): void => {
  // A step as training logs it: several metrics in one transaction.
  tracking.logMetrics(run.id, [
    { key: 'loss', value: 1 / (step + 1), step, timestamp: Date.now() },
    { key: 'accuracy', value: step / (step + 1), step, timestamp: Date.now() },
  ]);
  // Writes to a pipe are synchronous on Linux: the parent reads this only after the commit.
  process.stdout.write(`step ${step}\n`);
  step++;
  setImmediate(next);
};
next();
