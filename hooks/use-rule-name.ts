'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { DEFAULT_RULES } from '@/lib/rules/defaults';
import type { TMessages } from '@/messages';

// A rule's name as the reader should see it: a built-in rule whose name is
// still the seeded one reads in the reader's language (messages/*/rules.json
// `defaults`); any other name is the merchant's own words and shown as typed.
// Wherever a rule is named (rules table, editor, snoozes, audit log,
// incidents), it goes through here.

type TBuiltInKey = keyof TMessages['rules']['defaults'];

/** The seeded rule this is, if its name was never changed; else null. */
export function builtInKey(rule: { key: string; name: string }): TBuiltInKey | null {
  const seeded = DEFAULT_RULES.find((d) => d.key === rule.key);
  // messages/*/rules.json `defaults` names every seeded key: a new default rule needs its name there too.
  return seeded && seeded.name === rule.name ? (seeded.key as TBuiltInKey) : null;
}

export type TRuleName = (rule: { key: string; name: string }) => string;

/** The same outside React: `say` is a translator of `rules.defaults` (next-intl's createTranslator on the server and in tests). */
export const ruleNameWith = (say: (key: TBuiltInKey) => string): TRuleName => (rule) => {
  const key = builtInKey(rule);
  return key ? say(key) : rule.name;
};

export function useRuleName(): TRuleName {
  const t = useTranslations('rules.defaults');
  return useMemo(() => ruleNameWith((key) => t(key)), [t]);
}
