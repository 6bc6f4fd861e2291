import { randomUUID } from 'node:crypto';

// Realistic-looking payment attempts for demos and tests. Never a real card
// number: cards are described by fingerprint, BIN and last 4 only.

const BINS = ['424242', '411111', '555555', '510510', '378282', '601111', '453201', '520082'];
const COUNTRIES = ['FR', 'DE', 'US', 'GB', 'ES', 'IT', 'NL'];
const CURRENCIES = ['EUR', 'EUR', 'EUR', 'USD', 'GBP'];
const NAMES = ['jane', 'omar', 'li', 'sofia', 'lucas', 'amara', 'noah', 'mia', 'yuki', 'ivan'];
const DOMAINS = ['example.com', 'mail.test', 'shop.example'];

const pick = <T,>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const ip = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}`;

export type TSimulatedTransaction = Record<string, unknown> & { externalId: string };

/** An ordinary shopper: mostly authorized, amounts from 5 to 400 in the currency. */
export function normalTransaction(): TSimulatedTransaction {
  const name = pick(NAMES);
  const bin = pick(BINS);
  const declined = Math.random() < 0.06;
  return {
    externalId: `sim_${randomUUID()}`,
    amount: Math.round(500 + Math.random() ** 2 * 40_000),
    currency: pick(CURRENCIES),
    email: `${name}.${digits(3)}@${pick(DOMAINS)}`,
    ip: ip(),
    customerId: `cus_${digits(6)}`,
    card: { fingerprint: `fp_${name}_${digits(4)}`, bin, last4: digits(4), country: pick(COUNTRIES) },
    authStatus: declined ? 'declined' : 'authorized',
    ...(declined ? { declineCode: 'insufficient_funds' } : {}),
  };
}

/** One attempt of a card-testing script: one IP, fresh cards, tiny amounts, many declines. */
export function cardTestingTransaction(attackerIp: string): TSimulatedTransaction {
  const declined = Math.random() < 0.7;
  return {
    externalId: `sim_ct_${randomUUID()}`,
    amount: 50 + Math.floor(Math.random() * 150),
    currency: 'USD',
    email: `buyer${digits(5)}@mail.test`,
    ip: attackerIp,
    card: { fingerprint: `fp_stolen_${randomUUID().slice(0, 8)}`, bin: '453201', last4: digits(4), country: 'US' },
    authStatus: declined ? 'declined' : 'authorized',
    ...(declined ? { declineCode: pick(['card_declined', 'incorrect_cvc', 'do_not_honor']) } : {}),
  };
}

export type TTrafficOptions = {
  baseUrl: string;
  apiKey: string;
  ratePerSecond: number;
  durationSeconds: number;
  burst?: { afterSeconds: number; count: number };
  signal?: AbortSignal;
  onResult?: (status: number, decision?: string) => void;
};

/** Sends traffic at a steady rate (Poisson-ish jitter) until the duration ends or the signal aborts. */
export async function runTraffic(options: TTrafficOptions): Promise<{ sent: number; failed: number }> {
  const send = async (tx: TSimulatedTransaction) => {
    try {
      const res = await fetch(`${options.baseUrl}/api/v1/transactions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(tx),
        signal: options.signal,
      });
      const body = (await res.json().catch(() => null)) as { detection?: { decision: string } } | null;
      options.onResult?.(res.status, body?.detection?.decision);
      return res.ok;
    } catch {
      options.onResult?.(0);
      return false;
    }
  };
  let sent = 0;
  let failed = 0;
  const end = Date.now() + options.durationSeconds * 1000;
  const start = Date.now();
  let burstDone = !options.burst;
  while (Date.now() < end && !options.signal?.aborted) {
    if (!burstDone && Date.now() - start >= options.burst!.afterSeconds * 1000) {
      burstDone = true;
      const attacker = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
      for (let i = 0; i < options.burst!.count && !options.signal?.aborted; i++) {
        (await send(cardTestingTransaction(attacker))) ? sent++ : failed++;
        await sleep(60, options.signal);
      }
    }
    (await send(normalTransaction())) ? sent++ : failed++;
    const meanGap = 1000 / options.ratePerSecond;
    await sleep(meanGap * (0.5 + Math.random()), options.signal);
  }
  return { sent, failed };
}

function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });
}
