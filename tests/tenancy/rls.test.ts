import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, appLoginRole, databaseOf } from '@/db/roles';
import { appSql, newMerchant, OWNER_URL, ownerSql, postTx, type Merchant } from '../helpers/env';

// Row-level security as the app's own role sees it, for every tenant table.

const owner = ownerSql();
const app = appSql();
let a: Merchant;
let b: Merchant;

/** One row per org in every defence table (written as the owner), so every tenant table is tested with data. */
async function seedDefenceTables(orgId: string, detectionId: string) {
  await owner`insert into lists (organization_id, type, value, action) values (${orgId}, 'ip', '203.0.113.99', 'block')`;
  await owner`insert into rules (organization_id, key, name, feature, window_seconds, operator, threshold, action)
              values (${orgId}, 'rls_probe', 'RLS probe', 'ip.attempts', 600, '>', 5, 'REVIEW') on conflict do nothing`;
  await owner`insert into org_settings (organization_id) values (${orgId}) on conflict do nothing`;
  await owner`insert into rule_snoozes (organization_id, rule_id, entity_type, entity_value, reason, expires_at)
              select ${orgId}, id, 'email', 'rls-probe@example.com', 'RLS probe', now() + interval '1 hour' from rules where organization_id = ${orgId} and key = 'rls_probe'`;
  await owner`insert into attacks (organization_id, status) values (${orgId}, 'closed')`;
  await owner`insert into detection_updates (organization_id, detection_id) values (${orgId}, ${detectionId})`;
  await owner`insert into audit_log (organization_id, action, target_type) values (${orgId}, 'rls.probe', 'test')`;
  await owner`insert into detection_rollups (organization_id, grain, bucket) values (${orgId}, 'hour', '2000-01-01T00:00:00Z') on conflict do nothing`;
  await owner`insert into detection_reason_codes (organization_id, code, created_at, seq, amount, score) values (${orgId}, 'rls_probe', now(), 0, 0, 0)`;
  await owner`insert into rule_rollups (organization_id, code, bucket) values (${orgId}, 'rls_probe', '2000-01-01T00:00:00Z') on conflict do nothing`;
  await owner`insert into rule_rollup_changes (organization_id, bucket, codes, approved, blocked, fraud, legit) values (${orgId}, '2000-01-01T00:00:00Z', '{rls_probe}', 0, 0, 0, 0)`;
  await owner`insert into detection_outcomes (organization_id, detection_id, event_id, type, occurred_at) values (${orgId}, ${detectionId}, 'rls-probe', 'chargeback', now())`;
  await owner`insert into saved_views (organization_id, user_id, name, filters) values (${orgId}, 'rls-probe', 'RLS probe', '{}')`;
  await owner`insert into stripe_connections (organization_id, webhook_secret_sealed) values (${orgId}, 'v1.rls.probe.sealed') on conflict do nothing`;
  const [channel] = await owner`insert into alert_channels (organization_id, type, target, events) values (${orgId}, 'email', 'rls-probe@example.com', '{attack.started}') returning id`;
  await owner`insert into alerts (organization_id, channel_id, event, subject) values (${orgId}, ${channel.id}, 'test', 'rls-probe')`;
  const [endpoint] = await owner`insert into webhook_endpoints (organization_id, url, events, secret_sealed, enabled)
              values (${orgId}, 'https://example.com/rls-probe', '{list.changed}', 'v1.probe', false) returning id`;
  const [event] = await owner`insert into webhook_events (id, organization_id, type, body) values (gen_random_uuid(), ${orgId}, 'test', '{}') returning id`;
  const [delivery] = await owner`insert into webhook_deliveries (organization_id, event_id, endpoint_id, status) values (${orgId}, ${event.id}, ${endpoint.id}, 'skipped') returning id`;
  await owner`insert into webhook_attempts (organization_id, delivery_id, endpoint_id, event_id, event_type, attempt, ok, duration_ms)
              values (${orgId}, ${delivery.id}, ${endpoint.id}, ${event.id}, 'test', 1, false, 0)`;
}

beforeAll(async () => {
  [a, b] = await Promise.all([newMerchant('rls-a'), newMerchant('rls-b')]);
  const [da, db] = [await postTx(a, {}), await postTx(b, {})];
  await seedDefenceTables(a.orgId, da.id);
  await seedDefenceTables(b.orgId, db.id);
});

