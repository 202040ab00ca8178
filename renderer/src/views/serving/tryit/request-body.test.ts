import { describe, expect, it } from 'vitest';
import type { SignatureField } from '../../../../../shared/contract';
import { buildRequest, fieldKind, formatJson, initialValues, prettyBody, readRow, v2Datatype } from './request-body';

const churn: SignatureField[] = [
  { name: 'tenure', type: 'long' },
  { name: 'MonthlyCharges', type: 'double' },
  { name: 'Contract', type: 'string' },
  { name: 'Paperless', type: 'boolean' },
];
const filled = { tenure: '12', MonthlyCharges: '70.35', Contract: 'Month-to-month', Paperless: true };

describe('the try-it form', () => {
  it('types each field from the signature', () => {
    expect(churn.map(fieldKind)).toEqual(['integer', 'number', 'text', 'boolean']);
    expect(fieldKind({ name: 'x', type: 'float' })).toBe('number');
    expect(fieldKind({ name: 'x', type: 'integer' })).toBe('integer');
    expect(fieldKind({ name: 't', type: 'tensor', dtype: 'float32', shape: [-1, 4] })).toBe('json');
    expect(initialValues(churn)).toEqual({ tenure: '0', MonthlyCharges: '0', Contract: '', Paperless: false });
  });

  it('writes MLflow dataframe_split with the columns in signature order', () => {
    const { request, problems } = buildRequest('dataframe_split', churn, filled, 'churn');
    expect(problems).toEqual([]);
    expect(request?.path).toBe('/invocations');
    expect(JSON.parse(request?.body ?? '')).toEqual({ dataframe_split: { columns: ['tenure', 'MonthlyCharges', 'Contract', 'Paperless'], data: [[12, 70.35, 'Month-to-month', true]] } });
  });

  it('writes MLflow dataframe_records as one object per row', () => {
    const { request } = buildRequest('dataframe_records', churn, filled, 'churn');
    expect(request?.path).toBe('/invocations');
    expect(JSON.parse(request?.body ?? '')).toEqual({ dataframe_records: [{ tenure: 12, MonthlyCharges: 70.35, Contract: 'Month-to-month', Paperless: true }] });
  });

  it('writes an Open Inference Protocol v2 infer request with one 1-D input per column', () => {
    const { request } = buildRequest('v2_infer', churn, filled, 'churn model');
    expect(request?.path).toBe('/v2/models/churn%20model/infer');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      inputs: [
        { name: 'tenure', shape: [1], datatype: 'INT64', data: [12] },
        { name: 'MonthlyCharges', shape: [1], datatype: 'FP64', data: [70.35] },
        { name: 'Contract', shape: [1], datatype: 'BYTES', data: ['Month-to-month'] },
        { name: 'Paperless', shape: [1], datatype: 'BOOL', data: [true] },
      ],
    });
  });

  it('shows the body it sends as readable JSON, a row on one line', () => {
    const { request } = buildRequest('dataframe_split', churn, filled, 'churn');
    expect(request?.body).toBe(
      ['{', '  "dataframe_split": {', '    "columns": ["tenure", "MonthlyCharges", "Contract", "Paperless"],', '    "data": [', '      [12, 70.35, "Month-to-month", true]', '    ]', '  }', '}'].join('\n'),
    );
    for (const value of [{ a: [[1, [2]], []], b: {}, c: 'x"y', d: null }, [], [{}], 'text', 3.5])
      expect(JSON.parse(formatJson(value))).toEqual(value);
  });

  it('names each field that cannot be sent, and sends nothing then', () => {
    const { request, problems } = buildRequest('dataframe_split', churn, { tenure: '1.5', MonthlyCharges: 'abc', Contract: '', Paperless: false }, 'churn');
    expect(request).toBeNull();
    expect(problems).toEqual([
      { column: 'tenure', message: 'must be a whole number' },
      { column: 'MonthlyCharges', message: 'is not a number' },
    ]);
    expect(readRow(churn, { ...filled, tenure: ' ' }).problems).toEqual([{ column: 'tenure', message: 'needs a value' }]);
  });

  it('leaves out empty optional columns', () => {
    const inputs: SignatureField[] = [{ name: 'a', type: 'double' }, { name: 'b', type: 'double', optional: true }, { name: 'c', type: 'string', optional: true }];
    const { request } = buildRequest('dataframe_split', inputs, { a: '1', b: '', c: '' }, 'm');
    expect(JSON.parse(request?.body ?? '')).toEqual({ dataframe_split: { columns: ['a'], data: [[1]] } });
  });

  it('sends tensors as JSON, shaped for v2', () => {
    const inputs: SignatureField[] = [{ name: 'x', type: 'tensor', dtype: 'float32', shape: [-1, 2] }];
    expect(v2Datatype(inputs[0] as SignatureField)).toBe('FP32');
    const { request } = buildRequest('v2_infer', inputs, { x: '[[1, 2]]' }, 'm');
    expect(JSON.parse(request?.body ?? '')).toEqual({ inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [1, 2] }] });
    expect(buildRequest('v2_infer', inputs, { x: '[[1, 2' }, 'm').problems).toEqual([{ column: 'x', message: 'is not valid JSON' }]);
  });

  it('indents JSON answers and leaves others as they came', () => {
    expect(prettyBody('{"predictions":[{"prediction":"Yes"}]}')).toBe('{\n  "predictions": [\n    {\n      "prediction": "Yes"\n    }\n  ]\n}');
    expect(prettyBody('not json')).toBe('not json');
  });
});
