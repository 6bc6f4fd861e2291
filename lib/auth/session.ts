import { headers } from 'next/headers';
import { cache } from 'react';
import { auth } from './server';

/**
 * The current request's session for server components, cached per request.
 * headers() is awaited first: it marks the page dynamic, so `next build`
 * never tries to prerender it (and never needs a secret or a database).
 */
export const getServerSession = cache(async () => {
  const requestHeaders = await headers();
  return auth().api.getSession({ headers: requestHeaders });
});
