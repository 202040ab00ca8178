import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The benchmark's rows: `width` standard-normal features and a binary target
 * from a fixed linear rule with 10% label noise, seeded, so every run (and the
 * PyTorch side, which reads the same file) trains on the same data.
 */
export interface BenchData {
  x: Float32Array;
  y: Float32Array;
  rows: number;
  width: number;
  /** x then y, float32 little-endian, for torch_mlp.py. */
  file: string;
}

export function generateData(rows: number, width: number): BenchData {
  let state = 12345;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 2 ** 32;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const rule = Array.from({ length: width }, (_, j) => ((j % 5) - 2) / 2);
  const x = new Float32Array(rows * width);
  const y = new Float32Array(rows);
  for (let row = 0; row < rows; row++) {
    let score = 0;
    for (let j = 0; j < width; j++) {
      const value = normal();
      x[row * width + j] = value;
      score += value * (rule[j] ?? 0) + (j > 0 ? 0.5 * Math.sin(value * (x[row * width + j - 1] ?? 0)) : 0);
    }
    const label = score > 0 ? 1 : 0;
    y[row] = uniform() < 0.1 ? 1 - label : label;
  }
  const file = join(tmpdir(), `workbench-bench-train-${rows}x${width}.f32`);
  const bytes = new Uint8Array((rows * width + rows) * 4);
  bytes.set(new Uint8Array(x.buffer), 0);
  bytes.set(new Uint8Array(y.buffer), rows * width * 4);
  writeFileSync(file, bytes);
  return { x, y, rows, width, file };
}
