import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import { messagesFor } from '@/messages';
import { connectionDetail, connectionProblem, staleNotice, type TStaleNotice } from './staleness';

const at = Date.parse('2026-11-30T14:05:12Z');
const formatTime = (t: number) => new Date(t).toISOString().slice(11, 19);

describe('connectionProblem', () => {
  const base = { online: true, paused: false, lastFailure: null };

  it('tells no network (navigator.onLine false) from a server that refused or failed', () => {
    expect(connectionProblem({ ...base, state: 'offline', online: false })).toBe('no_network');
    expect(connectionProblem({ ...base, state: 'reconnecting', online: false, lastFailure: 'network_error' })).toBe('no_network');
    expect(connectionProblem({ ...base, state: 'reconnecting', lastFailure: 'network_error' })).toBe('server_unreachable');
    expect(connectionProblem({ ...base, state: 'reconnecting', lastFailure: 'http_503' })).toBe('server_unreachable');
    expect(connectionProblem({ ...base, state: 'offline', lastFailure: 'http_502' })).toBe('server_unreachable');
  });

  it('names no problem when live, while polls get through, or when a stream merely ended', () => {
    expect(connectionProblem({ ...base, state: 'live', lastFailure: 'network_error' })).toBeNull();
    expect(connectionProblem({ ...base, state: 'polling', lastFailure: 'network_error' })).toBeNull();
    expect(connectionProblem({ ...base, state: 'reconnecting', lastFailure: 'stream_ended' })).toBeNull();
    expect(connectionProblem({ ...base, state: 'reconnecting', lastFailure: 'http_429' })).toBeNull();
    expect(connectionProblem({ ...base, state: 'offline', paused: true })).toBe('paused');
  });
});

// The words as the page shows them, from the catalogs.
const connection = (locale: 'en' | 'fr') => createTranslator({ locale, messages: messagesFor(locale), namespace: 'dashboard.connection' });
const notice = (n: TStaleNotice | null, locale: 'en' | 'fr' = 'en') => (n ? connection(locale)('stale', n) : null);
const detail = (...args: Parameters<typeof connectionDetail>) => connection('en')(`detail.${connectionDetail(...args)}`);

describe('staleNotice', () => {
  it('says since when the figures are stale and why, and nothing while live', () => {
    expect(notice(staleNotice({ state: 'reconnecting', problem: null, asOf: at, formatTime }))).toBe('Figures as of 14:05:12 — reconnecting');
    expect(notice(staleNotice({ state: 'reconnecting', problem: 'server_unreachable', asOf: at, formatTime }))).toBe('Figures as of 14:05:12 — reconnecting, server unreachable');
    expect(notice(staleNotice({ state: 'offline', problem: 'no_network', asOf: at, formatTime }))).toBe('Figures as of 14:05:12 — offline, no network');
    expect(notice(staleNotice({ state: 'polling', problem: null, asOf: at, formatTime }))).toBe('Figures as of 14:05:12 — live stream down, checking every few seconds');
    expect(notice(staleNotice({ state: 'offline', problem: 'no_network', asOf: at, formatTime }), 'fr')).toBe('Chiffres à 14:05:12 — hors ligne, pas de réseau');
    expect(staleNotice({ state: 'live', problem: null, asOf: at, formatTime })).toBeNull();
    expect(staleNotice({ state: 'connecting', problem: null, asOf: at, formatTime })).toBeNull();
    expect(staleNotice({ state: 'offline', problem: 'no_network', asOf: null, formatTime })).toBeNull();
  });
});

describe('connectionDetail', () => {
  it('explains the badge in the words of the problem', () => {
    expect(detail('offline', 'no_network')).toMatch(/^No network/);
    expect(detail('reconnecting', 'server_unreachable')).toMatch(/^Server unreachable: the network is up/);
    expect(detail('offline', 'server_unreachable')).toMatch(/^Server unreachable/);
    expect(detail('live', null)).toBe('New detections appear as they are scored.');
  });
});
