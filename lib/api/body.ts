import { AppError } from '@/lib/errors';

/**
 * Reads a JSON body with a size cap: 415 for another content type, 413 past
 * the cap (checked on the header and on the bytes actually read), 400 for an
 * empty body or broken JSON. The route wrappers validate what it returns.
 */
export async function readJsonValue(req: Request, options: { maxBytes: number }): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json".');
  }
  const tooLarge = () => new AppError('payload_too_large', `The body is larger than ${options.maxBytes} bytes.`);
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes) throw tooLarge();

  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > options.maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) throw new AppError('bad_request', 'The body is empty: send a JSON object.');
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The body is not valid JSON.');
  }
}
