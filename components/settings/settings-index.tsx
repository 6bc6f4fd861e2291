'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Card, CardBody } from '@/components/ui/card';
import { useCan } from '@/hooks/use-permissions';
import { SETTINGS_SECTIONS, type TSettingsSection } from './sections';

function Section({ section }: { section: TSettingsSection }) {
  const t = useTranslations('settings');
  const canManage = useCan(section.manage);
  return (
    <li data-testid="settings-section" data-href={section.href}>
      <Link href={section.href}>{t(`sections.${section.key}.title`)}</Link>
      <p className="muted">
        {t(`sections.${section.key}.description`)}
        {canManage ? null : t('readOnly')}
      </p>
    </li>
  );
}

/** /settings: where the organization's connections to the merchant's systems are set up. */
export function SettingsIndex() {
  const t = useTranslations('settings');
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('subtitle')}</p>
        </div>
      </div>
      <Card>
        <CardBody>
          <ul className="settings-sections">
            {SETTINGS_SECTIONS.map((section) => (
              <Section key={section.href} section={section} />
            ))}
          </ul>
        </CardBody>
      </Card>
    </>
  );
}
