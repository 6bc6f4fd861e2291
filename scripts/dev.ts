// npm run dev – embedded PostgreSQL (unless DATABASE_URL), migrations, demo data
// and traffic, and `next dev`, in one command.
import { env } from '@/lib/env';
import { ensureDevSecret } from './lib/secret';
import { launch } from './lib/launch';

(process.env as Record<string, string>).NODE_ENV ??= 'development';
const secret = ensureDevSecret(env().ORYLO_DATA_DIR);
await launch({ mode: 'dev', secret, demo: env().ORYLO_DEMO !== '0' });
