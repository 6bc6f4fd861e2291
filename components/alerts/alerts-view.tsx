'use client';

import { Alert } from '@/components/ui/alert';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { RoleNote } from '@/components/shell/role-note';
import { useAlertChannels, useAlertSettings } from '@/hooks/use-alerts';
import { useCan } from '@/hooks/use-permissions';
import { ApiError } from '@/lib/api-client';
import { AddChannelForm } from './add-channel-form';
import { BacklogSettingForm } from './backlog-setting-form';
import { ChannelCard } from './channel-card';

export function AlertsView() {
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
          <h1>Alerts</h1>
          <p className="muted">Tell your team in Slack or by e-mail when a card-testing attack starts and ends, and when reviews pile up.</p>
        </div>
      </div>

      {!canManage ? (
        <Card>
          <CardBody>
            <RoleNote permission="alerts.manage" cannot="see or change alert channels" />
            {settings.data ? <p className="muted" data-testid="backlog-readonly">Review backlog alerts fire after {settings.data.reviewBacklogMinutes} min.</p> : null}
          </CardBody>
        </Card>
      ) : forbidden ? (
        <Alert testId="alerts-forbidden">{forbidden.message}</Alert>
      ) : (
        <>
          <Card>
            <CardHeader title="Add a channel" />
            <CardBody>
              <AddChannelForm orgId={orgId} />
              <details style={{ marginTop: 12 }} data-testid="slack-howto">
                <summary>How to create a Slack incoming webhook</summary>
                <ol className="hint">
                  <li>
                    Go to <a href="https://api.slack.com/apps" target="_blank" rel="noreferrer">api.slack.com/apps</a>, <em>Create New App</em> → <em>From scratch</em>, name it “Orylo” and pick your workspace.
                  </li>
                  <li>Under <em>Incoming Webhooks</em>, turn them on, then <em>Add New Webhook to Workspace</em> and choose the channel (say #fraud-alerts).</li>
                  <li>Copy the URL (https://hooks.slack.com/services/…), paste it above, add the channel and click <em>Send test</em>.</li>
                </ol>
              </details>
            </CardBody>
          </Card>

          <Card>
            <CardHeader title="Review backlog" description="review.backlog fires when the oldest pending review has waited longer than this; at most once an hour per channel." />
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
            <Alert>Could not load the channels: {channels.error.message}</Alert>
          ) : channels.data.channels.length === 0 ? (
            <Card>
              <CardBody>
                <p className="muted" data-testid="no-alert-channels">No channels yet. Add one above: alerts go nowhere until you do.</p>
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
