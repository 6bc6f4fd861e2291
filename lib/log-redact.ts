import pino from 'pino';

// SECURITY: what a failed query carried must never reach the logs (emails,
// IPs, review notes, anything that slipped past a check). Drizzle puts the
// parameters in its error's message ("Failed query: …\nparams: …") and in
// `params`; postgres.js keeps them in `parameters`; PostgreSQL's `detail`
// quotes row values ("Key (email)=(…) already exists"), and its messages quote
// the offending input ('invalid input syntax for type integer: "…"'). The SQL
// text itself, with its $n placeholders, stays: it says which query failed.

const DATA_FIELDS = ['params', 'parameters', 'args', 'detail', 'body'] as const;
const PARAMS_LINE = /\nparams: [\s\S]*?(?=\n\s+at |\n\S+Error\b|$)/g;
/** A PostgreSQL error's line (its own message, or a "caused by:" line): quoted values go. */
const POSTGRES_LINE = /^(.*PostgresError: .*)$/gm;

function redactText(text: string, isPostgres: boolean): string {
  const redacted = text.replace(PARAMS_LINE, '\nparams: [redacted]').replace(POSTGRES_LINE, (line) => line.replace(/"[^"]*"/g, '"[redacted]"'));
  return isPostgres ? redacted.replace(/"[^"\n]*"/, '"[redacted]"') : redacted;
}

type TSerialized = Record<string, unknown> & { message?: string; stack?: string; aggregateErrors?: TSerialized[] };

function scrub(err: TSerialized): TSerialized {
  for (const field of DATA_FIELDS) delete err[field];
  const isPostgres = err.type === 'PostgresError';
  if (typeof err.message === 'string') err.message = redactText(err.message, isPostgres);
  if (typeof err.stack === 'string') err.stack = redactText(err.stack, isPostgres);
  for (const [key, value] of Object.entries(err)) {
    if (value && typeof value === 'object' && 'message' in value && 'stack' in value) scrub(value as TSerialized);
    else if (key === 'aggregateErrors' && Array.isArray(value)) value.forEach((e) => scrub(e as TSerialized));
  }
  return err;
}

/** pino's error serializer, without the data a failed query carried. */
export function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown;
  return out && typeof out === 'object' ? scrub(out as TSerialized) : out;
}
