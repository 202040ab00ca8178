/**
 * bench/train: the training engine's epoch time, through the real worker path
 * (createTrainer → worker thread → backend), on every backend that loads,
 * against PyTorch doing the same work on the same machine in the same run:
 * an MLP (2×64, ReLU, sigmoid output), binary cross-entropy, Adam 0.01, a new
 * random batch order per epoch, on 100,000 × 20 synthetic rows, batches of
 * 256 and 4096, 5 epochs. PyTorch is Debian's python3-torch with 2 threads
 * (and on CUDA as well, when it sees a GPU). Also, for reference, TF.js's own
 * `model.fit` (tfjs-layers) on wasm, which the engine's hand-written step replaced.
 *
 * Targets: the best CPU backend at most 3× PyTorch (CPU) per epoch at batch
 * 256; a GPU backend at most 5× PyTorch CUDA at batch 4096. A missed target is
 * printed, not failed.
 *
 *   npm run bench:train [-- --rows 100000] [--epochs 5] [--batches 256,4096] [--no-layers-fit]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createTrainer, listBackends } from '../../electron/training/engine';
import { trainSettingsSchema, type BackendName } from '../../shared/contract';
import { countOption } from '../options';
import { generateData, type BenchData } from './data';
import { layersFitEpochs } from './layers-fit';

const ROWS = countOption('--rows', 100_000);
const WIDTH = 20;
const EPOCHS = countOption('--epochs', 5);
const TORCH_THREADS = 2;
const batchesAt = process.argv.indexOf('--batches');
const BATCHES = batchesAt >= 0 ? (process.argv[batchesAt + 1] ?? '').split(',').map(Number) : [256, 4096];
const LAYERS_FIT = !process.argv.includes('--no-layers-fit');
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const CPU_TARGET = 3;
const GPU_TARGET = 5;
const gpuBackends = new Set<BackendName>(['webgpu', 'tensorflow-gpu']);

const log = (line: string): void => void process.stderr.write(`bench/train: ${line}\n`);
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

interface Measure {
  name: string;
  batch: number;
  seconds: number[];
  loss: number;
  /** PyTorch's kind that this row is compared with. */
  against: 'cpu' | 'cuda';
  backend?: BackendName;
}

