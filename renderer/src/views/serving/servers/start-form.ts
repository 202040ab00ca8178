import { startServerInput, type InputOf } from '../../../../../shared/contract';

export interface StartForm {
  models: string[];
  port: string;
  host: string;
  requireToken: boolean;
  /** Log every request and its predictions into the workspace (on by default). */
  logRequests: boolean;
}

export const emptyStartForm: StartForm = { models: [], port: '0', host: '127.0.0.1', requireToken: false, logRequests: true };

export type StartInput = InputOf<'serving.start'>;

/** The `serving.start` input, or what is wrong with the form. */
export function toStartInput(form: StartForm): { input: StartInput; problems: [] } | { input: null; problems: string[] } {
  const problems: string[] = [];
  if (form.models.length === 0) problems.push('Add at least one model.');
  if (new Set(form.models).size !== form.models.length) problems.push('A model is listed twice.');
  const portText = form.port.trim();
  const port = portText === '' ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('Port: a whole number from 0 to 65535 (0 picks a free one).');
  const host = form.host.trim() || '127.0.0.1';
  const input: StartInput = { models: form.models.map((uri) => ({ uri })), port, host, requireToken: form.requireToken, inferenceLog: form.logRequests };
  if (problems.length === 0) {
    const parsed = startServerInput.safeParse(input);
    if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return problems.length === 0 ? { input, problems: [] } : { input: null, problems };
}
