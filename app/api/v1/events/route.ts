import { errorResponse } from '@/lib/api/errors';
import { openStreamRequest } from '@/lib/api/stream';
import { AppError } from '@/lib/errors';
import { SSE_HEADERS } from '@/lib/realtime/sse';
import { createDetectionStream } from '@/lib/realtime/stream';

export const dynamic = 'force-dynamic';

// GET /api/v1/events – stream new detections of the active org (SSE).
// `npm start` and `npm run dev` serve this path from the lean Node handler
// (lib/api/stream-node.ts) to keep each open stream small; this route
// answers the same way when Next is run on its own (`next start`, serverless).
// HEAD would otherwise run GET (Next's default) and open a stream nobody reads.
// Next would abort req.signal only for a response that did not finish, and a
// HEAD's does: the stream's slot and poller were never released.
export function HEAD(): Response {
  const res = errorResponse(new AppError('method_not_allowed', 'The event stream answers GET only.'));
  res.headers.set('Allow', 'GET');
  return res;
}

export async function GET(req: Request): Promise<Response> {
  const opened = await openStreamRequest(req);
  if ('refused' in opened) return opened.refused;
  opened.options.log.info({ status: 200 }, 'request');
  return new Response(createDetectionStream({ ...opened.options, signal: req.signal }), { status: 200, headers: SSE_HEADERS });
}
