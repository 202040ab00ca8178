/**
 * The servers for bench/serve/logging.ts, in a process of their own: two
 * workbench model servers on one backend and the same model, one with the
 * inference log on (the default) and one with it off. Prints one JSON line
 * with both URLs; stops on SIGTERM (the log's last rows are written first).
 *
 *   node --import tsx bench/serve/logging-servers.ts WORKSPACE APP_HOME MODEL_URI
 */
import { join } from 'node:path';
import { createBackend } from '../../electron/backend';
import { silentLogger } from '../../electron/log';
import { resourcesDir } from '../../test/helpers';

const [workspace, appHome, uri] = process.argv.slice(2);
if (!workspace || !appHome || !uri) throw new Error('usage: logging-servers.ts WORKSPACE APP_HOME MODEL_URI');

const backend = createBackend({ mode: 'server', appHome, sampleDir: join(appHome, 'sample'), resourcesDir, log: silentLogger, background: false });
backend.workspace.open(workspace);
const on = await backend.serving.start({ models: [{ uri }], inferenceLog: true });
const off = await backend.serving.start({ models: [{ uri }], inferenceLog: false });
process.stdout.write(`${JSON.stringify({ on: on.server.url, off: off.server.url })}\n`);
process.once('SIGTERM', () => {
  void backend.close().then(() => process.exit(0));
});
