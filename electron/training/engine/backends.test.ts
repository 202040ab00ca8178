import { describe, expect, it } from 'vitest';
import { backendNames } from '../../../shared/contract';
import { failure } from '../../../test/helpers';
import { separable, settings } from './engine-test-data';
import { createTrainer, listBackends } from './index';
import { liveWorkerCount } from './worker-host';

describe('backends', () => {
  it('lists every backend in auto order, probed once, with a device or a reason', async () => {
    const before = liveWorkerCount();
    const backends = await listBackends();
    expect(backends.map((info) => info.name)).toEqual([...backendNames]);
    for (const info of backends) {
      if (info.available) expect(info.device).not.toBe('');
      else expect(info.reason).toMatch(/.+/);
    }
    const byName = Object.fromEntries(backends.map((info) => [info.name, info]));
    expect(byName.cpu).toMatchObject({ available: true, device: 'CPU (JavaScript)' });
    expect(byName.wasm).toMatchObject({ available: true });
    expect(byName.wasm?.device).toMatch(/^CPU \(WebAssembly/);
    // The native TensorFlow packages are optional dependencies that do not install on this machine.
    expect(byName.tensorflow).toMatchObject({ available: false, reason: '@tensorflow/tfjs-node is not installed' });
    expect(byName['tensorflow-gpu']).toMatchObject({ available: false, reason: '@tensorflow/tfjs-node-gpu is not installed' });
    // Cached: the same answer without another probe worker; the probe's worker is gone.
    expect(await listBackends()).toBe(backends);
    expect(liveWorkerCount()).toBe(before);
  });

  it('a named backend that does not load is refused with the reason', async () => {
    const error = await failure(createTrainer({ backend: 'tensorflow' }));
    expect(error.code).toBe('backend_unavailable');
    expect(error.message).toBe('The tensorflow backend could not be loaded (tensorflow: @tensorflow/tfjs-node is not installed).');
  });

  it('auto takes the first available backend, and the pure JavaScript cpu backend trains too', async () => {
    const first = (await listBackends()).find((info) => info.available)!;
    const auto = await createTrainer({ backend: 'auto' });
    const cpu = await createTrainer({ backend: 'cpu' });
    try {
      expect([auto.backend, auto.device]).toEqual([first.name, first.device]);
      expect(cpu.backend).toBe('cpu');
      const train = separable(200, 3);
      const summary = await cpu.fit(
        { task: 'binary', classes: 2, algorithm: { kind: 'mlp', hiddenLayers: [8], activation: 'elu', dropout: 0, l2: 0 }, settings: settings({ epochs: 5 }), train, validation: train },
        { signal: new AbortController().signal },
      );
      expect(summary.history[4]!.metrics.val_accuracy).toBeGreaterThan(0.9);
    } finally {
      await Promise.all([auto.dispose(), cpu.dispose()]);
    }
  });
});
