import { describe, expect, it } from 'vitest';
import { applyKernelMessage, type PendingClear } from './kernel-messages';
import type { NbOutput } from './nbformat';
import { displayText } from './stream-text';

function run(messages: { type: string; content: Record<string, unknown> }[], start: NbOutput[] = []) {
  const pending: PendingClear = { clearOnNext: false };
  let outputs = start;
  let executionCount: number | null | undefined;
  for (const message of messages) {
    const result = applyKernelMessage(outputs, message, pending);
    outputs = result.outputs;
    if ('executionCount' in result) executionCount = result.executionCount;
  }
  return { outputs, executionCount, pending };
}

const stdout = (text: string) => ({ type: 'stream', content: { name: 'stdout', text } });
const stderr = (text: string) => ({ type: 'stream', content: { name: 'stderr', text } });

describe('applyKernelMessage: streams', () => {
  it('merges consecutive chunks of the same stream into one output', () => {
    const { outputs } = run([stdout('a\n'), stdout('b\n'), stdout('c')]);
    expect(outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'a\nb\nc' }]);
  });

  it('keeps stdout and stderr apart, and merges only with the last output', () => {
    const { outputs } = run([stdout('1\n'), stderr('warn\n'), stdout('2\n')]);
    expect(outputs.map((o) => [o.name, o.text])).toEqual([
      ['stdout', '1\n'],
      ['stderr', 'warn\n'],
      ['stdout', '2\n'],
    ]);
  });

  it('overwrites the current line on \\r, across chunks, like a tqdm progress bar', () => {
    const { outputs } = run([stdout('epoch 1\n'), stdout('\r 10%|#   |'), stdout('\r 50%|##  |'), stdout('\r100%|####|'), stdout('\ndone\n')]);
    expect(outputs[0]!.text).toBe('epoch 1\n100%|####|\ndone\n');
  });

  it('overwrites only as many characters as the new text has', () => {
    expect(displayText(run([stdout('abcdef\rXY\n')]).outputs[0]!.text as string)).toBe('XYcdef\n');
    expect(displayText(run([stdout('abcdef\rXY')]).outputs[0]!.text as string)).toBe('XYcdef');
  });

  it('goes on overwriting where the last chunk stopped, when a redraw is split between chunks', () => {
    const { outputs } = run([stdout('progress 10%'), stdout('\rprog'), stdout('ress 20'), stdout('%')]);
    expect(displayText(outputs[0]!.text as string)).toBe('progress 20%');
  });

  it('keeps a trailing \\r so the next chunk overwrites the line', () => {
    const first = run([stdout('loading 1/3\r')]);
    expect(first.outputs[0]!.text).toBe('loading 1/3\r');
    expect(displayText(run([stdout('loading 1/3\r'), stdout('loading 3/3')]).outputs[0]!.text as string)).toBe('loading 3/3');
  });

  it('treats \\r\\n as a newline', () => {
    expect(run([stdout('a\r\nb\r\n')]).outputs[0]!.text).toBe('a\nb\n');
  });

  it('deletes the character before \\b, also across chunks, never a newline', () => {
    expect(run([stdout('abc'), stdout('\b\bX')]).outputs[0]!.text).toBe('aX');
    expect(run([stdout('line\n\bnext')]).outputs[0]!.text).toBe('line\nnext');
  });

  it('accepts text as a list of lines, as .ipynb files store it', () => {
    const start: NbOutput[] = [{ output_type: 'stream', name: 'stdout', text: ['a\n', 'b\n'] }];
    expect(run([stdout('c\n')], start).outputs[0]!.text).toBe('a\nb\nc\n');
  });

  it('never mutates the outputs it is given', () => {
    const start: NbOutput[] = Object.freeze([Object.freeze({ output_type: 'stream', name: 'stdout', text: 'a' })]) as unknown as NbOutput[];
    const { outputs } = run([stdout('b'), { type: 'clear_output', content: { wait: false } }], start);
    expect(start).toEqual([{ output_type: 'stream', name: 'stdout', text: 'a' }]);
    expect(outputs).toEqual([]);
  });

  it('keeps the identity of outputs it did not change', () => {
    const image: NbOutput = { output_type: 'display_data', data: { 'text/plain': 'x' }, metadata: {} };
    const { outputs } = run([stdout('a'), stdout('b')], [image]);
    expect(outputs[0]).toBe(image);
  });
});

