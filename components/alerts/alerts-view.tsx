'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { RoleNote } from '@/components/shell/role-note';
import { useAlertChannels, useAlertSettings } from '@/hooks/use-alerts';
import { useErrorText } from '@/hooks/use-error-text';
import { useCan } from '@/hooks/use-permissions';
import { ApiError } from '@/lib/api-client';
import { AddChannelForm } from './add-channel-form';
import { BacklogSettingForm } from './backlog-setting-form';
import { ChannelCard } from './channel-card';

/** Slack's own button names, as its pages show them (in English). */
const em = (chunks: ReactNode) => <em translate="no">{chunks}</em>;

export function AlertsView() {
  const t = useTranslations('alerts');
  const errorText = useErrorText();
  const orgId = useOrgId();
  const canManage = useCan('alerts.manage');
  const channels = useAlertChannels(orgId, { enabled: canManage });
  const settings = useAlertSettings(orgId);
  // A role changed since the page loaded: the 403 says why.
  const forbidden = channels.error instanceof ApiError && channels.error.status === 403 ? channels.error : null;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('subtitle')}</p>
        </div>
      </div>

      {!canManage ? (
        <Card>
          <CardBody>
            <RoleNote permission="alerts.manage" cannot={t('cannot')} />
            {settings.data ? <p className="muted" data-testid="backlog-readonly">{t('backlogReadonly', { minutes: settings.data.reviewBacklogMinutes })}</p> : null}
          </CardBody>
        </Card>
      ) : forbidden ? (
        <Alert testId="alerts-forbidden">{errorText(forbidden)}</Alert>
      ) : (
        <>
          <Card>
            <CardHeader title={t('add.title')} />
            <CardBody>
              <AddChannelForm orgId={orgId} />
              <details style={{ marginTop: 12 }} data-testid="slack-howto">
                <summary>{t('howto.summary')}</summary>
                <ol className="hint">
                  <li>
                    {t.rich('howto.step1', {
                      em,
                      link: (chunks) => (
                        <a href="https://api.slack.com/apps" target="_blank" rel="noreferrer">
                          {chunks}
                        </a>
                      ),
                    })}
                  </li>
                  <li>{t.rich('howto.step2', { em })}</li>
                  <li>{t.rich('howto.step3', { em })}</li>
                </ol>
              </details>
            </CardBody>
          </Card>

          <Card>
            <CardHeader title={t('backlog.title')} description={t.rich('backlog.description', { code: (chunks) => <code>{chunks}</code> })} />
            <CardBody>
              {settings.data ? <BacklogSettingForm key={settings.data.reviewBacklogMinutes} orgId={orgId} minutes={settings.data.reviewBacklogMinutes} /> : <div className="skeleton" />}
            </CardBody>
          </Card>

          {channels.isPending ? (
            <Card>
              <CardBody>
                <div className="skeleton" />
              </CardBody>
            </Card>
          ) : channels.isError ? (
            <Alert>{t('loadFailed', { error: errorText(channels.error) })}</Alert>
          ) : channels.data.channels.length === 0 ? (
            <Card>
              <CardBody>
                <p className="muted" data-testid="no-alert-channels">{t('empty')}</p>
              </CardBody>
            </Card>
          ) : (
            channels.data.channels.map((channel) => <ChannelCard key={channel.id} orgId={orgId} channel={channel} />)
          )}
        </>
      )}
    </>
  );
}
