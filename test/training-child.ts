/**
 * A workbench process for the kill -9 test: opens the workspace given as
 * argv[2], queues a long training and a short one, prints "ready <queueId>
 * <runId>" once the long one has logged an epoch, then waits to be killed.
 */
import { join } from 'node:path';
import { trainSpecSchema } from '../shared/contract';
import { createBackend } from '../electron/backend';
import { silentLogger } from '../electron/log';
import { toySpec } from '../electron/training/training-test-kit';
import { resourcesDir } from './helpers';

const [workspace, home, dataset] = process.argv.slice(2);
if (!workspace || !home || !dataset) throw new Error('usage: training-child WORKSPACE HOME DATASET');
const backend = createBackend({ mode: 'server', appHome: join(home, 'app'), sampleDir: join(home, 'sample'), resourcesDir, log: silentLogger });
backend.workspace.open(workspace);
const long = backend.training.start(trainSpecSchema.parse(toySpec(dataset, { importance: false, settings: { epochs: 1000, batchSize: 8, seed: 1 } })), { jobName: null, trigger: 'manual' });
const short = backend.training.start(trainSpecSchema.parse(toySpec(dataset, { importance: false, settings: { epochs: 2, batchSize: 32, seed: 1 } })), { jobName: null, trigger: 'manual' });
const timer = setInterval(() => {
  if ((backend.tracking.metricHistory(long.runId, ['loss']).loss?.length ?? 0) >= 2) {
    clearInterval(timer);
    process.stdout.write(`ready ${long.id} ${long.runId} ${short.id} ${short.runId}\n`);
  }
}, 20);
