import { describe, expect, it } from 'vitest';
import { emptyStartForm, toStartInput } from './start-form';

describe('the start form', () => {
  it('makes the serving.start input', () => {
    const { input } = toStartInput({ models: ['models:/churn@champion', 'models:/price/2'], port: '8080', host: ' 0.0.0.0 ', requireToken: true, logRequests: false });
    expect(input).toEqual({ models: [{ uri: 'models:/churn@champion' }, { uri: 'models:/price/2' }], port: 8080, host: '0.0.0.0', requireToken: true, inferenceLog: false });
    expect(toStartInput({ ...emptyStartForm, models: ['models:/churn@champion'] }).input?.inferenceLog).toBe(true);
  });

  it('picks any free port and 127.0.0.1 when left empty', () => {
    expect(toStartInput({ ...emptyStartForm, models: ['models:/churn@champion'], port: '', host: '' }).input).toMatchObject({ port: 0, host: '127.0.0.1' });
  });

  it('says what is wrong', () => {
    expect(toStartInput(emptyStartForm).problems).toEqual(['Add at least one model.']);
    expect(toStartInput({ ...emptyStartForm, models: ['models:/a/1', 'models:/a/1'] }).problems).toEqual(['A model is listed twice.']);
    expect(toStartInput({ ...emptyStartForm, models: ['models:/a/1'], port: '70000' }).problems[0]).toMatch(/^Port/);
    expect(toStartInput({ ...emptyStartForm, models: ['runs:/a/model'] }).problems[0]).toMatch(/^models\.0\.uri/);
  });
});
