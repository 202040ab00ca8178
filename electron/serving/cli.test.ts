import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestBackend } from '../../test/backend';
import { repoRoot } from '../../test/helpers';
import { expected, post, ROWS, servingBackend, V1 } from './testing';

/** `workbench models serve ...` from the sources, in a child process, with its own app home. */
function workbench(args: string[], home: string): { lines: string[]; stderr: () => string; exited: Promise<number | null>; kill: (signal: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'electron/cli/index.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, WORKBENCH_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (part: string) => {
    stdout += part;
    const parts = stdout.split('\n');
    stdout = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.setEncoding('utf8').on('data', (part: string) => (stderr += part));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { lines, stderr: () => stderr, exited, kill: (signal) => child.kill(signal) };
}

async function firstLine(run: ReturnType<typeof workbench>): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (run.lines.length === 0) {
    if (Date.now() > deadline) throw new Error(`no output; stderr: ${run.stderr()}`);
    const exited = await Promise.race([run.exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 50))]);
    if (exited && run.lines.length === 0) throw new Error(`exited without output; stderr: ${run.stderr()}`);
  }
  return run.lines[0] as string;
}

describe('workbench models serve', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await servingBackend();
  });
  afterAll(async () => t.close());

  it('serves an alias on the given port with a token, prints where on one line, and stops on SIGTERM', async () => {
    const run = workbench(['models', 'serve', '-m', 'models:/churn@champion', '-p', '0', '--token', '--workspace', t.workspace], join(t.home, 'cli'));
    const line = await firstLine(run);
    const match = /^Model server running at (http:\/\/127\.0\.0\.1:\d+) serving churn v1 \(models:\/churn@champion\) token: (\S+)$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, url, token] = match as unknown as [string, string, string];
    expect((await post(`${url}/invocations`, JSON.stringify({ dataframe_records: ROWS }))).status).toBe(401);
    const answer = await post(`${url}/invocations`, JSON.stringify({ dataframe_records: ROWS }), 'application/json', { authorization: `Bearer ${token}` });
    expect(answer.status).toBe(200);
    expect((answer.json as { predictions: { prediction: string }[] }).predictions.map((p) => p.prediction)).toEqual(expected(V1).map((p) => p.prediction));
    run.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.lines).toHaveLength(1);
  }, 60_000);

  it('refuses a bad model URI or a missing model with exit code 2 and a message', async () => {
    const bad = workbench(['models', 'serve', '-m', 'churn', '--workspace', t.workspace], join(t.home, 'cli'));
    const missing = workbench(['models', 'serve', '-m', 'models:/churn@nobody', '-p', '0', '--workspace', t.workspace], join(t.home, 'cli-2'));
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toContain('"churn" is not a model URI; use models:/NAME/VERSION or models:/NAME@ALIAS');
    expect(await missing.exited).toBe(2);
    expect(missing.stderr()).toMatch(/nobody/);
  }, 60_000);
});
