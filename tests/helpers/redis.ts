import { Redis } from 'ioredis';

/** The Redis the suite may use: TEST_REDIS_URL, else the usual local one. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** host:port only, so a password in the URL never reaches the output. */
export const redisAddress = (url: string) => new URL(url).host;

/** Undefined when Redis answers PING within a second, else why not. */
export async function redisUnreachable(url = TEST_REDIS_URL): Promise<string | undefined> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // The socket's own error (ECONNREFUSED…) says more than the client's "Connection is closed".
  let socketError: string | undefined;
  client.on('error', (err) => void (socketError ??= err.message));
  try {
    await client.connect();
    const pong = await client.ping();
    return pong === 'PONG' ? undefined : `answered ${pong}`;
  } catch (err) {
    return socketError ?? (err as Error).message;
  } finally {
    client.disconnect();
  }
}
