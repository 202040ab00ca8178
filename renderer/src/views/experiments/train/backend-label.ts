import type { BackendName } from '../../../../../shared/contract';

const backendLabels: Record<BackendName, string> = {
  'tensorflow-gpu': 'TensorFlow GPU (CUDA)',
  webgpu: 'WebGPU',
  tensorflow: 'TensorFlow (native CPU)',
  wasm: 'WebAssembly',
  cpu: 'JavaScript CPU',
};

/** A backend's name for people; a name this version does not know (from a newer run) as it is. */
export function backendLabel(name: string): string {
  return name in backendLabels ? backendLabels[name as BackendName] : name;
}
