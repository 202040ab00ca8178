import { z } from 'zod';
import { apiErrorSchema } from '../contract/errors';


/** Path of the WebSocket that carries the same messages in server mode. */
export const SOCKET_PATH = '/api/socket';

const requestId = z.number().int().nonnegative();

/** Messages from a client (the UI, a script) to the backend. */
export const clientMessageSchema = z.discriminatedUnion('t', [
  /** Sent once per page load, so the backend drops what an earlier page of the same window left. */
  z.object({ t: z.literal('hello') }),
  z.object({ t: z.literal('call'), id: requestId, procedure: z.string(), input: z.unknown() }),
  z.object({ t: z.literal('abort'), id: requestId }),
  z.object({ t: z.literal('subscribe'), event: z.string() }),
  z.object({ t: z.literal('unsubscribe'), event: z.string() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** Messages from the backend to a client. */
export const serverMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id: requestId, output: z.unknown() }),
  z.object({ t: z.literal('error'), id: requestId, error: apiErrorSchema }),
  z.object({ t: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
