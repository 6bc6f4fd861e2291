import type { Socket } from 'node:net';
import { kernelSendQueues, socketKey } from './tcp-send-queue';

/** HTTP/1.1 chunk framing around each write (size line and CRLFs), counted generously. */
const FRAMING_BYTES = 16;

type TReader = (family: string) => Promise<Map<string, number> | null>;

/**
 * How much of what a stream wrote is still waiting for its client: Node's
 * buffer (`buffered`) plus the socket's kernel send queue
 * (lib/net/tcp-send-queue.ts). Reading the kernel costs a pass over
 * /proc/net/tcp, so it is read only when it could matter: what was waiting
 * at the last reading plus everything written since is an upper bound of
 * what waits now; while that bound stays under the limit, nothing is read.
 * A client that keeps up costs one reading per `limit` bytes written to it;
 * one that does not is found by the first reading after it passes the limit,
 * within one write of passing it (one poll's batch, or a heartbeat).
 */
export class SendMeter {
  /** The kernel's send queue for this socket at the last reading. */
  private kernel = 0;
  /** Node's buffer when the last reading was asked for. */
  private base = 0;
  /** Bytes written since then (at first: everything written on this socket, headers included). */
  private unmeasured: number;
  private reading = false;
  /** The reading under way, while `reading`. */
  private pending: Promise<void> = Promise.resolve();
  private blind = false;

  constructor(
    private readonly socket: Socket,
    private readonly buffered: () => number,
    private readonly limit: number,
    private readonly onOverLimit: (queued: number) => void,
    private readonly read: TReader = kernelSendQueues,
  ) {
    this.unmeasured = socket.bytesWritten;
  }

  /** Bytes known to wait for the client: Node's buffer now, the kernel's queue at the last reading. */
  queued(): number {
    return this.buffered() + this.kernel;
  }

  /**
   * Whether at most `bytes` wait for the client now, for a writer that paces
   * itself (a stream catching up). The bound (the last reading plus
   * everything written since) answers when it is low enough; otherwise the
   * kernel is read again, after this call: a stale reading would keep a
   * writer waiting for bytes the client took long ago, or let it write a page
   * on top of bytes it has not taken.
   */
  async isBelow(bytes: number): Promise<boolean> {
    if (this.kernel + this.base + this.unmeasured <= bytes) return true;
    if (!this.blind) {
      while (this.reading) await this.pending;
      await this.measure();
    }
    return this.queued() <= bytes;
  }

  wrote(bytes: number): void {
    this.unmeasured += bytes + FRAMING_BYTES;
    if (this.mayBeOver()) void this.measure();
  }

  private mayBeOver(): boolean {
    return !this.blind && !this.reading && this.kernel + this.base + this.unmeasured > this.limit;
  }

  private measure(): Promise<void> {
    const key = socketKey(this.socket);
    if (key === null) return Promise.resolve();
    this.reading = true;
    this.base = this.buffered();
    this.unmeasured = 0;
    // The reading is taken after this call, so bytes written from now on are
    // in `unmeasured` or in the reading, never in neither.
    return (this.pending = this.read(this.socket.remoteFamily ?? 'IPv4').then((queues) => {
      this.reading = false;
      // No kernel figures on this platform: Node's buffer alone counts, as before.
      if (queues === null) return void (this.blind = true);
      this.kernel = queues.get(key) ?? 0;
      const queued = this.queued();
      if (queued > this.limit) this.onOverLimit(queued);
      else if (this.mayBeOver()) void this.measure();
    }));
  }
}
