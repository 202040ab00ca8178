import { describe, expect, it } from 'vitest';
import { loadOnce } from './load-once';

describe('loadOnce', () => {
  it('loads once and shares the module; after a failure it tries again', async () => {
    let calls = 0;
    const load = loadOnce(() => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('chunk failed')) : Promise.resolve({ calls });
    });
    await expect(load()).rejects.toThrow('chunk failed');
    const first = await load();
    expect(await load()).toBe(first);
    expect(calls).toBe(2);
  });
});
