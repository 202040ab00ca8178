import type { WorkbenchClient } from '../../../../../shared/client';
import type { KernelSession } from '../../../../../shared/contract';
import { inspectionText } from '../monaco/ansi';
import type { KernelBridge } from '../monaco/monaco-python';
import { fromCodePoints, toCodePoints } from './code-points';

/** Completion and help from the notebook's kernel while one runs; offsets in JavaScript units on this side. */
export function kernelBridge(client: WorkbenchClient, currentSession: () => KernelSession | null): KernelBridge {
  const live = (): string | null => {
    const session = currentSession();
    return session && session.state !== 'dead' && session.state !== 'disconnected' ? session.sessionId : null;
  };
  return {
    async complete(code, cursor) {
      const sessionId = live();
      if (!sessionId) return null;
      const answer = await client.call('kernels.complete', { sessionId, code, cursor: toCodePoints(code, cursor) });
      return { matches: answer.matches, cursorStart: fromCodePoints(code, answer.cursorStart), cursorEnd: fromCodePoints(code, answer.cursorEnd) };
    },
    async inspect(code, cursor) {
      const sessionId = live();
      if (!sessionId) return null;
      const answer = await client.call('kernels.inspect', { sessionId, code, cursor: toCodePoints(code, cursor) });
      return answer.found ? inspectionText(answer.data) : null;
    },
  };
}