afterAll(async () => {
  await Promise.all([owner.end(), app.end()]);
});

async function tenantTables(): Promise<string[]> {
  const rows = await owner`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
    where c.table_schema = 'public' and c.column_name = 'organization_id' and t.table_type = 'BASE TABLE'
      and c.table_name not in ('member', 'invitation')
    order by 1`;
  return rows.map((r) => r.table_name as string);
}

describe('row-level security', () => {
  it('the app role is neither superuser nor owner, and cannot bypass RLS', async () => {
    const [role] = await app`select rolsuper, rolbypassrls, current_user as name, pg_has_role(current_user, ${APP_ROLE}, 'member') as grouped from pg_roles where rolname = current_user`;
    expect(role).toMatchObject({ rolsuper: false, rolbypassrls: false, name: appLoginRole(databaseOf(OWNER_URL)), grouped: true });
    const owned = await app`select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner in (current_user, ${APP_ROLE})`;
    expect(owned[0].n).toBe(0);
  });

  it('every tenant table has ENABLE and FORCE row level security', async () => {
    const tables = await tenantTables();
    expect(tables).toEqual(expect.arrayContaining(['api_keys', 'detections', 'lists', 'rules', 'org_settings', 'attacks', 'detection_updates', 'audit_log', 'detection_outcomes', 'rule_rollups', 'rule_rollup_changes', 'stripe_connections', 'alert_channels', 'alerts', 'webhook_endpoints', 'webhook_events', 'webhook_deliveries', 'webhook_attempts', 'rule_snoozes']));
    const rows = await owner`select relname, relrowsecurity, relforcerowsecurity from pg_class where relname in ${owner(tables)}`;
    for (const r of rows) expect(r, r.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it('without app.org_id the app role sees zero rows in every tenant table', async () => {
    for (const table of await tenantTables()) {
      const [{ n: total }] = await owner`select count(*)::int as n from ${owner(table)}`;
      expect(total, table).toBeGreaterThan(0);
      const [{ n }] = await app`select count(*)::int as n from ${app(table)}`;
      expect(n, table).toBe(0);
    }
  });

  it('with app.org_id set it sees only that org, in every tenant table', async () => {
    for (const table of await tenantTables()) {
      const rows = await app.begin(async (tx) => {
        await tx`select set_config('app.org_id', ${a.orgId}, true)`;
        return tx`select distinct organization_id from ${tx(table)}`;
      });
      expect(rows.map((r) => r.organization_id), table).toEqual([a.orgId]);
    }
  });

  it('the setting is transaction-local: it does not leak to the next transaction on the connection', async () => {
    const single = appSql(1);
    try {
      await single.begin((tx) => tx`select set_config('app.org_id', ${a.orgId}, true)`);
      const [{ n }] = await single`select count(*)::int as n from detections`;
      expect(n).toBe(0);
    } finally {
      await single.end();
    }
  });

  it('refuses to write a row into another org', async () => {
    const attempt = app.begin(async (tx) => {
      await tx`select set_config('app.org_id', ${a.orgId}, true)`;
      await tx`insert into detections (organization_id, external_id, amount, currency, score, risk_level, decision, reasons)
                values (${b.orgId}, 'sneaky', 1, 'EUR', 0, 'low', 'ALLOW', '[]')`;
    });
    await expect(attempt).rejects.toThrow(/row-level security/);
  });

  it('the Stripe secret lookup answers one org\'s sealed secret, and the table stays hidden', async () => {
    const [row] = await app`select orylo_stripe_webhook_secret(${a.orgId}) as sealed`;
    expect(row.sealed).toBe('v1.rls.probe.sealed');
    const [none] = await app`select orylo_stripe_webhook_secret('no-such-org') as sealed`;
    expect(none.sealed).toBeNull();
    await expect(app`select * from stripe_connections`).resolves.toHaveLength(0);
  });

  it('the API-key lookup function answers only for an exact live key hash', async () => {
    const rows = await app`select * from orylo_resolve_api_key('not-a-hash')`;
    expect(rows).toHaveLength(0);
    await expect(app`select * from api_keys`).resolves.toHaveLength(0);
  });
});
