import { handle, requestLogger } from '@/lib/api/context';
import { SSE_HEADERS } from '@/lib/realtime/sse';
import { createDetectionStream } from '@/lib/realtime/stream';
import { prepareStream } from '@/lib/realtime/stream-request';

export const dynamic = 'force-dynamic';

// GET /api/v1/events – stream new detections of the active org (SSE).
// `npm start` and `npm run dev` serve this path from the lean Node handler
// (lib/realtime/node-handler.ts) to keep each open stream small; this route
// answers the same way when Next is run on its own (`next start`, serverless).
export async function GET(req: Request): Promise<Response> {
  const { log } = requestLogger(req);
  return handle(log, async () => {
    const options = await prepareStream(req, log);
    return new Response(createDetectionStream({ ...options, signal: req.signal }), { status: 200, headers: SSE_HEADERS });
  });
}
