import { describe, expect, it } from 'vitest';
import type { ModelServer } from '../../../../../shared/contract';
import { detectSwaps, recordSwaps, swapKey } from './swaps';

const server = (id: string, models: [string, number, number][]): ModelServer => ({
  id,
  host: '127.0.0.1',
  port: 5000,
  url: 'http://127.0.0.1:5000',
  tokenRequired: false,
  logDatasets: [],
  models: models.map(([name, version, loadedAt]) => ({ name, uri: `models:/${name}@champion`, version, loadedAt })),
  startedAt: 1,
  requests: 0,
  errors: 0,
});

describe('alias swaps', () => {
  it('sees a served model whose version changed between two reads', () => {
    const before = [server('a', [['churn', 1, 100], ['price', 4, 100]]), server('b', [['churn', 1, 100]])];
    const after = [server('a', [['churn', 2, 250], ['price', 4, 100]]), server('b', [['churn', 1, 100]]), server('c', [['churn', 2, 260]])];
    expect(detectSwaps(before, after, 999)).toEqual([{ serverId: 'a', model: 'churn', from: 1, to: 2, at: 250 }]);
  });

  it('keeps the latest swap per served model and forgets stopped servers', () => {
    let known = recordSwaps(new Map(), [{ serverId: 'a', model: 'churn', from: 1, to: 2, at: 10 }, { serverId: 'b', model: 'churn', from: 1, to: 2, at: 10 }], [server('a', []), server('b', [])]);
    known = recordSwaps(known, [{ serverId: 'a', model: 'churn', from: 2, to: 3, at: 20 }], [server('a', [])]);
    expect([...known.keys()]).toEqual([swapKey('a', 'churn')]);
    expect(known.get(swapKey('a', 'churn'))).toMatchObject({ from: 2, to: 3, at: 20 });
  });
});
