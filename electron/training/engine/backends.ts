import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from '../../../shared/contract';

/**
 * Loading each TF.js backend, inside the engine's worker. The native
 * TensorFlow packages are optional dependencies: they are imported by a name
 * held in a variable so that neither TypeScript nor the bundler needs them.
 */

export interface LoadedBackend {
  name: BackendName;
  device: string;
}

const resolver = createRequire(import.meta.url);

export async function loadBackend(name: BackendName): Promise<LoadedBackend> {
  switch (name) {
    case 'tensorflow-gpu':
      await importOptional('@tensorflow/tfjs-node-gpu');
      await activate('tensorflow');
      return { name, device: 'GPU (CUDA, libtensorflow)' };
    case 'tensorflow':
      await importOptional('@tensorflow/tfjs-node');
      await activate('tensorflow');
      return { name, device: 'CPU (libtensorflow)' };
    case 'webgpu':
      return { name, device: await loadWebGpu() };
    case 'wasm': {
      // Emscripten reads the .wasm files from disk in Node; point it at the package's own copies.
      setWasmPaths(`${join(dirname(resolver.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`);
      await activate('wasm');
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      // TF.js turns wasm threads off under Node (tensorflow/tfjs#3830): one thread.
      return { name, device: `CPU (WebAssembly${simd ? ' SIMD' : ''}, 1 thread)` };
    }
    case 'cpu':
      await activate('cpu');
      return { name, device: 'CPU (JavaScript)' };
  }
}

async function importOptional(specifier: string): Promise<void> {
  try {
    await import(/* @vite-ignore */ specifier);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw new Error(`${specifier} is not installed`, { cause: error });
    throw new Error(`${specifier} did not load: ${(error as Error).message}`, { cause: error });
  }
}

async function activate(backend: string): Promise<void> {
  if (!tf.findBackendFactory(backend)) throw new Error(`TF.js has no "${backend}" backend registered`);
  // setBackend answers false (and logs) when the backend's initialisation fails.
  if (!(await tf.setBackend(backend))) throw new Error(`the ${backend} backend failed to initialise`);
  await tf.ready();
  // A first kernel proves the backend can run, not just load.
  const check = tf.tidy(() => tf.sum(tf.add(tf.tensor1d([1, 2]), 1)));
  const value = (await check.data())[0];
  check.dispose();
  if (value !== 5) throw new Error(`the ${backend} backend computed 1 + 2 + 2 = ${value}`);
}

interface GpuAdapter {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
}
interface Gpu {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapter | null>;
}
interface DawnModule {
  create(flags: string[]): Gpu;
  globals: object;
}

/** Dawn through the `webgpu` package: Vulkan, Metal or D3D12, whichever the machine has. */
async function loadWebGpu(): Promise<string> {
  const specifier = 'webgpu';
  const dawn = (await import(/* @vite-ignore */ specifier)) as DawnModule;
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('Dawn found no GPU adapter (no Vulkan, Metal or D3D12 device)');
  // TF.js's webgpu backend looks for navigator.gpu; Node 21+ has a navigator without one.
  const holder = (globalThis as { navigator?: object }).navigator;
  if (holder) Object.defineProperty(holder, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
  await import(/* @vite-ignore */ '@tensorflow/tfjs-backend-webgpu');
  await activate('webgpu');
  const { vendor, architecture, device, description } = adapter.info ?? {};
  const label = [description, vendor, architecture, device].filter((part) => part && part.length > 0);
  return `GPU (WebGPU on Dawn${label.length > 0 ? `: ${[...new Set(label)].join(', ')}` : ''})`;
}
