import pino from 'pino';
import pretty from 'pino-pretty';
import { env } from './env';
import { serializeError } from './log-redact';
import { processState } from './process-state';

// One pino logger for the server (docs/architecture.md, "Logging"). Requests get child loggers with
// their request id, user and org (see lib/api/context.ts).

function createLogger() {
  const e = env();
  const isPretty = e.LOG_PRETTY ? e.LOG_PRETTY === '1' : e.NODE_ENV === 'development';
  const options: pino.LoggerOptions = {
    level: e.LOG_LEVEL,
    base: { app: 'orylo' },
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.key', '*.password'],
    // Never a failed query's parameters, whatever the key the error is logged under.
    serializers: { err: serializeError, error: serializeError },
  };
  // A synchronous pretty stream, not a transport: transports run in worker
  // threads, which bundlers and short-lived scripts handle badly.
  return isPretty
    ? pino(options, pretty({ colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname,app', singleLine: true, sync: true }))
    : pino(options);
}

export function logger(): pino.Logger {
  return processState('logger', createLogger);
}

export type Logger = pino.Logger;
