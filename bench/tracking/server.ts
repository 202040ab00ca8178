/**
 * The server side of bench/tracking, in its own process as `workbench serve`
 * would be: `real HOME TOKEN` serves the workbench (backend, guard, MLflow API)
 * on a fresh workspace; `empty` answers every request with `{}` after reading
 * and parsing its JSON body (the HTTP and JSON baseline). Prints "url URL".
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { silentLogger } from '../../electron/log';

const root = resolve(import.meta.dirname, '..', '..');
const [mode, home, token] = process.argv.slice(2);

if (mode === 'real' && home && token) {
  // The build (electron-vite, vitest) defines the version; under tsx it is set here, before the backend loads.
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  Object.assign(globalThis, { __WORKBENCH_VERSION__: version });
  const { createBackend } = await import('../../electron/backend');
  const { startServer } = await import('../../electron/server');
  const workspace = join(home, 'ws');
  mkdirSync(workspace, { recursive: true });
  const backend = createBackend({ mode: 'server', appHome: join(home, 'app'), sampleDir: join(home, 'sample'), resourcesDir: join(root, 'resources'), log: silentLogger });
  backend.workspace.open(workspace);
  const server = await startServer({ backend, rendererDir: join(home, 'no-ui'), log: silentLogger, port: 0, token });
  process.stdout.write(`url ${server.url}\n`);
} else if (mode === 'empty') {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': 2 });
      response.end('{}');
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`url http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
} else {
  throw new Error('usage: server.ts real HOME TOKEN | empty');
}
