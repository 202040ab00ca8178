import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { trainSpecSchema, WorkbenchError, type Proposal, type TrainSpec } from '../../shared/contract';

/**
 * Reads a `workbench train` config: a TrainSpec in YAML (or JSON). Errors name
 * the file, line and field. `pipeline.columns` and `algorithm` may be left
 * out: the proposal from the dataset's profile fills them. `dataset` may be a
 * file path, registered in the workspace first.
 */
export interface ConfigServices {
  /** A dataset name, or a file path (relative to the config) to register first; answers the dataset's name. */
  resolveDataset: (nameOrPath: string, configDir: string) => Promise<string>;
  propose: (dataset: string, target: string) => Promise<Proposal>;
}

export async function readTrainConfig(file: string, services: ConfigServices): Promise<TrainSpec> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new WorkbenchError('not_found', `${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const yamlError = document.errors[0];
  if (yamlError) {
    const at = lines.linePos(yamlError.pos[0]);
    throw new WorkbenchError('invalid_input', `${file}:${at.line}:${at.col}: not valid YAML (${yamlError.message.split('\n')[0] ?? ''}).`);
  }
  const raw: unknown = document.toJS();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new WorkbenchError('invalid_input', `${file}: expected a mapping of settings (dataset, pipeline, algorithm, ...).`);
  const config = raw as Record<string, unknown>;
  if (typeof config.dataset === 'string') config.dataset = await services.resolveDataset(config.dataset, dirname(resolve(file)));
  const pipeline = config.pipeline as Record<string, unknown> | undefined;
  if (typeof config.dataset === 'string' && pipeline && typeof pipeline.target === 'string' && (pipeline.columns === undefined || config.algorithm === undefined)) {
    const proposal = await services.propose(config.dataset, pipeline.target);
    if (pipeline.columns === undefined) config.pipeline = { ...proposal.pipeline, ...pipeline, columns: proposal.pipeline.columns };
    if (config.algorithm === undefined) config.algorithm = proposal.algorithm;
  }
  const parsed = trainSpecSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  throw new WorkbenchError('invalid_input', parsed.error.issues.map((issue) => describeIssue(file, document, lines, issue)).join('\n'), { file });
}

function describeIssue(file: string, document: Document, lines: LineCounter, issue: z.core.$ZodIssue): string {
  const path = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
  // An unknown key is reported on its mapping: point at the key itself.
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const target = keys.length > 0 ? [...path, keys[0] ?? ''] : path;
  const line = lineOf(document, lines, target, keys.length > 0);
  const field = path.length > 0 ? path.join('.') : '(top level)';
  return `${file}${line ? `:${line}` : ''}: ${field}: ${issue.message}`;
}

function lineOf(document: Document, lines: LineCounter, path: (string | number)[], isKey: boolean): number | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const prefix = path.slice(0, depth);
    if (isKey && depth === path.length) {
      const parent = prefix.length > 1 ? document.getIn(prefix.slice(0, -1), true) : document.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === prefix[prefix.length - 1]);
        const range = (pair?.key as { range?: [number, number, number] } | null)?.range;
        if (range) return lines.linePos(range[0]).line;
      }
      continue;
    }
    const node = document.getIn(prefix, true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}
