import type { ModelSignature, ModelVersion, SignatureField } from '../../../../shared/contract';
import { formatNumber, shortHash } from './format';

/** Two versions side by side: A is the older or the one chosen first, B the other. */

export interface MetricRow {
  key: string;
  a: number | null;
  b: number | null;
  /** B − A, when both have the metric. */
  delta: number | null;
}

/** Every metric either version has, sorted by name, with B − A where both have it. */
export function compareMetrics(a: Record<string, number>, b: Record<string, number>): MetricRow[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => x.localeCompare(y));
  return keys.map((key) => {
    const left = a[key] ?? null;
    const right = b[key] ?? null;
    return { key, a: left, b: right, delta: left !== null && right !== null ? right - left : null };
  });
}

export interface SignatureChange {
  side: 'inputs' | 'outputs';
  name: string;
  change: 'added' | 'removed' | 'changed';
  /** The field as A has it (null when added). */
  a: string | null;
  b: string | null;
}

/** A field as one line: `double`, `string (optional)`, `tensor float32 [-1, 2]`. */
export function describeField(field: SignatureField): string {
  const parts = [field.type];
  if (field.dtype !== undefined) parts.push(field.dtype);
  if (field.shape !== undefined) parts.push(`[${field.shape.join(', ')}]`);
  return `${parts.join(' ')}${field.optional ? ' (optional)' : ''}`;
}

/** Unnamed fields (tensors) are matched by position. */
function fieldKey(field: SignatureField, index: number): string {
  return field.name === '' ? `#${index + 1}` : field.name;
}

/** Inputs and outputs added, removed or changed in type from A to B, in A's order and then B's new ones. */
export function compareSignatures(a: ModelSignature, b: ModelSignature): SignatureChange[] {
  const changes: SignatureChange[] = [];
  for (const side of ['inputs', 'outputs'] as const) {
    const left = new Map(a[side].map((field, index) => [fieldKey(field, index), describeField(field)]));
    const right = new Map(b[side].map((field, index) => [fieldKey(field, index), describeField(field)]));
    for (const [name, described] of left) {
      const other = right.get(name);
      if (other === undefined) changes.push({ side, name, change: 'removed', a: described, b: null });
      else if (other !== described) changes.push({ side, name, change: 'changed', a: described, b: other });
    }
    for (const [name, described] of right) if (!left.has(name)) changes.push({ side, name, change: 'added', a: null, b: described });
  }
  return changes;
}

export interface LineageRow {
  label: string;
  a: string;
  b: string;
  same: boolean;
}

const none = '—';

function row(label: string, a: string | null, b: string | null): LineageRow {
  return { label, a: a ?? none, b: b ?? none, same: a === b };
}

function dirtyText(dirty: boolean | null): string | null {
  return dirty === null ? null : dirty ? 'yes' : 'no';
}

function parityText(version: ModelVersion): string | null {
  const parity = version.parity;
  if (parity === null) return null;
  return `${parity.passed ? 'passed' : 'failed'} (max |Δ| ${formatNumber(parity.maxAbsDiff)} on ${parity.rows} rows)`;
}

/** Where each version came from: source, run, commit, datasets (by name and use, compared by fingerprint), and parity. */
export function compareLineage(a: ModelVersion, b: ModelVersion): LineageRow[] {
  const rows = [
    row('Source', a.source, b.source),
    row('Run', a.lineage.runId, b.lineage.runId),
    row('Experiment', a.lineage.experimentId, b.lineage.experimentId),
    row('Git commit', a.lineage.gitCommit, b.lineage.gitCommit),
    row('Uncommitted changes', dirtyText(a.lineage.gitDirty), dirtyText(b.lineage.gitDirty)),
  ];
  const datasetKey = (d: { name: string; context: string }): string => (d.context ? `${d.name} (${d.context})` : d.name);
  const left = new Map(a.lineage.datasets.map((d) => [datasetKey(d), d.digest]));
  const right = new Map(b.lineage.datasets.map((d) => [datasetKey(d), d.digest]));
  for (const key of [...new Set([...left.keys(), ...right.keys()])].sort()) {
    const da = left.get(key) ?? null;
    const db = right.get(key) ?? null;
    rows.push({ label: `Dataset ${key}`, a: da === null ? none : shortHash(da), b: db === null ? none : shortHash(db), same: da === db });
  }
  rows.push(row('Parity check', parityText(a), parityText(b)));
  return rows;
}

export interface FileChange {
  path: string;
  change: 'added' | 'removed' | 'changed' | 'same';
}

/** The package files, path by path: the same bytes (by sha256) or not. */
export function compareFiles(a: ModelVersion['files'], b: ModelVersion['files']): FileChange[] {
  const left = new Map(a.map((f) => [f.path, f.sha256]));
  const right = new Map(b.map((f) => [f.path, f.sha256]));
  return [...new Set([...left.keys(), ...right.keys()])].sort().map((path) => {
    const ha = left.get(path);
    const hb = right.get(path);
    const change = ha === undefined ? 'added' : hb === undefined ? 'removed' : ha === hb ? 'same' : 'changed';
    return { path, change };
  });
}