describe('applyKernelMessage: rich outputs', () => {
  it('appends display_data and execute_result without transient, and execute_result gives the execution count', () => {
    const { outputs, executionCount } = run([
      { type: 'display_data', content: { data: { 'text/plain': 'shown' }, metadata: { a: 1 }, transient: { display_id: 'd1' } } },
      { type: 'execute_result', content: { data: { 'text/plain': '42' }, metadata: {}, execution_count: 7, transient: {} } },
    ]);
    expect(outputs).toEqual([
      { output_type: 'display_data', data: { 'text/plain': 'shown' }, metadata: { a: 1 } },
      { output_type: 'execute_result', data: { 'text/plain': '42' }, metadata: {}, execution_count: 7 },
    ]);
    expect(outputs.some((o) => 'transient' in o)).toBe(false);
    expect(executionCount).toBe(7);
  });

  it('appends errors with their traceback', () => {
    const { outputs } = run([{ type: 'error', content: { ename: 'ValueError', evalue: 'bad', traceback: ['\u001b[31mTraceback\u001b[0m', 'ValueError: bad'] } }]);
    expect(outputs).toEqual([{ output_type: 'error', ename: 'ValueError', evalue: 'bad', traceback: ['\u001b[31mTraceback\u001b[0m', 'ValueError: bad'] }]);
  });

  it('takes the execution count from execute_input and the reply, and ignores unknown types', () => {
    expect(run([{ type: 'execute_input', content: { code: 'x', execution_count: 3 } }]).executionCount).toBe(3);
    expect(run([{ type: 'reply', content: { status: 'ok', execution_count: 4 } }]).executionCount).toBe(4);
    expect(run([{ type: 'execute_input', content: { code: 'x', execution_count: null } }]).executionCount).toBeNull();
    const start: NbOutput[] = [{ output_type: 'stream', name: 'stdout', text: 'kept' }];
    const result = applyKernelMessage(start, { type: 'comm_open', content: { comm_id: 'c' } }, { clearOnNext: false });
    expect(result.outputs).toBe(start);
    expect('executionCount' in result).toBe(false);
  });
});

describe('applyKernelMessage: clear_output', () => {
  const start: NbOutput[] = [{ output_type: 'stream', name: 'stdout', text: 'old\n' }];

  it('clears at once when wait is false', () => {
    const { outputs, pending } = run([{ type: 'clear_output', content: { wait: false } }], start);
    expect(outputs).toEqual([]);
    expect(pending.clearOnNext).toBe(false);
  });

  it('with wait, keeps the outputs until the next output arrives, then replaces them', () => {
    const waiting = run([{ type: 'clear_output', content: { wait: true } }], start);
    expect(waiting.outputs).toBe(start);
    expect(waiting.pending.clearOnNext).toBe(true);
    const { outputs, pending } = run([{ type: 'clear_output', content: { wait: true } }, stdout('new\n')], start);
    // The new chunk does not merge into the cleared stream.
    expect(outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'new\n' }]);
    expect(pending.clearOnNext).toBe(false);
  });

  it('with wait, is not triggered by messages that add no output', () => {
    const { outputs } = run([{ type: 'clear_output', content: { wait: true } }, { type: 'execute_input', content: { execution_count: 1 } }], start);
    expect(outputs).toBe(start);
  });

  it('animates: each frame replaces the last', () => {
    const frame = (n: number) => [
      { type: 'clear_output', content: { wait: true } },
      { type: 'display_data', content: { data: { 'text/plain': `frame ${n}` }, metadata: {} } },
    ];
    const { outputs } = run([...frame(1), ...frame(2), ...frame(3)]);
    expect(outputs).toEqual([{ output_type: 'display_data', data: { 'text/plain': 'frame 3' }, metadata: {} }]);
  });
});
