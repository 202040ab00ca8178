/**
 * One model server for bench/serve/logging.ts, in a process of its own (so
 * that neither setting's JIT feedback, garbage or background work lands in the
 * other's samples): the workspace's models:/churn@champion, with the inference
 * log on (the default) or off. Prints its URL; stops on SIGTERM (the log's
 * last rows are written first).
 *
 *   node --import tsx bench/serve/logging-server.ts WORKSPACE APP_HOME MODEL_URI on|off
 */
import { join } from 'node:path';
import { createBackend } from '../../electron/backend';
import { silentLogger } from '../../electron/log';
import { resourcesDir } from '../../test/helpers';

const [workspace, appHome, uri, setting] = process.argv.slice(2);
if (!workspace || !appHome || !uri || (setting !== 'on' && setting !== 'off')) throw new Error('usage: logging-server.ts WORKSPACE APP_HOME MODEL_URI on|off');

const backend = createBackend({ mode: 'server', appHome, sampleDir: join(appHome, 'sample'), resourcesDir, log: silentLogger, background: false });
backend.workspace.open(workspace);
const { server } = await backend.serving.start({ models: [{ uri }], inferenceLog: setting === 'on' });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.once('SIGTERM', () => {
  void backend.close().then(() => process.exit(0));
});