function torch(data: BenchData, batch: number, device: 'cpu' | 'cuda', threads = TORCH_THREADS): Measure | null {
  const args = [join(import.meta.dirname, 'torch_mlp.py'), '--data', data.file, '--rows', `${data.rows}`, '--width', `${data.width}`, '--batch', `${batch}`];
  const run = spawnSync(PYTHON, [...args, '--epochs', `${EPOCHS}`, '--threads', `${threads}`, '--device', device], { encoding: 'utf8' });
  if (run.status !== 0) {
    log(`PyTorch (${device}) failed: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return null;
  }
  const out = JSON.parse(run.stdout) as { torch: string; device: string; epoch_seconds: number[]; losses: number[] };
  return { name: `PyTorch ${out.torch}, ${out.device}`, batch, seconds: out.epoch_seconds, loss: out.losses.at(-1) ?? NaN, against: device };
}

async function engine(data: BenchData, batch: number, backend: BackendName): Promise<Measure> {
  const trainer = await createTrainer({ backend });
  try {
    const summary = await trainer.fit(
      {
        task: 'binary',
        classes: 2,
        algorithm: { kind: 'mlp', hiddenLayers: [64, 64], activation: 'relu', dropout: 0, l2: 0 },
        settings: trainSettingsSchema.parse({ optimizer: 'adam', learningRate: 0.01, batchSize: batch, epochs: EPOCHS, seed: 42 }),
        train: { x: data.x, y: data.y, rows: data.rows, width: data.width },
        validation: null,
      },
      { signal: new AbortController().signal },
    );
    const seconds = summary.history.map((epoch) => epoch.seconds);
    return { name: `engine: ${backend}, ${trainer.device}`, batch, seconds, loss: summary.history.at(-1)?.loss ?? NaN, against: gpuBackends.has(backend) ? 'cuda' : 'cpu', backend };
  } finally {
    await trainer.dispose();
  }
}

function cudaAvailable(): boolean {
  const run = spawnSync(PYTHON, ['-c', 'import torch; print(torch.cuda.is_available())'], { encoding: 'utf8' });
  return run.stdout.trim() === 'True';
}

function report(measures: Measure[], baselines: Map<string, Measure>): void {
  const cpu = cpus();
  console.log(`\nbench/train: MLP 2×64 ReLU, ${ROWS.toLocaleString('en-US')} × ${WIDTH} rows, ${EPOCHS} epochs, Adam 0.01, binary cross-entropy`);
  console.log(`machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.versions.node}; load average now ${loadavg().map((v) => v.toFixed(1)).join(' / ')} (1/5/15 min)`);
  console.log('seconds per epoch: the median of the epochs (the first, with warm-up, in brackets); ratio = engine / PyTorch\n');
  console.log('| what | batch | s/epoch (1st) | PyTorch s/epoch | ratio | last epoch loss | target | met |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  const bestCpu = new Map<number, Measure>();
  for (const m of measures) {
    if (!m.backend || gpuBackends.has(m.backend)) continue;
    const best = bestCpu.get(m.batch);
    if (!best || median(m.seconds) < median(best.seconds)) bestCpu.set(m.batch, m);
  }
  for (const m of measures) {
    const base = baselines.get(`${m.against}-${m.batch}`);
    const ratio = base ? median(m.seconds) / median(base.seconds) : NaN;
    let target = '';
    if (m.backend && !gpuBackends.has(m.backend) && m.batch === 256 && bestCpu.get(256) === m) target = `≤ ${CPU_TARGET}× (best CPU backend)`;
    if (m.backend && gpuBackends.has(m.backend) && m.batch === 4096) target = `≤ ${GPU_TARGET}× PyTorch CUDA`;
    const limit = target.startsWith(`≤ ${CPU_TARGET}`) ? CPU_TARGET : GPU_TARGET;
    const met = target === '' || !base ? '' : ratio <= limit ? 'yes' : 'missed';
    const baseCell = base ? median(base.seconds).toFixed(3) : 'n/a';
    console.log(`| ${m.name} | ${m.batch} | ${median(m.seconds).toFixed(3)} (${(m.seconds[0] ?? NaN).toFixed(3)}) | ${baseCell} | ${base ? `${ratio.toFixed(2)}×` : ''} | ${m.loss.toFixed(4)} | ${target} | ${met} |`);
  }
  for (const base of baselines.values()) {
    console.log(`| ${base.name} | ${base.batch} | ${median(base.seconds).toFixed(3)} (${(base.seconds[0] ?? NaN).toFixed(3)}) | | 1.00× | ${base.loss.toFixed(4)} | baseline | |`);
  }
}

async function main(): Promise<void> {
  log(`load average before: ${loadavg().map((v) => v.toFixed(1)).join(' / ')}`);
  const data = generateData(ROWS, WIDTH);
  try {
    const backends = await listBackends();
    for (const info of backends) log(`${info.name}: ${info.available ? info.device : `unavailable (${info.reason ?? ''})`}`);
    const cuda = cudaAvailable();
    const measures: Measure[] = [];
    const baselines = new Map<string, Measure>();
    for (const batch of BATCHES) {
      for (const device of cuda ? (['cpu', 'cuda'] as const) : (['cpu'] as const)) {
        log(`PyTorch ${device}, batch ${batch}`);
        const base = torch(data, batch, device);
        if (base) baselines.set(`${device}-${batch}`, base);
      }
      // PyTorch with one thread, for reference: two threads suffer most when other work shares the cores.
      log(`PyTorch cpu, 1 thread, batch ${batch}`);
      const single = torch(data, batch, 'cpu', 1);
      if (single) measures.push({ ...single, name: `reference: ${single.name}` });
      for (const info of backends.filter((b) => b.available)) {
        log(`engine ${info.name}, batch ${batch}`);
        measures.push(await engine(data, batch, info.name));
      }
      if (LAYERS_FIT) {
        log(`tfjs-layers model.fit on wasm, batch ${batch}`);
        const { seconds, loss } = await layersFitEpochs(data, batch, EPOCHS);
        measures.push({ name: 'reference: tfjs-layers model.fit, wasm, in-process', batch, seconds, loss, against: 'cpu' });
      }
    }
    report(measures, baselines);
  } finally {
    rmSync(data.file, { force: true });
  }
}

await main();
