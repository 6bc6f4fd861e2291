// npm run admin -- grant <email> – make an existing user a platform admin
// (reads the live-connection metrics), for an operator on the server. The
// other way is ADMIN_EMAILS plus the user's verified address. Uses the same
// database as `npm start`: DATABASE_URL, else the embedded PostgreSQL in
// ORYLO_DATA_DIR (reused if the server is running). Needs no secret and
// changes nothing else.
import { createDatabase } from '@/db/client';
import { startEmbeddedPostgres } from '@/db/embedded';
import { grantPlatformAdmin } from '@/lib/auth/platform-admin';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';

const [command, email] = process.argv.slice(2);
const log = logger();
if (command !== 'grant' || !email?.includes('@')) {
  log.error('Usage: npm run admin -- grant <email>');
  process.exit(2);
}

const e = env();
const embedded = e.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: `${e.ORYLO_DATA_DIR}/pg`, port: e.EMBEDDED_PG_PORT, log: (line) => log.debug(line) });
const { sql, db } = createDatabase(e.DATABASE_URL ?? embedded!.ownerUrl, { max: 1 });
let code = 0;
try {
  if (await grantPlatformAdmin({ db, email })) log.info(`${email} is now a platform admin (and its address counts as verified).`);
  else {
    log.error(`No user with the e-mail address ${email}: they must sign up first.`);
    code = 1;
  }
} finally {
  await sql.end({ timeout: 2 });
  await embedded?.stop();
}
process.exit(code);
