#!/usr/bin/env node
// The `workbench` command. The CLI is TypeScript built by `npm run build` (npm ci runs it too).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('workbench: not built yet; run `npm run build` in the ML Workbench folder first.\n');
  process.exit(2);
}
await import(pathToFileURL(cli).href);
