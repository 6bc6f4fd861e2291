import net from 'node:net';

/**
 * A TCP proxy a test can cut, to make a real database unreachable for a real
 * server; it counts the bytes the target sent back (what a server read from its database).
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let blocked = false;
  let fromTarget = 0;
  const server = net.createServer((client) => {
    if (blocked) return client.destroy();
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    upstream.on('data', (chunk: Buffer) => (fromTarget += chunk.length));
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    /** Bytes the target has sent through the proxy so far. */
    bytesFromTarget: () => fromTarget,
    block() {
      blocked = true;
      sockets.forEach((s) => s.destroy());
    },
    unblock() {
      blocked = false;
    },
    close: () => new Promise<void>((resolve) => {
      sockets.forEach((s) => s.destroy());
      server.close(() => resolve());
    }),
  };
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
