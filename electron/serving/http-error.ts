/**
 * An answer other than 200, as MLflow's scoring server words it:
 * `{"error_code": "BAD_REQUEST", "message": "..."}`. Thrown anywhere on the
 * request path and turned into the response by the server.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, 'BAD_REQUEST', message);
