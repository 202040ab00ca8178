import { describe, expect, it } from 'vitest';
import { displayIdOf, displayIdOfMessage, updateDisplay } from './display-updates';
import { applyKernelMessage } from './kernel-messages';
import type { NbOutput } from './nbformat';

const display = (text: string, displayId?: string) => ({
  type: 'display_data',
  content: { data: { 'text/plain': text }, metadata: {}, ...(displayId ? { transient: { display_id: displayId } } : {}) },
});
const update = (text: string, displayId: string) => ({ type: 'update_display_data', content: { data: { 'text/plain': text }, metadata: { updated: true }, transient: { display_id: displayId } } });

function cellWith(...messages: { type: string; content: Record<string, unknown> }[]): NbOutput[] {
  const pending = { clearOnNext: false };
  return messages.reduce<NbOutput[]>((outputs, message) => applyKernelMessage(outputs, message, pending).outputs, []);
}

describe('display updates', () => {
  it('remembers the display id of outputs built from messages, without storing transient', () => {
    const [output] = cellWith(display('x', 'd1'));
    expect(displayIdOf(output!)).toBe('d1');
    expect(output).not.toHaveProperty('transient');
    expect(displayIdOf(cellWith(display('y'))[0]!)).toBeNull();
  });

  it('names the display that update_display_data and display_data with a display id touch', () => {
    expect(displayIdOfMessage(update('x', 'd1'))).toBe('d1');
    expect(displayIdOfMessage(display('x', 'd2'))).toBe('d2');
    expect(displayIdOfMessage(display('x'))).toBeNull();
    expect(displayIdOfMessage({ type: 'stream', content: { transient: { display_id: 'd3' } } })).toBeNull();
  });

  it('updates every output with that display id in every cell, and leaves other cells untouched', () => {
    const cellA = cellWith(display('a1', 'd1'), display('other'));
    const cellB = cellWith(display('b1', 'd1'));
    const cellC = cellWith(display('c', 'd2'));
    const message = update('new', 'd1');
    const displayId = displayIdOfMessage(message)!;
    const [a, b, c] = [cellA, cellB, cellC].map((outputs) => updateDisplay(outputs, displayId, message.content));
    expect(a![0]).toEqual({ output_type: 'display_data', data: { 'text/plain': 'new' }, metadata: { updated: true } });
    expect(a![1]).toBe(cellA[1]);
    expect(b![0]!.data).toEqual({ 'text/plain': 'new' });
    expect(c).toBe(cellC);
    // Updated outputs can be updated again.
    expect(displayIdOf(a![0]!)).toBe('d1');
    expect(updateDisplay(a!, 'd1', update('newer', 'd1').content)[0]!.data).toEqual({ 'text/plain': 'newer' });
  });

  it('keeps the output type and execution count of an updated execute_result', () => {
    const outputs = cellWith({ type: 'execute_result', content: { data: { 'text/plain': '1' }, metadata: {}, execution_count: 5, transient: { display_id: 'r' } } });
    const [updated] = updateDisplay(outputs, 'r', { data: { 'text/plain': '2' }, metadata: {} });
    expect(updated).toEqual({ output_type: 'execute_result', data: { 'text/plain': '2' }, metadata: {}, execution_count: 5 });
  });

  it('applies update_display_data to its own cell through applyKernelMessage too', () => {
    const outputs = cellWith(display('old', 'd1'), update('new', 'd1'));
    expect(outputs).toEqual([{ output_type: 'display_data', data: { 'text/plain': 'new' }, metadata: { updated: true } }]);
  });

  it('a display_data reusing a display id updates the earlier display and is added too', () => {
    const outputs = cellWith(display('first', 'd1'), display('second', 'd1'));
    expect(outputs.map((o) => o.data)).toEqual([{ 'text/plain': 'second' }, { 'text/plain': 'second' }]);
  });

  it('gives the same result whether the editor updates all cells before or after the cell adds the display', () => {
    const earlier = cellWith(display('first', 'd1'));
    const message = display('second', 'd1');
    const before = applyKernelMessage(updateDisplay(earlier, 'd1', message.content), message, { clearOnNext: false }).outputs;
    const after = updateDisplay(applyKernelMessage(earlier, message, { clearOnNext: false }).outputs, 'd1', message.content);
    expect(before).toEqual(after);
    expect(before).toHaveLength(2);
  });

  it('forgets the display id of copied outputs, as Jupyter does after a reload', () => {
    const copied = structuredClone(cellWith(display('x', 'd1')));
    expect(updateDisplay(copied, 'd1', update('y', 'd1').content)).toBe(copied);
  });
});
