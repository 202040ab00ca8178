import { describe, expect, it } from 'vitest';
import { chooseKernel, kernelspecOf, savedKernelName, type SpecsState } from './kernel-specs';

const ready: SpecsState = {
  status: 'ready',
  defaultName: 'python3',
  specs: [
    { name: 'python3', displayName: 'Python 3', language: 'python' },
    { name: 'ir', displayName: 'R', language: 'R' },
  ],
};

describe('choosing the kernel of a notebook', () => {
  it('reads the saved kernelspec name', () => {
    expect(savedKernelName({ kernelspec: { name: 'ir', display_name: 'R' } })).toBe('ir');
    expect(savedKernelName({})).toBeNull();
    expect(savedKernelName({ kernelspec: 'python3' })).toBeNull();
  });

  it("prefers the user's pick, then the notebook's kernel, then the server's default", () => {
    expect(chooseKernel('ir', 'python3', ready)).toEqual({ name: 'ir', warning: null });
    expect(chooseKernel(null, 'ir', ready)).toEqual({ name: 'ir', warning: null });
    expect(chooseKernel(null, null, ready)).toEqual({ name: 'python3', warning: null });
  });

  it('falls back to the default when the server lacks the saved kernel, and says so', () => {
    const choice = chooseKernel(null, 'julia-1.10', ready);
    expect(choice.name).toBe('python3');
    expect(choice.warning).toContain('julia-1.10');
    expect(chooseKernel(null, 'julia', { status: 'ready', defaultName: null, specs: [] })).toEqual({ name: null, warning: 'This server has no "julia" kernel, nor any other.' });
  });

  it('trusts the saved name while the specs are unknown', () => {
    expect(chooseKernel(null, 'julia', { status: 'loading' })).toEqual({ name: 'julia', warning: null });
  });

  it('writes kernelspec metadata as Jupyter does', () => {
    expect(kernelspecOf({ name: 'python3', displayName: 'Python 3', language: 'python' })).toEqual({ name: 'python3', display_name: 'Python 3', language: 'python' });
  });
});
