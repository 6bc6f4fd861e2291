'use client';

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

/** Create an organization, or pick one the user already belongs to. */
export function Onboarding({ hasOrgs }: { hasOrgs: boolean }) {
  const router = useRouter();
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
      toast.error('Could not open the organization', { description: error.message });
      return;
    }
    router.replace('/dashboard');
    router.refresh();
  };

  const onCreate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const finalSlug = slugify(slug || name);
    if (!finalSlug) return setError('Use at least one letter or digit in the name.');
    setPending('create');
    setError(null);
    const { data, error } = await authClient.organization.create({ name: name.trim(), slug: finalSlug });
    if (error || !data) {
      const message = error?.message ?? 'Could not create the organization.';
      setError(message);
      toast.error('Could not create the organization', { description: message });
      setPending(null);
      return;
    }
    toast.success(`Organization "${data.name}" created`);
    await open(data.id);
  };

  const existing = orgs.data ?? [];
  return (
    <div className="form">
      {existing.length > 0 ? (
        <>
          <ul className="org-list" data-testid="org-list" aria-label="Your organizations">
            {existing.map((org) => (
              <li key={org.id}>
                <span>
                  <strong>{org.name}</strong> <span className="muted mono">{org.slug}</span>
                </span>
                <Button size="sm" variant="primary" disabled={pending !== null} onClick={() => open(org.id)}>
                  {pending === org.id ? 'Opening…' : 'Open'}
                </Button>
              </li>
            ))}
          </ul>
          <div className="divider">or create another</div>
        </>
      ) : null}
      <form className="form" onSubmit={onCreate}>
        {error ? <Alert testId="onboarding-error">{error}</Alert> : null}
        <Field
          label="Organization name"
          name="name"
          required
          autoFocus={!hasOrgs}
          value={name}
          placeholder="Acme Store"
          onChange={(e) => {
            setName(e.target.value);
            if (!slugEdited) setSlug(slugify(e.target.value));
          }}
        />
        <Field
          label="URL slug"
          name="slug"
          required
          value={slug}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          hint="Lowercase letters, digits and dashes. Must be unique."
          onChange={(e) => {
            setSlugEdited(true);
            setSlug(e.target.value.toLowerCase());
          }}
        />
        <Button type="submit" variant="primary" block disabled={pending !== null || !name.trim()} data-testid="create-org">
          {pending === 'create' ? 'Creating…' : 'Create organization'}
        </Button>
      </form>
    </div>
  );
}
