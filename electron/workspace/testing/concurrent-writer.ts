// Run as its own process by store.test.ts: opens (and if need be creates and
// migrates) the store at argv[2], then records argv[3] jobs, one transaction each.
import { openStore } from '../store';
import { silentLogger } from '../../log';

const [stateDir, count, tag] = process.argv.slice(2);
if (!stateDir || !count || !tag) throw new Error('usage: concurrent-writer STATE_DIR COUNT TAG');
const store = openStore(stateDir, { log: silentLogger });
for (let i = 0; i < Number(count); i++) {
  const now = new Date().toISOString();
  store.recordJob({
    id: `${tag}-${i}`,
    procedure: 'test.write',
    title: 'write',
    state: 'succeeded',
    progress: { fraction: 1, message: '', etaSeconds: null },
    startedAt: now,
    finishedAt: now,
  });
}
store.close();
