import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import { messagesFor } from '@/messages';
import { applyBar, chipText, dashboardHref, isoToLocalInput, localInputToIso, shownKey, toMajorUnits, toMinorUnits, type TBarInput, type TChipWords } from './url-filters';

const empty: TBarInput = { decision: '', reviewStatus: '', keyField: 'ip', keyValue: '', rule: '', minScore: '', maxScore: '', minAmount: '', maxAmount: '', from: '', to: '' };

describe('amounts', () => {
  it('converts major units to minor units and back', () => {
    expect(toMinorUnits('49.99')).toBe(4999);
    expect(toMinorUnits('49,9')).toBe(4990);
    expect(toMinorUnits('5')).toBe(500);
    expect(toMinorUnits('4.999')).toBeNull();
    expect(toMinorUnits('-1')).toBeNull();
    expect(toMajorUnits('4999')).toBe('49.99');
    expect(toMajorUnits('5')).toBe('0.05');
    expect(toMajorUnits('4999', ',')).toBe('49,99');
    expect(toMajorUnits('abc')).toBe('abc');
  });
});

describe('date-times', () => {
  it('reads a local date-time as an instant and shows it back the same', () => {
    const iso = localInputToIso('2026-11-30T09:30')!;
    expect(iso).toMatch(/^2026-11-(29|30)T\d\d:\d\d:00\.000Z$/);
    expect(isoToLocalInput(iso)).toBe('2026-11-30T09:30');
    expect(localInputToIso('yesterday')).toBeNull();
  });
});

describe('applyBar', () => {
  it('replaces the fields of the bar and keeps the other keys of the URL', () => {
    const current = { ip: '203.0.113.7', email: 'a@example.com', minScore: '10' };
    const out = applyBar(current, shownKey(current).field, { ...empty, keyField: 'deviceId', keyValue: ' dev_1 ', minAmount: '49.99', decision: 'BLOCK' });
    expect(out).toEqual({ filters: { email: 'a@example.com', deviceId: 'dev_1', minAmount: '4999', decision: 'BLOCK' } });
  });

  it('keeps a date-time and an amount left as shown exactly as the URL had them', () => {
    const current = { from: '2026-11-30T09:12:34.567Z', maxAmount: 'abc' };
    const out = applyBar(current, 'ip', { ...empty, from: isoToLocalInput(current.from), maxAmount: 'abc' });
    expect(out).toEqual({ filters: current });
  });

  it('reports an amount or a date-time it cannot convert', () => {
    expect(applyBar({}, 'ip', { ...empty, minAmount: '12.345' })).toEqual({ error: 'minAmount' });
    expect(applyBar({}, 'ip', { ...empty, to: 'soon' })).toEqual({ error: 'to' });
  });
});

const chipWords = (locale: 'en' | 'fr'): TChipWords => {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'investigation' });
  return {
    label: (name) => t('filter', { name }),
    named: (label, value) => t('chips.named', { label, value }),
    compare: (label, value) => t('chips.compare', { label, value }),
    option: (name, value) => (name === 'decision' ? t('bar.decisionOption', { decision: value }) : t('bar.reviewOption', { status: value })),
    dateTime: (at) => at.toISOString(),
  };
};
const en = chipWords('en');
const fr = chipWords('fr');

describe('URLs and chips', () => {
  it('orders the parameters as the list does, empty ones left out', () => {
    expect(dashboardHref({ to: 'T', ip: '1.2.3.4', decision: 'BLOCK', zzz: '1', email: '' })).toBe('/dashboard?decision=BLOCK&ip=1.2.3.4&to=T&zzz=1');
    expect(dashboardHref({})).toBe('/dashboard');
  });

  it('shows amounts in major units', () => {
    expect(chipText('minAmount', '4999', en)).toBe('Amount ≥ 49.99');
    expect(chipText('ip', '203.0.113.7', en)).toBe('IP: 203.0.113.7');
    expect(chipText('bogus', 'x', en)).toBe('bogus: x');
    expect(chipText('decision', 'BLOCK', en)).toBe('Decision: BLOCK');
    expect(chipText('decision', 'BLOCK', fr)).toBe('Décision\u00a0: Bloqué');
  });
});
