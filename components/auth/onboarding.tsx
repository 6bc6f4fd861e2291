'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { authClient } from '@/lib/auth/client';

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}

type TOrgError = { code?: string; message?: string };
const KNOWN = ['ORGANIZATION_ALREADY_EXISTS', 'ORGANIZATION_SLUG_ALREADY_TAKEN'] as const;
const isKnown = (code: unknown): code is (typeof KNOWN)[number] => (KNOWN as readonly unknown[]).includes(code);

/** Create an organization, or pick one the user already belongs to. */
export function Onboarding({ hasOrgs }: { hasOrgs: boolean }) {
  const t = useTranslations('onboarding');
  const locale = useLocale();
  const router = useRouter();
  // Better Auth's refusal, from its code; in English its own sentence (a refused
  // name says why), in French a generic one rather than English.
  const errorText = (error: TOrgError | null) =>
    isKnown(error?.code) ? t(`errors.${error.code}`) : (locale === 'en' ? error?.message : undefined) ?? t('createFailedSentence');
  const orgs = authClient.useListOrganizations();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  const open = async (organizationId: string) => {
    setPending(organizationId);
    const { error } = await authClient.organization.setActive({ organizationId });
    if (error) {
      setPending(null);
      toast.error(t('openFailed'), { description: errorText(error) });
      return;
    }
    router.replace('/dashboard');
    router.refresh();
  };

  const onCreate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const finalSlug = slugify(slug || name);
    if (!finalSlug) return setError(t('needLetter'));
    setPending('create');
    setError(null);
    const { data, error } = await authClient.organization.create({ name: name.trim(), slug: finalSlug });
    if (error || !data) {
      const message = errorText(error);
      setError(message);
      toast.error(t('createFailed'), { description: message });
      setPending(null);
      return;
    }
    toast.success(t('created', { name: data.name }));
    await open(data.id);
  };

  const existing = orgs.data ?? [];
  return (
    <div className="form">
      {existing.length > 0 ? (
        <>
          <ul className="org-list" data-testid="org-list" aria-label={t('yourOrganizations')}>
            {existing.map((org) => (
              <li key={org.id}>
                <span translate="no">
                  <strong>{org.name}</strong> <span className="muted mono">{org.slug}</span>
                </span>
                <Button size="sm" variant="primary" disabled={pending !== null} onClick={() => open(org.id)}>
                  {pending === org.id ? t('opening') : t('open')}
                </Button>
              </li>
            ))}
          </ul>
          <div className="divider">{t('orCreate')}</div>
        </>
      ) : null}
      <form className="form" onSubmit={onCreate}>
        {error ? <Alert testId="onboarding-error">{error}</Alert> : null}
        <Field
          label={t('name')}
          name="name"
          required
          autoFocus={!hasOrgs}
          value={name}
          placeholder={t('namePlaceholder')}
          onChange={(e) => {
            setName(e.target.value);
            if (!slugEdited) setSlug(slugify(e.target.value));
          }}
        />
        <Field
          label={t('slug')}
          name="slug"
          required
          value={slug}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          hint={t('slugHint')}
          onChange={(e) => {
            setSlugEdited(true);
            setSlug(e.target.value.toLowerCase());
          }}
        />
        <Button type="submit" variant="primary" block disabled={pending !== null || !name.trim()} data-testid="create-org">
          {pending === 'create' ? t('pending') : t('submit')}
        </Button>
      </form>
    </div>
  );
}
