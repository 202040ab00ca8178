import type { KernelSession } from '../../../../../shared/contract';
import type { SpecsState } from '../kernel/kernel-specs';
import type { KernelAction } from '../kernel/use-kernel';

interface Props {
  specs: SpecsState;
  /** The kernel a run would start (or runs). */
  kernelName: string | null;
  warning: string | null;
  session: KernelSession | null;
  pending: KernelAction | null;
  onPick: (name: string) => void;
  onStart: () => void;
  onInterrupt: () => void;
  onRestart: () => void;
  onShutdown: () => void;
  onReconnect: () => void;
}

type Shown = { label: string; tone: 'idle' | 'busy' | 'wait' | 'bad' | 'off' };

/** The kernel's state in words, for the dot and its label; 'none' when no kernel runs. */
export function kernelState(session: KernelSession | null, pending: KernelAction | null): Shown {
  if (pending === 'starting') return { label: 'Starting', tone: 'wait' };
  if (!session) return { label: 'No kernel', tone: 'off' };
  switch (session.state) {
    case 'idle':
      return { label: 'Idle', tone: 'idle' };
    case 'busy':
      return { label: 'Busy', tone: 'busy' };
    case 'starting':
    case 'unknown':
      return { label: 'Starting', tone: 'wait' };
    case 'restarting':
    case 'autorestarting':
      return { label: 'Restarting', tone: 'wait' };
    case 'terminating':
      return { label: 'Shutting down', tone: 'wait' };
    case 'dead':
      return { label: 'Dead', tone: 'bad' };
    case 'disconnected':
      return { label: 'Disconnected', tone: 'bad' };
  }
}

/** The kernel picker, the kernel's state (always in view), and what can be done to it. */
export function KernelBar({ specs, kernelName, warning, session, pending, onPick, onStart, onInterrupt, onRestart, onShutdown, onReconnect }: Props) {
  const shown = kernelState(session, pending);
  const running = session !== null;
  const state = session?.state;
  const working = pending !== null;
  const options = specs.status === 'ready' ? specs.specs : [];
  const value = session?.kernelName ?? kernelName ?? '';
  return (
    <div className="nbv-kernel-bar" role="group" aria-label="Kernel">
      <label className="nbv-kernel-pick">
        <span>Kernel</span>
        <select value={value} onChange={(event) => onPick(event.target.value)} disabled={options.length === 0 || working} aria-label="Kernel">
          {options.length === 0 && <option value={value}>{value || (specs.status === 'loading' ? 'Loading…' : 'None available')}</option>}
          {options.map((spec) => (
            <option key={spec.name} value={spec.name}>
              {spec.displayName}
            </option>
          ))}
          {value && options.length > 0 && !options.some((s) => s.name === value) && <option value={value}>{value} (not on this server)</option>}
        </select>
      </label>
      <span className={`nbv-kernel-state nbv-tone-${shown.tone}`} data-testid="kernel-state" role="status" aria-label={`Kernel ${shown.label.toLowerCase()}`}>
        <span className="nbv-dot" aria-hidden="true" />
        {shown.label}
        {pending && pending !== 'starting' && <span className="nbv-soft"> · {pending}…</span>}
      </span>
      <span className="nbv-kernel-actions">
        {!running && (
          <button type="button" onClick={onStart} disabled={working || !kernelName}>
            Start kernel
          </button>
        )}
        {running && state !== 'dead' && state !== 'disconnected' && (
          <button type="button" onClick={onInterrupt} disabled={working || state !== 'busy'} title="Interrupt (I, I)">
            Interrupt
          </button>
        )}
        {running && state === 'disconnected' && (
          <button type="button" onClick={onReconnect} disabled={working}>
            Reconnect
          </button>
        )}
        {running && (
          <button type="button" onClick={onRestart} disabled={working} title="Restart: the kernel's variables are lost (0, 0)" className={state === 'dead' ? 'nbv-primary' : undefined}>
            Restart
          </button>
        )}
        {running && (
          <button type="button" onClick={onShutdown} disabled={working}>
            Shut down
          </button>
        )}
      </span>
      {specs.status === 'error' && <span className="nbv-warning">Kernels unavailable: {specs.message}</span>}
      {specs.status === 'none' && <span className="nbv-warning">No Jupyter server in use: start or connect one on the left.</span>}
      {warning && <span className="nbv-warning">{warning}</span>}
    </div>
  );
}
