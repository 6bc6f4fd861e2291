import type { TLocale } from '@/lib/format';
import type { TMessages } from '@/messages';

// next-intl checks every key and argument against the English catalog at compile time.
declare module 'next-intl' {
  interface AppConfig {
    Locale: TLocale;
    Messages: TMessages;
  }
}
