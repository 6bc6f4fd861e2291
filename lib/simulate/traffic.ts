import { postIngest, sleep } from './open-loop';
import { mathRandom } from './random';
import { createScenario, type TTransactionBody } from './scenarios';

// Gentle demo traffic (`npm run dev`): shoppers at a jittered pace, with an
// optional card-testing burst. Never a real card number: cards are described
// by fingerprint, BIN and last 4 only (see scenarios.ts).

export type TSimulatedTransaction = TTransactionBody;


export type TTrafficOptions = {
  baseUrl: string;
  apiKey: string;
  ratePerSecond: number;
  durationSeconds: number;
  burst?: { afterSeconds: number; count: number };
  signal?: AbortSignal;
  onResult?: (status: number, decision?: string) => void;
};

/**
 * Sends shoppers one at a time at about `ratePerSecond` (jittered gaps) until
 * the duration ends or the signal aborts; after `burst.afterSeconds`, one
 * card-testing burst of `burst.count` attempts from one fresh attacker IP.
 * For load at a fixed schedule use runOpenLoop.
 */
export async function runTraffic(options: TTrafficOptions): Promise<{ sent: number; failed: number }> {
  const target = { baseUrl: options.baseUrl, apiKey: options.apiKey };
  const send = async (tx: TSimulatedTransaction) => {
    if (options.signal?.aborted) return false;
    const { status, decision } = await postIngest(target, JSON.stringify(tx));
    options.onResult?.(typeof status === 'number' ? status : 0, decision);
    return typeof status === 'number' && status >= 200 && status < 300;
  };
  let sent = 0;
  let failed = 0;
  const end = Date.now() + options.durationSeconds * 1000;
  const start = Date.now();
  let burstDone = !options.burst;
  const shoppers = createScenario('normal');
  let shopperCount = 0;
  while (Date.now() < end && !options.signal?.aborted) {
    if (!burstDone && Date.now() - start >= options.burst!.afterSeconds * 1000) {
      burstDone = true;
      const attack = createScenario('card-testing');
      for (let i = 0; i < options.burst!.count && !options.signal?.aborted; i++) {
        (await send(attack(mathRandom, i))) ? sent++ : failed++;
        await sleep(60, options.signal);
      }
    }
    (await send(shoppers(mathRandom, shopperCount++))) ? sent++ : failed++;
    const meanGap = 1000 / options.ratePerSecond;
    await sleep(meanGap * (0.5 + Math.random()), options.signal);
  }
  return { sent, failed };
}
