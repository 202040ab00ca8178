import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import { WorkbenchError } from '../../shared/contract';

export interface GuardOptions {
  token: string;
  /** The address the server is bound to, as given (`127.0.0.1`, `::1`, `0.0.0.0`, a LAN address). */
  boundHost: string;
  port: number;
}

/** Checks every request: the Host header (against DNS rebinding), the Origin, and the token. */
export interface Guard {
  readonly cookieName: string;
  /** Throws `forbidden` for a foreign Host or Origin. */
  checkSource(request: IncomingMessage): void;
  /** Throws `unauthorized` unless the bearer header or the cookie carries the token. */
  checkToken(request: IncomingMessage): void;
  tokenMatches(candidate: string | undefined | null): boolean;
}

export function createGuard({ token, boundHost, port }: GuardOptions): Guard {
  const allowedHosts = new Set(hostNames(boundHost).map((name) => `${name}:${port}`));
  const allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`));
  const expected = Buffer.from(token);
  const cookieName = `workbench_token_${port}`;

  const tokenMatches = (candidate: string | undefined | null): boolean => {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  return {
    cookieName,
    tokenMatches,
    checkSource(request) {
      const host = (request.headers.host ?? '').toLowerCase();
      if (!allowedHosts.has(host)) {
        throw new WorkbenchError('forbidden', `Requests for host "${host}" are refused; use http://127.0.0.1:${port}/.`, { host });
      }
      const origin = request.headers.origin;
      if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase())) {
        throw new WorkbenchError('forbidden', `Cross-origin requests are refused (origin "${origin}").`, { origin });
      }
      if (request.headers['sec-fetch-site'] === 'cross-site') {
        throw new WorkbenchError('forbidden', 'Cross-site requests are refused.');
      }
    },
    checkToken(request) {
      const header = request.headers.authorization;
      const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
      if (tokenMatches(bearer) || tokenMatches(readCookie(request, cookieName))) return;
      throw new WorkbenchError(
        'unauthorized',
        'This API needs the token that `workbench serve` printed (Authorization: Bearer TOKEN, or open the printed URL).',
      );
    },
  };
}

/** The names a legitimate client may use for this server in its Host header. */
function hostNames(boundHost: string): string[] {
  const names = ['localhost', '127.0.0.1', '[::1]'];
  const wildcard = boundHost === '0.0.0.0' || boundHost === '::';
  const addresses = wildcard
    ? Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((item) => item.address))
    : [boundHost];
  for (const address of addresses) names.push(address.includes(':') ? `[${address.toLowerCase()}]` : address.toLowerCase());
  return [...new Set(names)];
}

export function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}
