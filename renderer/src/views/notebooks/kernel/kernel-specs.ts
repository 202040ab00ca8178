import type { KernelSpec } from '../../../../../shared/contract';

/** The kernels the active Jupyter server offers, as the view loads them. */
export type SpecsState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; defaultName: string | null; specs: KernelSpec[] }
  | { status: 'error'; message: string };

export interface KernelChoice {
  /** The kernel a run starts, or null when there is none to pick. */
  name: string | null;
  /** Why the notebook's own kernel is not the one used, when it is not. */
  warning: string | null;
}

/** The notebook's kernelspec name from its metadata. */
export function savedKernelName(metadata: Record<string, unknown>): string | null {
  const spec = metadata.kernelspec;
  if (!spec || typeof spec !== 'object') return null;
  const name = (spec as Record<string, unknown>).name;
  return typeof name === 'string' && name ? name : null;
}

/**
 * The user's pick, else the notebook's saved kernel, else the server's
 * default; a saved kernel the server lacks falls back to the default, and says so.
 */
export function chooseKernel(picked: string | null, saved: string | null, specs: SpecsState): KernelChoice {
  const wanted = picked ?? saved;
  if (specs.status !== 'ready') return { name: wanted, warning: null };
  const has = (name: string | null): name is string => name !== null && specs.specs.some((s) => s.name === name);
  if (has(wanted)) return { name: wanted, warning: null };
  const fallback = has(specs.defaultName) ? specs.defaultName : (specs.specs[0]?.name ?? null);
  if (wanted === null) return { name: fallback, warning: null };
  const missing: string = wanted;
  return {
    name: fallback,
    warning: fallback ? `This server has no "${missing}" kernel; "${fallback}" runs instead.` : `This server has no "${missing}" kernel, nor any other.`,
  };
}

/** The kernelspec metadata Jupyter writes for a kernel. */
export function kernelspecOf(spec: KernelSpec): Record<string, unknown> {
  return { name: spec.name, display_name: spec.displayName, language: spec.language };
}
