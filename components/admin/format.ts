import type { useTranslations } from 'next-intl';
import type { TFormats } from '@/lib/format';

// Formatting for the admin figures: durations, latencies, bytes, in the
// reader's language (decimal comma and "Mo" / "Go" in French).

export type TAdminT = ReturnType<typeof useTranslations<'admin'>>;

/** Rounded to `digits` decimals, then written the locale's way. */
const fixed = (f: TFormats, value: number, digits: number) => f.number(Number(value.toFixed(digits)));

export function formatMs(f: TFormats, ms: number): string {
  if (ms < 1) return `${fixed(f, ms, 2)} ms`;
  if (ms < 1_000) return `${f.number(Math.round(ms))} ms`;
  return `${fixed(f, ms / 1_000, ms < 10_000 ? 2 : 1)} s`;
}

export function formatSeconds(f: TFormats, seconds: number): string {
  if (seconds < 60) return `${fixed(f, seconds, seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  const hours = Math.floor(minutes / 60);
  return `${f.number(hours)} h ${minutes % 60} min`;
}

export function formatBytes(f: TFormats, t: TAdminT, bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1024 ? t('units.gb', { n: fixed(f, mb / 1024, 2) }) : t('units.mb', { n: fixed(f, mb, mb < 10 ? 1 : 0) });
}

export const formatRate = (f: TFormats, perSecond: number): string => fixed(f, perSecond, 2);
