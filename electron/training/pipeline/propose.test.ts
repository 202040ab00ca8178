import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposalSchema, type ColumnPlan, type Profile, type Proposal } from '../../../shared/contract';
import { createEngine, profileFile, quoteIdent } from '../../data';
import { resourcesDir, tempDir } from '../../../test/helpers';
import { checkSpec, encodeTarget, featureNames, fitPipeline, loadFrame, proposePipeline, transformFrame } from './index';

const churnCsv = join(resourcesDir, 'sample-data/telco-customer-churn.csv');
const home = tempDir('workbench-propose-');

function planOf(proposal: Proposal, column: string): ColumnPlan | undefined {
  return proposal.pipeline.columns.find((plan) => plan.column === column);
}

afterAll(() => home.cleanup());

describe('proposePipeline on the churn sample', () => {
  let profile: Profile;
  let proposal: Proposal;

  beforeAll(async () => {
    profile = await profileFile(churnCsv, {});
    proposal = proposePipeline(profile, 'Churn');
  });

  it('proposes a valid spec: binary churn, a linear baseline, a reason for every column', () => {
    expect(proposalSchema.parse(proposal)).toEqual(proposal);
    expect(proposal.pipeline.target).toBe('Churn');
    expect(proposal.pipeline.task).toBe('binary');
    expect(proposal.algorithm).toEqual({ kind: 'linear', l2: 0 });
    expect(Object.keys(proposal.reasons).sort()).toEqual(profile.columns.map((c) => c.name).sort());
    expect(planOf(proposal, 'Churn')).toBeUndefined();
    expect(proposal.reasons.Churn).toBe('Target: 2 classes, so binary classification.');
  });

  it('drops the customer ID, one-hot encodes categories, standardizes numbers and imputes TotalCharges', () => {
    expect(planOf(proposal, 'customerID')).toEqual({ column: 'customerID', role: 'drop', steps: [] });
    expect(proposal.reasons.customerID).toMatch(/^ID-like/);
    expect(planOf(proposal, 'Contract')).toEqual({ column: 'Contract', role: 'categorical', steps: [{ op: 'onehot', maxCategories: 50 }] });
    expect(planOf(proposal, 'SeniorCitizen')).toEqual({ column: 'SeniorCitizen', role: 'categorical', steps: [{ op: 'onehot', maxCategories: 50 }] });
    expect(planOf(proposal, 'tenure')).toEqual({ column: 'tenure', role: 'numeric', steps: [{ op: 'standardize' }] });
    expect(planOf(proposal, 'TotalCharges')).toEqual({ column: 'TotalCharges', role: 'numeric', steps: [{ op: 'impute', strategy: 'median' }, { op: 'standardize' }] });
    expect(proposal.reasons.TotalCharges).toMatch(/11 missing values/);
  });

  it('fits and transforms the data it was proposed for', async () => {
    const engine = await createEngine({ tempDirectory: join(home.path, 'spill'), threads: 1 });
    try {
      // Read as the workspace reads it: Yes/No stays text, and the blanks of TotalCharges become NULL.
      const csv = `read_csv('${churnCsv}', auto_type_candidates = ['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'VARCHAR'])`;
      const relation = `(SELECT * REPLACE (TRY_CAST(${quoteIdent('TotalCharges')} AS DOUBLE) AS ${quoteIdent('TotalCharges')}) FROM ${csv})`;
      const columns = [proposal.pipeline.target, ...proposal.pipeline.columns.filter((p) => p.role !== 'drop').map((p) => p.column)];
      const frame = await loadFrame(engine, relation, columns);
      expect(frame.rows).toBe(profile.rowCount);
      expect(checkSpec(proposal.pipeline, frame)).toEqual([]);
      const rows = Int32Array.from({ length: frame.rows }, (_, i) => i);
      const fitted = fitPipeline(proposal.pipeline, frame, rows);
      expect(fitted.classes).toEqual(['No', 'Yes']);
      expect(featureNames(fitted)).toEqual(expect.arrayContaining(['tenure', 'Contract=Month-to-month', 'Contract=One year', 'Contract=Two year', 'SeniorCitizen=1']));
      const { x, width } = transformFrame(fitted, frame, rows);
      expect(x.every(Number.isFinite)).toBe(true);
      const tenure = featureNames(fitted).indexOf('tenure');
      const scaled = Array.from(rows, (r) => x[r * width + tenure] ?? NaN);
      expect(scaled.reduce((a, b) => a + b, 0) / scaled.length).toBeCloseTo(0, 5);
      const churned = encodeTarget(fitted, frame, rows).reduce((a, b) => a + b, 0);
      const churn = profile.columns.find((c) => c.name === 'Churn');
      expect(churn?.kind === 'category' ? churn.top.find((t) => t.value === 'Yes')?.count : undefined).toBe(churned);
    } finally {
      engine.close();
    }
  });
});

describe('proposePipeline on other shapes', () => {
  let profile: Profile;

  beforeAll(async () => {
    const lines = ['user_id,sessionUUID,paid,grade,rating,visits,day,constant,empty,amount,label'];
    for (let i = 0; i < 40; i++) {
      const day = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
      const amount = i % 9 === 4 ? '' : String(10 + ((i * 7) % 23) + i / 10);
      lines.push([1000 + i, `s-${Math.min(i, 38)}`, (i * 1.37 + 0.01).toFixed(2), 'ABC'[i % 3], 1 + (i % 5), i % 25, day, 'x', '', amount, i % 2 ? 'yes' : 'no'].join(','));
    }
    const path = join(home.path, 'shapes.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    profile = await profileFile(path, {});
  });

  it('drops IDs, dates, constants and empty columns, saying why', () => {
    const proposal = proposePipeline(profile, 'label');
    expect(proposal.pipeline.task).toBe('binary');
    for (const column of ['user_id', 'sessionUUID', 'day', 'constant', 'empty']) expect(planOf(proposal, column)?.role).toBe('drop');
    expect(proposal.reasons.user_id).toBe('ID-like: every value is distinct.');
    expect(proposal.reasons.sessionUUID).toMatch(/identifier's name/);
    expect(proposal.reasons.day).toMatch(/date/);
    expect(proposal.reasons.constant).toMatch(/^Constant/);
    expect(proposal.reasons.empty).toMatch(/^Empty/);
    // Distinct measurements are no IDs; few integers are categories; more are numbers.
    expect(planOf(proposal, 'paid')).toEqual({ column: 'paid', role: 'numeric', steps: [{ op: 'standardize' }] });
    expect(planOf(proposal, 'rating')?.role).toBe('categorical');
    expect(planOf(proposal, 'visits')?.role).toBe('numeric');
    expect(planOf(proposal, 'amount')?.steps).toEqual([{ op: 'impute', strategy: 'median' }, { op: 'standardize' }]);
  });

  it('picks the task from the target', () => {
    expect(proposePipeline(profile, 'grade').pipeline.task).toBe('multiclass');
    expect(proposePipeline(profile, 'rating').pipeline.task).toBe('multiclass');
    expect(proposePipeline(profile, 'amount').pipeline.task).toBe('regression');
    expect(proposePipeline(profile, 'amount').reasons.amount).toMatch(/regression/);
  });

  it('refuses a target the profile lacks', () => {
    expect(() => proposePipeline(profile, 'nothing')).toThrow(/no column "nothing"/);
  });
});
