import postgres from 'postgres';
import type { TNudgeTransport } from './transport';

// Nudges between instances through PostgreSQL itself, so that a deployment
// needs nothing else: NOTIFY reaches every session LISTENing on the channel in
// the same database. Notifications are not stored: one sent while a listener
// is reconnecting is lost, which only costs that instance a poll interval.

export const NUDGE_CHANNEL = 'orylo_nudge';

export function createPostgresTransport(options: {
  /** The app's pool: a NOTIFY is one short autocommitted statement on it. */
  notifySql: () => postgres.Sql;
  /** Where to hold the LISTEN connection (the app role may LISTEN: PostgreSQL has no privilege for it). */
  listenUrl: () => string;
  channel?: string;
}): TNudgeTransport {
  const channel = options.channel ?? NUDGE_CHANNEL;
  return {
    name: 'postgres',
    // A statement of its own, not part of any transaction: nudgeOrg() runs
    // after the writer committed, so a listener that polls on receipt sees
    // the row. (A NOTIFY inside the writer's transaction would be held until
    // its commit too, but would tie the bus to every writer's code.)
    async publish(message) {
      await options.notifySql()`select pg_notify(${channel}, ${message})`;
    },
    subscribe(onMessage) {
      // A client of its own, so stop() ends exactly this connection and not
      // the app's pool. sql.listen() holds one dedicated connection (no idle
      // timeout, no max lifetime) and LISTENs again by itself after that
      // connection drops and reconnects (postgres.js, src/index.js listen()).
      const sql = postgres(options.listenUrl(), {
        max: 1,
        connect_timeout: 10,
        onnotice: () => {},
        connection: { application_name: 'orylo-nudges' },
      });
      const ready = sql.listen(channel, onMessage).then(() => undefined);
      return { ready, stop: () => sql.end({ timeout: 1 }) };
    },
  };
}
