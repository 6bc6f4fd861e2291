'use client';

import Link from 'next/link';
import { Card, CardBody } from '@/components/ui/card';
import { useCan } from '@/hooks/use-permissions';
import { SETTINGS_SECTIONS, type TSettingsSection } from './sections';

function Section({ section }: { section: TSettingsSection }) {
  const canManage = useCan(section.manage);
  return (
    <li data-testid="settings-section" data-href={section.href}>
      <Link href={section.href}>{section.title}</Link>
      <p className="muted">
        {section.description}
        {canManage ? null : ' Read only for your role.'}
      </p>
    </li>
  );
}

/** /settings: where the organization's connections to the merchant's systems are set up. */
export function SettingsIndex() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Settings</h1>
          <p className="muted">How Orylo connects to your systems and your team.</p>
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
