import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KernelMessage, KernelSession } from '../../shared/contract';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { failure, resourcesDir, waitFor } from '../../test/helpers';
import { join } from 'node:path';

/** Against a real Jupyter server (Debian's jupyter-server and python3-ipykernel), started by the workbench. */
describe('kernels on a local Jupyter server', () => {
  let t: TestBackend;
  let session: KernelSession;
  const messages: KernelMessage[] = [];
  const states: string[] = [];
  let counter = 0;

  /** Runs code and answers the messages of that request, once its reply came. */
  const run = async (code: string, timeoutMs = 30_000): Promise<KernelMessage[]> => {
    const requestId = `r${++counter}`;
    await t.client.call('kernels.execute', { sessionId: session.sessionId, code, requestId });
    await waitFor(() => messages.some((m) => m.requestId === requestId && m.type === 'reply'), timeoutMs, `the reply to ${code}`);
    return messages.filter((m) => m.requestId === requestId);
  };
  const replyOf = (list: KernelMessage[]): Record<string, unknown> => list.find((m) => m.type === 'reply')?.content ?? {};

  beforeAll(async () => {
    t = await openTestBackend();
    t.client.on('kernels.message', (m) => messages.push(m));
    t.client.on('kernels.status', (s) => states.push(s.state));
    const server = await t.client.runJob('jupyter.startLocal', {});
    expect(server).toMatchObject({ kind: 'local', state: 'running', hasToken: true, tokenSaved: false });
    const specs = await t.client.call('kernels.specs', {});
    expect(specs.specs.map((s) => s.name)).toContain('python3');
    session = await t.client.call('kernels.start', { path: 'analysis.ipynb', kernelName: 'python3' });
    await waitFor(() => states.includes('idle'), 30_000, 'the kernel to be idle');
  }, 90_000);

  afterAll(async () => {
    await t.close();
  }, 30_000);

  it('answers the same session for the same notebook', async () => {
    const again = await t.client.call('kernels.start', { path: 'analysis.ipynb', kernelName: 'python3' });
    expect(again.sessionId).toBe(session.sessionId);
    expect((await t.client.call('kernels.list', {})).map((s) => s.path)).toEqual(['analysis.ipynb']);
  });

  it('streams stdout and stderr in the order they were written, then a result and the reply', async () => {
    const got = await run('import sys\nprint("one", flush=True)\nprint("two", file=sys.stderr, flush=True)\nprint("three", flush=True)\n6 * 7');
    const streams = got.filter((m) => m.type === 'stream').map((m) => `${String(m.content.name)}:${String(m.content.text)}`);
    expect(streams.join('')).toBe('stdout:one\nstderr:two\nstdout:three\n');
    const result = got.find((m) => m.type === 'execute_result');
    expect((result?.content.data as Record<string, unknown>)['text/plain']).toBe('42');
    expect(got.at(-1)?.type).toBe('reply');
    expect(replyOf(got)).toMatchObject({ status: 'ok' });
    expect(result?.content.execution_count).toBe(replyOf(got).execution_count);
  });

  it('passes rich output on: a matplotlib figure as PNG, HTML from pandas', async () => {
    const figure = await run('import matplotlib\nmatplotlib.use("module://matplotlib_inline.backend_inline")\nimport matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()', 60_000);
    const png = figure.find((m) => m.type === 'display_data' && 'image/png' in (m.content.data as object));
    expect(png, JSON.stringify(figure.map((m) => [m.type, m.content.ename ?? Object.keys((m.content.data as object | undefined) ?? {})]))).toBeDefined();
    expect(Buffer.from(String((png?.content.data as Record<string, unknown>)['image/png']), 'base64').subarray(1, 4).toString()).toBe('PNG');
    const display = await run('from IPython.display import display, HTML\nh = display(HTML("<b>first</b>"), display_id=True)\nh.update(HTML("<b>second</b>"))');
    expect(display.find((m) => m.type === 'display_data')?.content.transient).toMatchObject({ display_id: expect.any(String) as string });
    expect((display.find((m) => m.type === 'update_display_data')?.content.data as Record<string, unknown>)['text/html']).toBe('<b>second</b>');
    // An update from a later cell reaches the UI too (it belongs to no running request of the display's).
    const later = await run('h.update(HTML("<b>third</b>"))');
    const update = later.find((m) => m.type === 'update_display_data') ?? messages.find((m) => m.type === 'update_display_data' && JSON.stringify(m.content).includes('third'));
    expect((update?.content.data as Record<string, unknown> | undefined)?.['text/html']).toBe('<b>third</b>');
    expect(messages.filter((m) => m.type === 'update_display_data' && JSON.stringify(m.content).includes('third'))).toHaveLength(1);
  }, 90_000);

  it('reports an exception with its traceback and an error reply', async () => {
    const got = await run('def f():\n    raise ValueError("bad value")\nf()');
    const error = got.find((m) => m.type === 'error');
    expect(error?.content).toMatchObject({ ename: 'ValueError', evalue: 'bad value' });
    // eslint-disable-next-line no-control-regex -- the traceback is ANSI-coloured
    const plain = (error?.content.traceback as string[]).join('\n').replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).toContain('raise ValueError("bad value")');
    expect(replyOf(got)).toMatchObject({ status: 'error', ename: 'ValueError' });
  });

  it('completes and inspects from the kernel', async () => {
    await run('import os');
    const completion = await t.client.call('kernels.complete', { sessionId: session.sessionId, code: 'os.pa', cursor: 5 });
    expect(completion.matches.some((m) => m.endsWith('path'))).toBe(true);
    expect(completion.cursorEnd).toBe(5);
    const help = await t.client.call('kernels.inspect', { sessionId: session.sessionId, code: 'len', cursor: 3 });
    expect(help.found).toBe(true);
    expect(String(help.data['text/plain'])).toContain('len');
  });

  it('loads a dataset from the Data view into pandas, dirty values missing as the workbench read them', async () => {
    const added = await t.client.runJob('data.add', { path: join(resourcesDir, 'sample-data', 'telco-customer-churn.csv'), name: 'churn' });
    const { code, variable } = await t.client.call('notebooks.datasetCell', { datasetId: added.datasets[0]?.id ?? '' });
    expect(variable).toBe('churn');
    expect(replyOf(await run(code, 60_000))).toMatchObject({ status: 'ok' });
    const check = await run('print(churn.shape, churn["TotalCharges"].dtype, int(churn["TotalCharges"].isna().sum()))');
    expect(check.filter((m) => m.type === 'stream').map((m) => String(m.content.text)).join('')).toBe('(7043, 21) float64 11\n');
  }, 90_000);

  it('interrupts a long cell, then restarts the kernel, which forgets its variables', async () => {
    await run('kept = 1');
    const requestId = 'sleeper';
    await t.client.call('kernels.execute', { sessionId: session.sessionId, code: 'import time\ntime.sleep(60)', requestId });
    await waitFor(() => messages.some((m) => m.requestId === requestId && m.type === 'execute_input'), 10_000, 'the sleep to start');
    const began = Date.now();
    await t.client.call('kernels.interrupt', { sessionId: session.sessionId });
    await waitFor(() => messages.some((m) => m.requestId === requestId && m.type === 'reply'), 15_000, 'the interrupted reply');
    expect(Date.now() - began).toBeLessThan(15_000);
    expect(messages.find((m) => m.requestId === requestId && m.type === 'error')?.content.ename).toBe('KeyboardInterrupt');

    states.length = 0;
    await t.client.call('kernels.restart', { sessionId: session.sessionId });
    await waitFor(() => states.includes('idle'), 30_000, 'idle after the restart');
    expect(states[0]).toBe('restarting');
    const after = await run('kept');
    expect(after.find((m) => m.type === 'error')?.content.ename).toBe('NameError');
  }, 60_000);

  it('ends the cell of a kernel that dies mid-cell with an error, shows the restart, and runs again after it', async () => {
    await run('kept = 2');
    states.length = 0;
    const died = await run('import os\nos._exit(1)', 60_000);
    expect(replyOf(died)).toMatchObject({ status: 'error' });
    await waitFor(() => states.includes('idle'), 60_000, `idle after the automatic restart (states: ${states.join(', ')})`);
    expect(states.some((s) => s === 'autorestarting' || s === 'restarting' || s === 'dead')).toBe(true);
    expect((await run('kept')).find((m) => m.type === 'error')?.content.ename).toBe('NameError');
  }, 90_000);

  it('says clearly when the server goes away, and works again on a new one', async () => {
    const before = await t.client.call('jupyter.status', {});
    const local = before.servers.find((s) => s.kind === 'local');
    expect(local?.pid).toBeGreaterThan(0);
    process.kill(local?.pid ?? 0, 'SIGKILL');
    await waitFor(() => states.at(-1) === 'disconnected', 60_000, 'the kernel to show disconnected');
    const status = await t.client.call('jupyter.status', {});
    expect(status.servers.find((s) => s.id === local?.id)).toMatchObject({ state: 'failed' });
    const refused = await failure(t.client.call('kernels.execute', { sessionId: session.sessionId, code: '1', requestId: 'late' }));
    expect(refused.code).toBe('jupyter_unreachable');
    expect((await failure(t.client.call('kernels.specs', {}))).code).toBe('jupyter_unreachable');

    // The way back: a new server, a new kernel.
    await t.client.call('kernels.shutdown', { sessionId: session.sessionId });
    await t.client.runJob('jupyter.startLocal', {});
    session = await t.client.call('kernels.start', { path: 'analysis.ipynb', kernelName: 'python3' });
    expect(replyOf(await run('1 + 1'))).toMatchObject({ status: 'ok' });
  }, 120_000);
});
