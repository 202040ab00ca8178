import { describe, expect, it } from 'vitest';
import { clientMessageSchema, serverMessageSchema } from '../client/wire';
import { contract, errorCodes, httpStatusForCode, procedureNamePattern, WorkbenchError } from '.';

describe('the API contract', () => {
  const entries = Object.entries(contract.procedures);

  it('names every procedure area.verb, and gives it input and output schemas', () => {
    expect(entries.length).toBeGreaterThan(5);
    for (const [name, def] of entries) {
      expect(name).toMatch(procedureNamePattern);
      expect(def.summary.length).toBeGreaterThan(10);
      expect(typeof def.input.safeParse).toBe('function');
      const output = def.kind === 'call' ? def.output : def.result;
      expect(typeof output.safeParse).toBe('function');
    }
  });

  it('rejects extra fields where a procedure takes no input', () => {
    expect(contract.procedures['system.health'].input.safeParse({}).success).toBe(true);
    expect(contract.procedures['system.health'].input.safeParse({ sneaky: 1 }).success).toBe(false);
    expect(contract.procedures['workspace.open'].input.safeParse({ path: '  ' }).success).toBe(false);
    expect(contract.procedures['workspace.open'].input.safeParse({ path: ' /x ' })).toMatchObject({ success: true, data: { path: '/x' } });
  });

  it('maps every error code to an HTTP status', () => {
    for (const code of errorCodes) expect(httpStatusForCode[code]).toBeGreaterThanOrEqual(400);
    expect(httpStatusForCode.invalid_input).toBe(400);
    expect(httpStatusForCode.unknown_procedure).toBe(400);
    expect(httpStatusForCode.unauthorized).toBe(401);
    expect(httpStatusForCode.forbidden).toBe(403);
  });

  it('round-trips errors as plain data, without stacks', () => {
    const error = new WorkbenchError('workspace_not_found', 'gone', { path: '/x' });
    const wire = JSON.parse(JSON.stringify(error)) as unknown;
    expect(wire).toEqual({ code: 'workspace_not_found', message: 'gone', details: { path: '/x' } });
    const rebuilt = WorkbenchError.fromApiError(wire as never);
    expect(rebuilt).toBeInstanceOf(WorkbenchError);
    expect(rebuilt.code).toBe('workspace_not_found');
  });

  it('validates wire messages in both directions', () => {
    expect(clientMessageSchema.safeParse({ t: 'call', id: 1, procedure: 'system.health', input: {} }).success).toBe(true);
    expect(clientMessageSchema.safeParse({ t: 'call', id: -1, procedure: 'x' }).success).toBe(false);
    expect(clientMessageSchema.safeParse({ t: 'eval', code: '1' }).success).toBe(false);
    expect(serverMessageSchema.safeParse({ t: 'error', id: 1, error: { code: 'made_up', message: '' } }).success).toBe(false);
  });
});
