import { randomBytes, randomInt } from 'node:crypto';

/** 32 lowercase hex characters, the shape of an MLflow run id. */
export function newRunId(): string {
  return randomBytes(16).toString('hex');
}

/** MLflow 3's logged model ids: `m-` and 32 hex characters. */
export function newModelId(): string {
  return `m-${randomBytes(16).toString('hex')}`;
}

export function isRunId(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value);
}

const ADJECTIVES = ['amber', 'bold', 'brisk', 'calm', 'clever', 'crisp', 'dapper', 'eager', 'fleet', 'gentle', 'glad', 'honest', 'keen', 'lucky', 'merry', 'nimble', 'quiet', 'rare', 'sharp', 'steady', 'sunny', 'swift', 'tidy', 'vivid', 'wise'];
const NOUNS = ['badger', 'bear', 'crane', 'deer', 'eagle', 'falcon', 'fox', 'gull', 'hare', 'heron', 'lark', 'lynx', 'mole', 'otter', 'owl', 'panda', 'quail', 'raven', 'robin', 'seal', 'shrew', 'stork', 'swan', 'wolf', 'wren'];

/** A readable name for a run created without one, as MLflow makes (`bold-fox-42`). */
export function randomRunName(): string {
  const pick = (words: string[]): string => words[randomInt(words.length)] ?? words[0] ?? 'run';
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${randomInt(1000)}`;
}
