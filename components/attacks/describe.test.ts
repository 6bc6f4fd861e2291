import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import type { TAuditEntryView } from '@/lib/audit/find';
import { catalogs } from '@/messages';
import { blocksSummary, describeAction, formatDuration, type TAttacksT } from './describe';

const entry = (action: string, after: unknown, actorEmail = 'ops@shop.example'): TAuditEntryView => ({
  id: 'e', actorEmail, action, targetType: 'list_entry', targetId: 'x', ip: null, before: null, after, createdAt: '2026-11-30T14:00:00.000Z',
});
const translator = (locale: 'en' | 'fr') => createTranslator({ locale, messages: catalogs[locale], namespace: 'attacks' }) as unknown as TAttacksT;
const en = translator('en');
const fr = translator('fr');

describe('incidents in words', () => {
  it('says what each person did', () => {
    expect(describeAction(en, entry('list.create', { type: 'ip', value: '192.0.2.183', action: 'block', expiresAt: '2026-11-30T15:00:00.000Z' }))).toBe('ops@shop.example blocked IP 192.0.2.183 for 1 h 00 min');
    expect(describeAction(en, entry('list.create', { type: 'card_bin', value: '453201', action: 'block', expiresAt: null }))).toBe('ops@shop.example blocked BIN 453201 for good');
    expect(describeAction(en, entry('thresholds.override', { review: 50, block: 80, override: { review: 30, block: 60, until: '2026-11-30T15:00:00.000Z' } }))).toBe(
      'ops@shop.example set temporary thresholds (review ≥ 30, block ≥ 60) for 1 h 00 min',
    );
    const snooze = { ruleName: 'Big amounts', entityType: 'email', entityValue: 'vip@shop.example', expiresAt: '2026-12-01T14:00:00.000Z' };
    expect(describeAction(en, entry('rule_snooze.create', snooze))).toBe('ops@shop.example snoozed “Big amounts” for e-mail vip@shop.example for 24 h 00 min');
    expect(describeAction(en, entry('rule_snooze.end', snooze))).toBe('ops@shop.example ended the snooze of “Big amounts” for e-mail vip@shop.example');
  });

  it('says it in French too', () => {
    expect(describeAction(fr, entry('list.create', { type: 'ip', value: '192.0.2.183', action: 'block', expiresAt: '2026-11-30T15:00:00.000Z' }))).toBe(
      'ops@shop.example a bloqué l’adresse IP 192.0.2.183 pour 1 h 00 min',
    );
    expect(describeAction(fr, entry('list.create', { type: 'card_bin', value: '453201', action: 'allow', expiresAt: null }))).toBe('ops@shop.example a autorisé le BIN 453201 définitivement');
    const snooze = { ruleName: 'Big amounts', entityType: 'email', entityValue: 'vip@shop.example' };
    expect(describeAction(fr, entry('rule_snooze.end', snooze))).toBe('ops@shop.example a levé la suspension de «\u00a0Big amounts\u00a0» pour l’e-mail vip@shop.example');
  });

  it('sums up the blocks by type and by whom', () => {
    const actions = [
      entry('list.create', { type: 'ip', value: 'a', action: 'block' }),
      entry('list.create', { type: 'ip', value: 'b', action: 'block' }, 'ana@shop.example'),
      entry('list.create', { type: 'ip', value: 'c', action: 'block' }),
      entry('list.create', { type: 'email', value: 'x@y.z', action: 'allow' }),
      entry('list.create', { type: 'card_bin', value: '453201', action: 'block' }),
      entry('detection.review', { status: 'blocked' }),
    ];
    expect(blocksSummary(en, actions)).toBe('3 IPs blocked by ops@shop.example, ana@shop.example; 1 BIN blocked by ops@shop.example');
    expect(blocksSummary(fr, actions)).toBe('3 adresses IP bloquées par ops@shop.example, ana@shop.example\u00a0; 1 BIN bloqué par ops@shop.example');
    expect(blocksSummary(en, [])).toBeNull();
  });

  it('writes durations as a person would', () => {
    expect([45_000, 12 * 60_000, 65 * 60_000].map(formatDuration)).toEqual(['45 s', '12 min', '1 h 05 min']);
  });
});
