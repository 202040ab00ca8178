/**
 * The servers under test, in a process of their own (the load generator
 * must not share their event loop): the workbench's model server, started by
 * a real backend on the bench's workspace, and the floor on the same ONNX file.
 * Prints one JSON line with both URLs; stops on SIGTERM.
 *
 *   node --import tsx bench/serve/servers.ts WORKSPACE APP_HOME MODEL_URI
 */
import { join } from 'node:path';
import { createBackend } from '../../electron/backend';
import { silentLogger } from '../../electron/log';
import { readPackage } from '../../electron/packaging';
import { resourcesDir } from '../../test/helpers';
import { startFloorServer } from './floor';

const [workspace, appHome, uri] = process.argv.slice(2);
if (!workspace || !appHome || !uri) throw new Error('usage: servers.ts WORKSPACE APP_HOME MODEL_URI');

const backend = createBackend({ mode: 'server', appHome, sampleDir: join(appHome, 'sample'), resourcesDir, log: silentLogger, background: false });
backend.workspace.open(workspace);
const { server } = await backend.serving.start({ models: [{ uri }] });
const { onnxFile } = await readPackage(backend.registry.resolve(uri).packageDir);
const floor = await startFloorServer(onnxFile);
process.stdout.write(`${JSON.stringify({ workbench: server.url, floor: floor.url, version: server.models[0]?.version })}\n`);
process.once('SIGTERM', () => {
  void floor
    .close()
    .then(() => backend.close())
    .then(() => process.exit(0));
});
