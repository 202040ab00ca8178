import { join } from 'node:path';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { expectedChurn, writeChurnModel, type ChurnCoefficients, type ChurnRow } from './test-model';

/** Two versions of the churn-like test model: v2 leans to "Yes" where v1 leans to "No". */
export const V1: ChurnCoefficients = { tenure: -0.05, monthlyCharges: 0.03, contract: -1.2, senior: 0.4, bias: -0.5 };
export const V2: ChurnCoefficients = { tenure: -0.02, monthlyCharges: 0.05, contract: -0.3, senior: 0.9, bias: 1.5 };

export const ROWS: ChurnRow[] = [
  { tenure: 1, MonthlyCharges: 80, Contract: 'Month-to-month', SeniorCitizen: 0 },
  { tenure: 40, MonthlyCharges: 20, Contract: 'Two year', SeniorCitizen: 1 },
  { tenure: 12, MonthlyCharges: 55.5, Contract: 'One year', SeniorCitizen: 0 },
];

/** Signature order, and the same columns reversed: a server must take either. */
export const COLUMN_ORDERS: readonly (readonly (keyof ChurnRow)[])[] = [
  ['tenure', 'MonthlyCharges', 'Contract', 'SeniorCitizen'],
  ['SeniorCitizen', 'Contract', 'MonthlyCharges', 'tenure'],
];

export interface Prediction {
  prediction: string;
  probability_No: number;
  probability_Yes: number;
}

export const expected = (c: ChurnCoefficients, rows: ChurnRow[] = ROWS): Prediction[] => rows.map((row) => expectedChurn(c, row));

/** A real backend whose registry holds `churn` v1 and v2 (bare ONNX files imported), `champion` on v1. */
export async function servingBackend(): Promise<TestBackend> {
  const t = await openTestBackend();
  for (const [i, c] of [V1, V2].entries()) {
    const file = join(t.home, `churn-v${i + 1}.onnx`);
    writeChurnModel(file, c);
    await t.backend.registry.importModel({ path: file, name: 'churn' });
  }
  t.backend.registry.setAlias('churn', 'champion', 1);
  return t;
}

export async function post(url: string, body: string, contentType = 'application/json', headers: Record<string, string> = {}): Promise<{ status: number; json: unknown; text: string; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: the caller reads `text`.
  }
  return { status: response.status, json, text, headers: response.headers };
}
