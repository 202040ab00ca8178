import { describe, expect, it } from 'vitest';
import { applyParams, checkSearchSpec } from '.';
import { trainSpecSchema, type SearchSpec, type TrainSpec } from '../../shared/contract';
import { failure } from '../../test/helpers';

const base = { dataset: 'churn', pipeline: { target: 'Churn', task: 'binary', columns: [{ column: 'tenure', role: 'numeric' }] } } as const;
const mlp: TrainSpec = trainSpecSchema.parse({ ...base, algorithm: { kind: 'mlp' } });
const linear: TrainSpec = trainSpecSchema.parse({ ...base, algorithm: { kind: 'linear' } });

function search(space: Record<string, unknown>): SearchSpec {
  return { method: 'tpe', trials: 10, parallel: 1, metric: 'val_roc_auc', direction: 'maximize', pruning: true, space: space as SearchSpec['space'] };
}

async function applyFailure(spec: TrainSpec, params: Parameters<typeof applyParams>[1]) {
  return failure(Promise.resolve().then(() => applyParams(spec, params)));
}

describe('applyParams', () => {
  it('sets settings and algorithm values and leaves the rest, and the original, alone', () => {
    const applied = applyParams(mlp, { 'settings.learningRate': 0.003, 'algorithm.dropout': 0.2, 'algorithm.hiddenLayers': [32, 16], 'settings.optimizer': 'sgd' });
    expect(applied.settings).toMatchObject({ learningRate: 0.003, optimizer: 'sgd', batchSize: 256 });
    expect(applied.algorithm).toEqual({ kind: 'mlp', hiddenLayers: [32, 16], activation: 'relu', dropout: 0.2, l2: 0 });
    expect(applied.pipeline).toEqual(mlp.pipeline);
    expect(mlp.settings.learningRate).toBe(0.01);
    expect(mlp.algorithm).toMatchObject({ dropout: 0 });
  });

  it('names the search path of a value the spec refuses', async () => {
    const tooBig = await applyFailure(mlp, { 'algorithm.dropout': 1.5 });
    expect(tooBig.code).toBe('invalid_input');
    expect(tooBig.message).toMatch(/^search\.space\['algorithm\.dropout'\]: .*0\.9/);
    const layer = await applyFailure(mlp, { 'algorithm.hiddenLayers': [64, 0] });
    expect(layer.message).toMatch(/^search\.space\['algorithm\.hiddenLayers'\]: .*\(at 1\)/);
    const optimizer = await applyFailure(mlp, { 'settings.optimizer': 'lbfgs' });
    expect(optimizer.message).toMatch(/^search\.space\['settings\.optimizer'\]/);
  });

  it('refuses a path the algorithm or the settings do not have', async () => {
    const layers = await applyFailure(linear, { 'algorithm.hiddenLayers': [8] });
    expect(layers.code).toBe('invalid_input');
    expect(layers.message).toContain("search.space['algorithm.hiddenLayers']");
    expect(layers.message).toContain('linear');
    expect((await applyFailure(mlp, { 'settings.momentum': 0.9 })).message).toContain("search.space['settings.momentum']");
    expect((await applyFailure(mlp, { 'algorithm.kind': 'linear' })).message).toContain("search.space['algorithm.kind']");
    expect((await applyFailure(mlp, { 'pipeline.target': 'x' })).message).toContain("search.space['pipeline.target']");
  });
});

describe('checkSearchSpec', () => {
  it('accepts a sound search', () => {
    const spec = search({
      'settings.learningRate': { type: 'loguniform', low: 1e-4, high: 0.1 },
      'settings.batchSize': { type: 'int', low: 32, high: 512 },
      'algorithm.dropout': { type: 'uniform', low: 0, high: 0.5 },
      'algorithm.hiddenLayers': { type: 'choice', values: [[32], [64, 64]] },
    });
    expect(checkSearchSpec(spec, mlp)).toEqual([]);
  });

  it('lists every problem, each under its field', () => {
    const spec = search({
      'algorithm.dropout': { type: 'uniform', low: 0.5, high: 0.5 },
      'settings.learningRate': { type: 'loguniform', low: 0, high: 0.1 },
      'settings.batchSize': { type: 'int', low: 16.5, high: 64 },
      'settings.epochs': { type: 'uniform', low: 5, high: 50 },
      'algorithm.l2': { type: 'uniform', low: 0, high: 20 },
      'settings.momentum': { type: 'uniform', low: 0, high: 1 },
      'algorithm.activation': { type: 'choice', values: ['relu', 'swish'] },
    });
    const issues = Object.fromEntries(checkSearchSpec(spec, mlp).map((i) => [i.field, i.message]));
    expect(Object.keys(issues).sort()).toEqual(
      ['algorithm.activation', 'algorithm.dropout', 'algorithm.l2', 'settings.batchSize', 'settings.epochs', 'settings.learningRate', 'settings.momentum'].map((p) => `search.space['${p}']`),
    );
    expect(issues["search.space['algorithm.dropout']"]).toMatch(/low \(0\.5\) must be below high \(0\.5\)/);
    expect(issues["search.space['settings.learningRate']"]).toMatch(/above 0/);
    expect(issues["search.space['settings.batchSize']"]).toMatch(/whole/);
    expect(issues["search.space['settings.epochs']"]).toMatch(/refused.*use an int distribution/);
    expect(issues["search.space['algorithm.l2']"]).toMatch(/^20 is refused/);
    expect(issues["search.space['settings.momentum']"]).toMatch(/no "momentum"/);
    expect(issues["search.space['algorithm.activation']"]).toMatch(/^"swish" is refused/);
  });

  it('refuses MLP-only paths on a linear model', () => {
    const issues = checkSearchSpec(search({ 'algorithm.dropout': { type: 'uniform', low: 0, high: 0.5 }, 'algorithm.l2': { type: 'uniform', low: 0, high: 1 } }), linear);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.field).toBe("search.space['algorithm.dropout']");
    expect(issues[0]!.message).toContain('linear');
  });
});
