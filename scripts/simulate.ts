// npm run simulate -- [--key K] [--url U] [--rate N] [--duration S] [--burst]
// Sends payment attempts through the public ingest API. Without --key it uses
// the demo organization's key that `npm run dev` created.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { env } from '@/lib/env';
import { runTraffic } from '@/lib/simulate/traffic';

const { values } = parseArgs({
  options: {
    key: { type: 'string' },
    url: { type: 'string' },
    rate: { type: 'string', default: '2' },
    duration: { type: 'string', default: '60' },
    burst: { type: 'boolean', default: false },
  },
});

const ZArgs = z.object({
  rate: z.coerce.number().positive().max(1000),
  duration: z.coerce.number().positive().max(86_400),
});
const args = ZArgs.parse(values);
const demoFile = path.join(env().ORYLO_DATA_DIR, 'demo.json');
const apiKey = values.key ?? (fs.existsSync(demoFile) ? JSON.parse(fs.readFileSync(demoFile, 'utf8')).apiKey : undefined);
if (!apiKey) {
  process.stderr.write('No API key: pass --key <key> (Settings → API keys), or run `npm run dev` once to create the demo key.\n');
  process.exit(2);
}
const baseUrl = values.url ?? `http://localhost:${env().PORT}`;
const counts: Record<string, number> = {};
const result = await runTraffic({
  baseUrl,
  apiKey,
  ratePerSecond: args.rate,
  durationSeconds: args.duration,
  burst: values.burst ? { afterSeconds: Math.min(5, args.duration / 2), count: 25 } : undefined,
  onResult: (status, decision) => {
    const k = decision ?? `HTTP ${status}`;
    counts[k] = (counts[k] ?? 0) + 1;
  },
});
process.stdout.write(`sent ${result.sent}, failed ${result.failed}: ${JSON.stringify(counts)}\n`);
