import { withPublic } from '@/lib/api/with-session';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

// Any /api path no route matches – the contract's JSON 404 rather than the app's HTML page,
// so an integrator with a typo in a URL reads what went wrong.
const notFound = withPublic(async ({ req }) => {
  throw new AppError('not_found', `There is no API endpoint at ${new URL(req.url).pathname}. See the README, "Sending transactions".`);
});

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
