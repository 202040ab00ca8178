import { inspect } from 'node:util';

/**
 * The backend's log: one line per entry on stderr, so server mode's stdout stays
 * free for its one "running at" line. Stack traces go here, never over the API.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, error?: unknown, fields?: Record<string, unknown>): void;
}

export type LogSink = (line: string) => void;

export function createLogger(sink: LogSink = (line) => process.stderr.write(`${line}\n`)): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>): void => {
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    sink(`${new Date().toISOString()} ${level} ${message}${extra}`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, error, fields) => {
      write('error', message, fields);
      if (error instanceof Error && error.stack) sink(error.stack);
      else if (error !== undefined) sink(inspect(error));
    },
  };
}

/** For tests and benchmarks that must not print. */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
