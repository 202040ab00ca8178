import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { badRequest, HttpError } from './http-error';

export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

const tooLarge = (limit: number): HttpError =>
  new HttpError(413, 'REQUEST_LIMIT_EXCEEDED', `The request body is over the limit of ${limit} bytes; send fewer rows per request.`);

/**
 * The whole body, refused with a 413 as soon as it is known to be over the
 * limit: at once from Content-Length, else at the first chunk past it. The
 * rest is never kept (the server closes the connection after answering).
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = request.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    let first: Buffer | null = null;
    let chunks: Buffer[] | null = null;
    let size = 0;
    let refused = false;
    // No listener is removed: once refused, chunks are dropped as they come (nothing is kept).
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        first = null;
        chunks = null;
        reject(tooLarge(limit));
        return;
      }
      if (first === null) first = chunk;
      else (chunks ??= [first]).push(chunk);
    });
    request.on('end', () => {
      if (!refused) resolve(chunks ? Buffer.concat(chunks, size) : (first ?? Buffer.alloc(0)));
    });
    request.on('error', reject);
  });
}

export type BodyFormat = 'json' | 'csv';

/** The body's format from its Content-Type; 415 for anything else or a charset other than UTF-8. */
export function bodyFormat(contentType: string | undefined, accepted: readonly BodyFormat[]): BodyFormat {
  const header = contentType ?? '';
  const semicolon = header.indexOf(';');
  const media = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  const format: BodyFormat | null = media === 'application/json' ? 'json' : media === 'text/csv' ? 'csv' : null;
  if (format === null || !accepted.includes(format)) {
    const wanted = accepted.map((f) => (f === 'json' ? 'application/json' : 'text/csv')).join(' or ');
    throw new HttpError(415, 'BAD_REQUEST', `Content-Type ${media === '' ? '(none)' : `"${media}"`} is not supported here; send ${wanted}.`);
  }
  if (semicolon >= 0) {
    const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(header.slice(semicolon))?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      throw new HttpError(415, 'BAD_REQUEST', `charset "${charset}" is not supported; send UTF-8.`);
    }
  }
  return format;
}

/** The body as text: 415 for bytes that are not UTF-8, 400 for an empty body. */
export function bodyText(body: Buffer): string {
  if (body.length === 0) throw badRequest('The request body is empty; send the rows to score.');
  if (!isUtf8(body)) throw new HttpError(415, 'BAD_REQUEST', 'The request body is not valid UTF-8; send UTF-8 text.');
  return body.toString('utf8');
}

/** JSON.parse, also taking the bare NaN and Infinity that Python's json module writes. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (/NaN|Infinity/.test(text)) {
      try {
        return JSON.parse(replaceNonFinite(text));
      } catch {
        // Report the original error: it points into what the client sent.
      }
    }
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** NaN → null, Infinity → 1e999 (which parses as Infinity), outside strings only. */
function replaceNonFinite(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) inString = true;
    else if (ch === 78 /* N */ && text.startsWith('NaN', i)) {
      out += `${text.slice(from, i)}null`;
      from = i + 3;
      i += 2;
    } else if (ch === 73 /* I */ && text.startsWith('Infinity', i)) {
      out += `${text.slice(from, i)}1e999`;
      from = i + 8;
      i += 7;
    }
  }
  return out + text.slice(from);
}
