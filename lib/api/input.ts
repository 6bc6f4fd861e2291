import { z } from 'zod';
import { throwIfUnsafeText } from '@/lib/card-number';
import { AppError, validationError } from '@/lib/errors';
import type { Logger } from '@/lib/logger';
import { readJsonValue } from './body';

export type TRouteParams = Record<string, string | string[] | undefined>;
export type TNextContext = { params: Promise<TRouteParams> };

/** What a route reads from its request besides credentials; each part is parsed by the wrapper before the handler runs. */
export type TInputOptions<TQuery, TParams, TBody> = {
  /** The search parameters (each a string): a failure is a 400 naming the parameter. */
  query?: z.ZodType<TQuery>;
  /** The path's parameters: a failure is a 404 with the schema's message (see uuidParam). */
  params?: z.ZodType<TParams>;
  /**
   * A JSON body, capped before parsing (413), then validated (400): by a zod
   * schema, or by the domain's own parser when it checks more than a schema
   * can (a card number anywhere in the body, unknown keys included).
   */
  body?: { maxBytes: number | (() => number) } & ({ schema: z.ZodType<TBody> } | { parse: (value: unknown) => TBody });
};

export type TInput<TQuery, TParams, TBody> = { query: TQuery; params: TParams; body: TBody };

/** What every handler gets: its parsed input, the request, the client IP and a child logger. */
export type TRouteContext<TQuery = undefined, TParams = undefined, TBody = undefined> = TInput<TQuery, TParams, TBody> & {
  req: Request;
  ip: string;
  log: Logger;
};

/** A path id that must be a UUID: anything else cannot name a row, so it is the resource's 404. */
export const uuidParam = (what: string) => z.uuid({ error: `No ${what} with this id in your organization.` });

async function readParams(nextCtx: TNextContext | undefined): Promise<Record<string, string>> {
  const raw = (nextCtx ? await nextCtx.params : undefined) ?? {};
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

/**
 * Parses a request's params, query and body as the route declared them.
 * Runs before any transaction opens, so a slow upload never holds a
 * database connection.
 */
export async function readInput<TQuery, TParams, TBody>(
  req: Request,
  nextCtx: TNextContext | undefined,
  options: TInputOptions<TQuery, TParams, TBody>,
): Promise<TInput<TQuery, TParams, TBody>> {
  let params = undefined as TParams;
  if (options.params) {
    const parsed = options.params.safeParse(await readParams(nextCtx));
    if (!parsed.success) throw new AppError('not_found', parsed.error.issues[0].message);
    params = parsed.data;
  }
  let query = undefined as TQuery;
  if (options.query) {
    const parsed = options.query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!parsed.success) throw validationError(parsed.error);
    query = parsed.data;
  }
  let body = undefined as TBody;
  if (options.body) {
    const spec = options.body;
    const maxBytes = typeof spec.maxBytes === 'function' ? spec.maxBytes() : spec.maxBytes;
    const value = await readJsonValue(req, { maxBytes });
    // The domain's own parser checks the text with its own advice; a schema gets the shared check.
    if ('parse' in spec) body = spec.parse(value);
    else {
      throwIfUnsafeText(value);
      const parsed = spec.schema.safeParse(value);
      if (!parsed.success) throw validationError(parsed.error);
      body = parsed.data;
    }
  }
  return { query, params, body };
}
