import { beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, newMerchant, postTx, type Merchant } from '../helpers/env';

// The CSV export in the language of the person downloading it: a French
// reader gets a file a spreadsheet set to French opens as columns
// (semicolons, a decimal comma, words, reasons in French); `lang` overrides
// the browser's language; the French file begins with a UTF-8 byte order mark,
// the English one keeps the bytes scripts already read.

/** RFC 4180 records, with quoted fields holding the separator, quotes and line ends. */
function parseCsv(text: string, separator: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) record.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      records.push([...record, field]);
      (record = []), (field = ''), i++;
    } else field += c;
  }
  return records;
}

const FR_HEADER = ['Date (UTC)', 'Identifiant Orylo', 'Commande', 'Décision', 'Score', 'Montant', 'Devise', 'Autorisation', 'Code de refus', 'Adresse IP', 'E-mail', 'Client', 'Appareil', 'BIN', '4 derniers chiffres', 'Empreinte de la carte', 'Revue', 'Motifs'];
const EN_HEADER = ['created_at', 'id', 'external_id', 'decision', 'score', 'amount_minor', 'currency', 'auth_status', 'decline_code', 'ip', 'email', 'customer_id', 'device_id', 'card_bin', 'card_last4', 'card_fingerprint', 'review', 'reasons'];
const BLOCKED_IP = '192.0.2.77';

let m: Merchant;
let from: string;

beforeAll(async () => {
  m = await newMerchant('export-lang');
  from = new Date(Date.now() - 60_000).toISOString();
  const list = await m.session.fetch('/api/v1/lists', { method: 'POST', body: JSON.stringify({ type: 'ip', value: BLOCKED_IP, action: 'block' }) });
  expect(list.status).toBe(201);
  // The attacker's attempt from a blocked IP, and an ordinary shopper paying in yen with a semicolon in the order id.
  await postTx(m, { externalId: 'att-1', amount: 123_450, currency: 'EUR', ip: BLOCKED_IP, email: 'att@example.com' });
  await postTx(m, { externalId: 'shop;42', amount: 500, currency: 'JPY', ip: '198.51.100.9', email: 'shopper@example.com', authStatus: 'declined', declineCode: 'insufficient_funds' });
});

async function download(init: { lang?: string; headers?: Record<string, string> }) {
  const query = new URLSearchParams({ from, ...(init.lang ? { lang: init.lang } : {}) });
  const res = await m.session.fetch(`/api/v1/detections/export?${query}`, { headers: init.headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

const byOrder = (records: string[][], column: number, order: string) => records.find((r) => r[column] === order)!;

describe('CSV export in the reader’s language', () => {
  it('French from Accept-Language: semicolons, a decimal comma, words, reasons in French, a byte order mark', async () => {
    const { res, bytes, text } = await download({ headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-language')).toBe('fr');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(text.slice(1), ';');
    expect(records[0]).toEqual(FR_HEADER);
    expect(records).toHaveLength(3);
    const attack = byOrder(records, 2, 'att-1');
    expect(attack[3]).toBe('Bloqué');
    expect(attack[5]).toBe('1234,50');
    expect(attack[6]).toBe('EUR');
    expect(attack[17]).toContain(`L’IP ${BLOCKED_IP} est sur la liste de blocage → BLOQUER`);
    expect(attack[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const shopper = byOrder(records, 2, 'shop;42');
    expect(shopper[5]).toBe('500');
    expect(shopper[7]).toBe('Refusé');
    expect(shopper[8]).toBe('insufficient_funds');
    // The semicolon inside the order id is quoted, so the line still has 18 columns.
    expect(text).toContain(';"shop;42";');
    expect(shopper).toHaveLength(18);
  });

  it('the NEXT_LOCALE cookie wins over Accept-Language', async () => {
    const query = new URLSearchParams({ from });
    const res = await fetch(`${BASE_URL}/api/v1/detections/export?${query}`, {
      headers: { cookie: `${m.session.cookieHeader}; NEXT_LOCALE=fr`, 'accept-language': 'en-US' },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(parseCsv(text, ';')[0]).toEqual(FR_HEADER);
  });

  it('lang=en gives the integrators’ file to a French browser: commas, minor units, codes, the stored reasons', async () => {
    const { res, bytes, text } = await download({ lang: 'en', headers: { 'accept-language': 'fr-FR' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-language')).toBe('en');
    expect(text.startsWith('created_at,')).toBe(true);
    expect(bytes[0]).toBe('c'.charCodeAt(0));
    const records = parseCsv(text, ',');
    expect(records[0]).toEqual(EN_HEADER);
    const attack = byOrder(records, 2, 'att-1');
    expect([attack[3], attack[5]]).toEqual(['BLOCK', '123450']);
    expect(attack[17]).toContain(`IP ${BLOCKED_IP} is on the block list → BLOCK`);
    expect(byOrder(records, 2, 'shop;42')[7]).toBe('declined');
  });

  it('an unknown language is a 400 naming lang, on both exports', async () => {
    const res = await m.session.fetch(`/api/v1/detections/export?${new URLSearchParams({ from, lang: 'de' })}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/lang.*en, fr/);
    const incident = await m.session.fetch('/api/v1/attacks/00000000-0000-4000-8000-000000000000/export?lang=xx');
    expect(incident.status).toBe(400);
    expect(JSON.stringify(await incident.json())).toMatch(/lang/);
  });
});
