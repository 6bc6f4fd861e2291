import { sql } from 'drizzle-orm';
import { customType, pgPolicy } from 'drizzle-orm/pg-core';

/** xid8: the id of the writing transaction, the basis of the commit-safe stream cursor. */
export const xid8 = customType<{ data: string; driverData: string }>({
  dataType: () => 'xid8',
});

// SECURITY: rows are visible only when app.org_id (set per transaction with
// set_config(…, true)) equals the row's org. Unset → NULL → zero rows.
export const orgIsolation = (table: string) =>
  pgPolicy(`${table}_org_isolation`, {
    as: 'permissive',
    for: 'all',
    to: 'public',
    using: sql`organization_id = current_setting('app.org_id', true)`,
    withCheck: sql`organization_id = current_setting('app.org_id', true)`,
  });

