import { postIngest, sleep } from './open-loop';
import { mathRandom } from './random';
import { createScenario, type TTransactionBody } from './scenarios';

// Gentle demo traffic (`npm run dev`): shoppers at a jittered pace, with an
// optional card-testing burst. Never a real card number: cards are described
// by fingerprint, BIN and last 4 only (see scenarios.ts).

export type TSimulatedTransaction = TTransactionBody;


/**
 * What the merchant learns later, as the demo tells it: the card issuer warns
 * of fraud on card-testing attempts that got through, and now and then a
 * shopper is confirmed genuine (support called them back). It gives the demo's
 * detections labels, so a rule tested on them has a precision and a recall.
 */
async function reportOutcome(target: { baseUrl: string; apiKey: string }, externalId: string, type: 'early_fraud_warning' | 'legit_confirmed') {
  await fetch(new URL(`/api/v1/transactions/${encodeURIComponent(externalId)}/events`, target.baseUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${target.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type }),
  }).catch(() => undefined);
}

export type TTrafficOptions = {
  baseUrl: string;
  apiKey: string;
  ratePerSecond: number;
  durationSeconds: number;
  burst?: { afterSeconds: number; count: number };
  /** Report outcomes afterwards (reportOutcome): the demo does, load tests do not. */
  outcomes?: boolean;
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
  const send = async (tx: TSimulatedTransaction, later?: 'early_fraud_warning' | 'legit_confirmed') => {
    if (options.signal?.aborted) return false;
    const { status, decision } = await postIngest(target, JSON.stringify(tx));
    options.onResult?.(typeof status === 'number' ? status : 0, decision);
    const ok = typeof status === 'number' && status >= 200 && status < 300;
    // Only a payment that was not blocked can come back as a fraud warning.
    if (ok && options.outcomes && later && (later === 'legit_confirmed' || decision !== 'BLOCK')) await reportOutcome(target, tx.externalId, later);
    return ok;
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
        (await send(attack(mathRandom, i), Math.random() < 0.5 ? 'early_fraud_warning' : undefined)) ? sent++ : failed++;
        await sleep(60, options.signal);
      }
    }
    (await send(shoppers(mathRandom, shopperCount++), Math.random() < 0.03 ? 'legit_confirmed' : undefined)) ? sent++ : failed++;
    const meanGap = 1000 / options.ratePerSecond;
    await sleep(meanGap * (0.5 + Math.random()), options.signal);
  }
  return { sent, failed };
}
