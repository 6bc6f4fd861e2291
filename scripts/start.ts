// npm start – production server (`next start`) on PORT with the same database
// default as dev, migrations at start, and no demo data unless ORYLO_DEMO=1.
import fs from 'node:fs';
import { env, requireAuthSecret } from '@/lib/env';
import { logger } from '@/lib/logger';
import { launch } from './lib/launch';

(process.env as Record<string, string>).NODE_ENV = 'production';
if (!fs.existsSync('.next/BUILD_ID')) {
  logger().error('No production build found: run `npm run build` first.');
  process.exit(1);
}
let secret: string;
try {
  secret = requireAuthSecret();
} catch (error) {
  logger().error((error as Error).message);
  process.exit(1);
}
await launch({ mode: 'start', secret, demo: env().ORYLO_DEMO === '1' });
