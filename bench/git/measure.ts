/**
 * The timed part of bench/git: the git CLI and the workbench, one call each in
 * turn so both share the machine's noise, on the same tree. Every workbench
 * answer that is checked against the CLI adds a line to `mismatches` when the
 * two disagree.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GitStatus, Provenance } from '../../shared/contract/git';
import type { Server } from '../workbench-server';
import { cliCodes, cliStatus, differences, workbenchCodes } from './compare';
import { git, probeFile } from './fixture';

export interface Side {
  /** The first call of the run: for the workbench, the first status after opening the workspace. */
  firstMs: number;
  ms: number[];
  /** Status with one tracked file edited (or its edit undone) since the call before. */
  editMs: number[];
}

export interface WorkbenchSide extends Side {
  openMs: number;
  /** The first status call on CLOCK_MONOTONIC in microseconds (the clock of V8's CPU profiles), to pick it out of one. */
  firstWindowUs: [number, number];
  provenanceMs: number[];
  untrackedCount: number;
}

export interface Measures {
  cli: Side;
  /** Null when only the CLI was measured. */
  workbench: WorkbenchSide | null;
  /** Where the workbench and the CLI disagree, one line each; empty when they agree. */
  mismatches: string[];
}

export interface MeasureOptions {
  dir: string;
  files: number;
  runs: number;
  warmUps: number;
  log: (line: string) => void;
}

const timed = async <T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> => {
  const began = performance.now();
  const value = await work();
  return { value, ms: performance.now() - began };
};

const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** Odd runs edit the probe file, even ones put its committed text back (a changed stat, the same content). */
function toggleProbe(dir: string, files: number, run: number): boolean {
  const edited = run % 2 === 1;
  const probe = probeFile(files);
  writeFileSync(join(dir, probe.path), edited ? `${probe.original}# probe edit ${run}\n` : probe.original);
  return edited;
}

export async function measure(options: MeasureOptions, api: Server | null): Promise<Measures> {
  const { dir, files, runs, warmUps, log } = options;
  const cliMs = (): number => cliStatus(dir).ms;
  const status = async (): Promise<GitStatus> => (await api!.call('git.status', {})) as GitStatus;
  const mismatches: string[] = [];
  const check = (what: string, answer: GitStatus): void => {
    const lines = differences(cliCodes(dir), workbenchCodes(answer));
    if (lines.length > 0) mismatches.push(`${what}:`, ...lines);
  };

  const cli: Side = { firstMs: cliMs(), ms: [], editMs: [] };
  let workbench: WorkbenchSide | null = null;
  let last: GitStatus | null = null;
  if (api) {
    const openMs = (await timed(() => api.call('workspace.open', { path: dir }))).ms;
    log('the first git.status (cold)');
    const coldFrom = monotonicUs();
    const cold = await timed(status);
    const firstWindowUs: [number, number] = [coldFrom, monotonicUs()];
    check('the first git.status', cold.value);
    workbench = { openMs, firstWindowUs, firstMs: cold.ms, ms: [], editMs: [], provenanceMs: [], untrackedCount: cold.value.untrackedCount };
    last = cold.value;
  }

  log(`status: ${warmUps} warm-ups and ${runs} runs${api ? ' each, the CLI and the workbench in turn' : ''}`);
  for (let run = -warmUps; run < runs; run++) {
    const cliRun = cliMs();
    if (run >= 0) cli.ms.push(cliRun);
    if (workbench) {
      const { value, ms } = await timed(status);
      if (run >= 0) workbench.ms.push(ms);
      last = value;
    }
  }
  if (last) check('the last warm git.status', last);

  log(`status after editing one file: ${runs} runs`);
  const probe = probeFile(files).path;
  for (let run = 1; run <= runs; run++) {
    const edited = toggleProbe(dir, files, run);
    cli.editMs.push(cliMs());
    if (!workbench) continue;
    const { value, ms } = await timed(status);
    workbench.editMs.push(ms);
    const listed = value.files.find((file) => file.path === probe);
    if (edited && listed?.unstaged !== 'modified') mismatches.push(`git.status after editing ${probe} (run ${run}): ${listed ? JSON.stringify(listed) : 'not listed'}, expected unstaged "modified"`);
    if (!edited && listed) mismatches.push(`git.status after restoring ${probe} to its committed text (run ${run}): still listed as ${JSON.stringify(listed)}`);
  }
  toggleProbe(dir, files, 0);
  if (!workbench) return { cli, workbench, mismatches };
  check('git.status after the edits were undone', await status());

  log(`git.provenance: ${runs} runs after a warm-up`);
  const head = git(dir, 'rev-parse', 'HEAD').trim();
  for (let run = -1; run < runs; run++) {
    const { value, ms } = await timed(async () => (await api!.call('git.provenance', {})) as Provenance);
    if (run >= 0) workbench.provenanceMs.push(ms);
    if (!value.repository || value.commit !== head || value.branch !== 'main' || !value.dirty) {
      mismatches.push(`git.provenance: ${JSON.stringify(value)}, expected commit ${head} on main, dirty`);
      break;
    }
  }
  return { cli, workbench, mismatches };
}
