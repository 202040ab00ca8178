import { z } from 'zod';

/**
 * The closed set of error codes that cross the API. Codes are stable: clients
 * branch on them, so a code is never renamed or reused for another meaning.
 */
export const errorCodes = [
  'invalid_input',
  'unknown_procedure',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'cancelled',
  'unavailable',
  'payload_too_large',
  'unsupported_media_type',
  'workspace_not_found',
  'workspace_unwritable',
  'workspace_too_new',
  'workspace_corrupt',
  'workspace_exists',
  'no_workspace',
  'query_failed',
  'data_unreadable',
  'out_of_memory',
  'disk_full',
  'dataset_exists',
  'jupyter_missing',
  'jupyter_unreachable',
  'jupyter_auth_failed',
  'kernel_dead',
  'notebook_invalid',
  'git_not_repository',
  'git_detached_head',
  'git_merge_conflict',
  'git_local_changes',
  'git_push_rejected',
  'git_auth_failed',
  'git_remote_unreachable',
  'git_index_corrupt',
  'git_author_missing',
  'git_nothing_to_commit',
  'training_bad_data',
  'training_diverged',
  'backend_unavailable',
  'model_invalid',
  'registry_unreachable',
  'registry_auth_failed',
  'registry_rejected',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const apiErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** The plain form of an error on the wire: no class, no stack. */
export type ApiError = z.infer<typeof apiErrorSchema>;

/** The one error class on both sides; rebuilt from {@link ApiError} on the client. */
export class WorkbenchError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'WorkbenchError';
    this.code = code;
    this.details = details;
  }

  toJSON(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromApiError(error: ApiError): WorkbenchError {
    return new WorkbenchError(error.code, error.message, error.details);
  }
}

export function isWorkbenchError(value: unknown): value is WorkbenchError {
  return value instanceof WorkbenchError;
}

/** HTTP status for each code, used by server mode. */
export const httpStatusForCode: Record<ErrorCode, number> = {
  invalid_input: 400,
  unknown_procedure: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  cancelled: 499,
  unavailable: 503,
  payload_too_large: 413,
  unsupported_media_type: 415,
  workspace_not_found: 404,
  workspace_unwritable: 409,
  workspace_too_new: 409,
  workspace_corrupt: 409,
  workspace_exists: 409,
  no_workspace: 409,
  query_failed: 400,
  data_unreadable: 422,
  out_of_memory: 507,
  disk_full: 507,
  dataset_exists: 409,
  jupyter_missing: 503,
  jupyter_unreachable: 502,
  jupyter_auth_failed: 502,
  kernel_dead: 409,
  notebook_invalid: 422,
  git_not_repository: 409,
  git_detached_head: 409,
  git_merge_conflict: 409,
  git_local_changes: 409,
  git_push_rejected: 409,
  git_auth_failed: 401,
  git_remote_unreachable: 502,
  git_index_corrupt: 500,
  git_author_missing: 422,
  git_nothing_to_commit: 409,
  training_bad_data: 422,
  training_diverged: 422,
  backend_unavailable: 503,
  model_invalid: 422,
  registry_unreachable: 502,
  registry_auth_failed: 401,
  registry_rejected: 409,
  internal: 500,
};
