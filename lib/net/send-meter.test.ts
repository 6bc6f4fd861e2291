import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SendMeter } from './send-meter';
import { kernelSendQueues } from './tcp-send-queue';

// Real sockets on this machine: the kernel's send queue is what is measured.
const LIMIT = 256 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');
const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

/** A server socket and the client connected to it. */
async function pair(): Promise<{ server: net.Socket; client: net.Socket }> {
  const listener = net.createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
  const client = net.connect((listener.address() as net.AddressInfo).port, '127.0.0.1');
  const server = await accepted;
  cleanup.push(() => {
    client.destroy();
    server.destroy();
    listener.close();
  });
  return { server, client };
}

/**
 * Writes a CHUNK every 40 ms (1.6 MB/s, a busy org's stream at full tilt)
 * until `until` bytes or the meter says stop; returns the bytes written and
 * the kernel readings made.
 */
async function pump(server: net.Socket, until: number) {
  let over: number | undefined;
  let reads = 0;
  const meter = new SendMeter(server, () => server.writableLength, LIMIT, (queued) => (over = queued), (family) => {
    reads++;
    return kernelSendQueues(family);
  });
  let written = 0;
  while (over === undefined && written < until) {
    server.write(CHUNK);
    meter.wrote(CHUNK.length);
    written += CHUNK.length;
    await new Promise((r) => setTimeout(r, 40));
  }
  await new Promise((r) => setTimeout(r, 300));
  return { over, written, reads };
}

describe.runIf(process.platform === 'linux')('the send meter', () => {
  it("cuts a client that stopped reading once the kernel's send queue passes the limit, long before Node's buffer sees anything", async () => {
    const { server, client } = await pair();
    client.pause();
    const { over, written } = await pump(server, 8 * 1024 * 1024);
    expect(over).toBeGreaterThan(LIMIT);
    // The client's own receive buffer (about 128 KB) takes some, the rest waits in our kernel; readings
    // are at most 200 ms apart (5 chunks here). Without the kernel's figure, Node's buffer stays empty
    // until the send buffer (up to 4 MB) is full: 8 MB would go out uncut.
    expect(written).toBeLessThan(LIMIT + 128 * 1024 + 6 * CHUNK.length);
  });

  it('leaves a client that keeps up alone, reading the kernel about once per limit written', async () => {
    const { server, client } = await pair();
    let received = 0;
    client.on('data', (d) => (received += d.length));
    const { over, written, reads } = await pump(server, 4 * 1024 * 1024);
    expect(over).toBeUndefined();
    expect(received).toBe(written);
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(Math.ceil(written / LIMIT) + 1);
  });

  it('tells a writer pacing itself when the client has taken what waits, reading the kernel only when the bound is too high', async () => {
    const { server, client } = await pair();
    client.pause();
    let reads = 0;
    const meter = new SendMeter(server, () => server.writableLength, 4 * 1024 * 1024, () => {}, (family) => {
      reads++;
      return kernelSendQueues(family);
    });
    // Nothing written yet: the bound answers, no reading.
    expect(await meter.isBelow(64 * 1024)).toBe(true);
    expect(reads).toBe(0);
    for (let i = 0; i < 8; i++) {
      server.write(CHUNK);
      meter.wrote(CHUNK.length);
    }
    await new Promise((r) => setTimeout(r, 100));
    // 512 KB for a client that reads nothing: in the kernel (and its receive buffer), not in Node's buffer.
    expect(await meter.isBelow(64 * 1024)).toBe(false);
    expect(reads).toBeGreaterThan(0);
    let received = 0;
    client.on('data', (d) => (received += d.length));
    client.resume();
    while (received < 8 * CHUNK.length) await new Promise((r) => setTimeout(r, 20));
    // The stale reading is not believed: read again, and the queue is empty.
    expect(await meter.isBelow(64 * 1024)).toBe(true);
  });
});
