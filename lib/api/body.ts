import { AppError } from '@/lib/errors';

/** Deeper than any body of the API needs; deep enough to be no limit for an honest client. */
export const MAX_JSON_DEPTH = 32;

/**
 * SECURITY: how deeply a JSON text nests arrays and objects, in one pass over
 * the text and before it is parsed, so that a `[[[[…]]]]` body is refused at
 * the cost of reading it, and nothing downstream walks it.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/**
 * The body's bytes, 413 past `maxBytes`: refused on the declared length
 * before reading, and on the bytes actually read (a chunked body declares
 * none), so an oversized body never sits in memory whole.
 */
export async function readCappedBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new AppError('payload_too_large', `The body is larger than ${maxBytes} bytes.`);
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    while (true) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        // The client hung up mid-body (ECONNRESET, "aborted"): its failure, not
        // the database's, whose connection errors carry the same codes.
        throw new AppError('bad_request', 'The request body ended before it was complete: the connection was closed. Send it again.');
      }
      const { done, value } = chunk;
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a JSON body with a size cap: 415 for another content type, 413 past
 * the cap (checked on the header and on the bytes actually read), 400 for an
 * empty body, broken JSON or nesting past MAX_JSON_DEPTH. The route
 * wrappers validate what it returns.
 */
export async function readJsonValue(req: Request, options: { maxBytes: number }): Promise<unknown> {
  if (!isJson(req)) throw new AppError('unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json".');
  const text = Buffer.from(await readCappedBytes(req, options.maxBytes)).toString('utf8');
  if (!text.trim()) throw new AppError('bad_request', 'The body is empty: send a JSON object.');
  return parseJsonText(text);
}

export const isJson = (req: Request) => /^application\/(.+\+)?json\b/i.test(req.headers.get('content-type') ?? '');

/** JSON text → value: 400 for nesting past MAX_JSON_DEPTH (checked first, in one pass) or broken JSON. */
export function parseJsonText(text: string): unknown {
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    throw new AppError('bad_request', `The body is nested more than ${MAX_JSON_DEPTH} levels deep; Orylo's bodies need a few.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The body is not valid JSON.');
  }
}
