// npm run simulate -- [--scenario normal|card-testing|bin-attack|rotating-ips]
//   [--rate N] [--duration S] [--key K] [--url U] [--burst] [--seed N] [--in-flight N]
// Sends payment attempts through the public ingest API at a steady, open-loop
// pace and prints what came back (statuses, decisions, latency). Without --key
// it uses the demo organization's key that `npm run dev` created.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { env } from '@/lib/env';
import { runOpenLoop } from '@/lib/simulate/open-loop';
import { createRng, hashSeed, randomSeed } from '@/lib/simulate/random';
import { progressLine, summaryText, TrafficRecorder } from '@/lib/simulate/recorder';
import { createMix, createScenario, ZScenarioNameSchema } from '@/lib/simulate/scenarios';

const USAGE = 'usage: npm run simulate -- [--scenario normal|card-testing|bin-attack|rotating-ips] [--rate N] [--duration S] [--key K] [--url U] [--burst] [--seed N] [--in-flight N]';

const ZArgsSchema = z.object({
  scenario: ZScenarioNameSchema,
  rate: z.coerce.number({ error: 'Must be a number of requests per second' }).positive('Must be more than 0').max(500, 'At most 500 requests per second'),
  duration: z.coerce.number({ error: 'Must be a number of seconds' }).positive('Must be more than 0').max(86_400, 'At most 86400 seconds (a day)'),
  key: z.string().trim().min(1, 'Must not be empty').optional(),
  url: z.url({ protocol: /^https?$/, error: 'Must be an http(s) URL such as http://localhost:3000' }).optional(),
  burst: z.boolean(),
  seed: z.coerce.number().int('Must be an integer').min(0).max(4_294_967_295).optional(),
  inFlight: z.coerce.number().int('Must be an integer').min(1).max(1_000),
});

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function readArgs() {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        scenario: { type: 'string', default: 'normal' },
        key: { type: 'string' },
        url: { type: 'string' },
        rate: { type: 'string', default: '2' },
        duration: { type: 'string', default: '60' },
        burst: { type: 'boolean', default: false },
        seed: { type: 'string' },
        'in-flight': { type: 'string', default: '128' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const parsed = ZArgsSchema.safeParse({ ...values, inFlight: values['in-flight'] });
  if (!parsed.success) {
    const flag = (key: PropertyKey | undefined) => (key === 'inFlight' ? 'in-flight' : String(key));
    fail(parsed.error.issues.map((i) => `--${flag(i.path[0])}: ${i.message}${i.path[0] === 'scenario' ? ` (got "${values.scenario}")` : ''}`).join('\n'));
  }
  return parsed.data;
}

const args = readArgs();
const demoFile = path.join(env().ORYLO_DATA_DIR, 'demo.json');
const apiKey = args.key ?? (fs.existsSync(demoFile) ? JSON.parse(fs.readFileSync(demoFile, 'utf8')).apiKey : undefined);
if (!apiKey) fail('No API key: pass --key <key> (Settings → API keys), or run `npm run dev` once to create the demo key.');
const baseUrl = args.url ?? `http://localhost:${env().PORT}`;
const seed = args.seed ?? randomSeed();
const target = { baseUrl, apiKey };
const recorder = new TrafficRecorder();
const stop = new AbortController();
process.on('SIGINT', () => stop.abort());

const tty = process.stderr.isTTY;
let lastPrinted = 0;
const onTick = (elapsed: number) => {
  const line = progressLine(recorder, elapsed, args.duration);
  if (tty) process.stderr.write(`\r\x1b[2K${line}`);
  else if (elapsed - lastPrinted >= 5) {
    lastPrinted = elapsed;
    process.stderr.write(`${line}\n`);
  }
};

process.stderr.write(`${args.scenario} at ${args.rate}/s for ${args.duration} s → ${baseUrl} (seed ${seed})\n`);
// Bodies are drawn in request order from one seeded generator: the same --seed replays the same traffic.
const main = createMix([{ scenario: args.scenario, share: 1 }], { seed });
const rng = createRng(hashSeed(seed, 'attempts'));
const runs = [runOpenLoop({ target, ratePerSecond: args.rate, durationSeconds: args.duration, next: (i) => main(rng, i), recorder, maxInFlight: args.inFlight, signal: stop.signal, onTick })];
if (args.burst) {
  // As before: 25 card-testing attempts from one IP, 60 ms apart, a few seconds in.
  const attack = createScenario('card-testing', { seed: hashSeed(seed, 'burst') });
  const burstRng = createRng(hashSeed(seed, 'burst attempts'));
  const afterMs = Math.min(5, args.duration / 2) * 1000;
  runs.push(
    new Promise((r) => setTimeout(r, afterMs)).then(() =>
      runOpenLoop({ target, ratePerSecond: 1000 / 60, durationSeconds: args.duration, maxCount: 25, next: (i) => ({ scenario: 'card-testing', body: attack(burstRng, i) }), recorder, maxInFlight: args.inFlight, signal: stop.signal }),
    ),
  );
}
await Promise.all(runs);
if (tty) process.stderr.write('\n');
const summary = recorder.summary();
process.stdout.write(`${summaryText(summary)}\n`);
const ok = Object.entries(summary.statuses).some(([status]) => status.startsWith('2'));
if (summary.sent > 0 && !ok) {
  process.stderr.write(`No request succeeded: check --url (${baseUrl}) and --key (a 401 means the key is unknown or revoked).\n`);
  process.exit(1);
}
process.exit(0);
