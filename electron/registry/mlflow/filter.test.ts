import { describe, expect, it } from 'vitest';
import { parseFilter, passes } from './filter';

const record = { name: 'Churn-model', run_id: 'abc', version_number: 3 } as Record<string, string | number>;
const tags: Record<string, string> = { team: 'risk', 'owner name': "O'Brien" };
const check = (filter: string): boolean =>
  passes(parseFilter(filter, ['name', 'run_id', 'version_number']), (key, tag) => (tag ? tags[key] : record[key]));

describe("MLflow's registry search filters", () => {
  it('compares names exactly, with LIKE (case-sensitive) and ILIKE', () => {
    expect(check("name = 'Churn-model'")).toBe(true);
    expect(check("name = 'churn-model'")).toBe(false);
    expect(check("name LIKE 'Churn%'")).toBe(true);
    expect(check("name LIKE 'churn%'")).toBe(false);
    expect(check("name ILIKE 'churn%'")).toBe(true);
    expect(check("name LIKE 'Churn_model'")).toBe(true);
    expect(check("name LIKE 'C.urn%'")).toBe(false);
    expect(check("name != 'x'")).toBe(true);
  });

  it('reads IN lists, numbers, tags (backquoted keys, doubled quotes) and AND', () => {
    expect(check("run_id IN ('x', 'abc')")).toBe(true);
    expect(check("run_id NOT IN ('x', 'abc')")).toBe(false);
    expect(check('version_number > 2 AND version_number <= 3')).toBe(true);
    expect(check("tags.team = 'risk' and name LIKE '%model'")).toBe(true);
    expect(check("tags.`owner name` = 'O''Brien'")).toBe(true);
    expect(check("tags.missing = 'x'")).toBe(false);
    expect(check("tags.missing != 'x'")).toBe(true);
  });

  it('refuses what MLflow refuses, naming the problem', () => {
    expect(() => check("owner = 'x'")).toThrow(/"owner" is not searchable/);
    expect(() => check("name = 'a' OR name = 'b'")).toThrow(/AND/);
    expect(() => check('name = churn')).toThrow(/single quotes/);
    expect(() => check("name ~ 'a'")).toThrow();
    expect(() => check("run_id IN ('a'")).toThrow(/IN/);
  });
});
