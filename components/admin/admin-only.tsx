import { useTranslations } from 'next-intl';
import { Card, CardBody } from '@/components/ui/card';

/** What a signed-in user who is not a platform admin sees on /admin. */
export function AdminOnly() {
  const t = useTranslations('admin.forbidden');
  return (
    <Card data-testid="admin-forbidden">
      <CardBody style={{ display: 'grid', gap: 8 }}>
        <h1>{t('title')}</h1>
        <p className="muted">{t.rich('text', { code: (chunks) => <code>{chunks}</code> })}</p>
      </CardBody>
    </Card>
  );
}
