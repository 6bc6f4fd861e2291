import { describe, expect, it } from 'vitest';
import { parseSendQueues, socketKey } from './tcp-send-queue';

// Lines as Linux prints them on a little-endian machine.
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:0CE4 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
   1: 0100007F:0CE4 0100007F:C5F2 01 003A0000:00000000 01:00000014 00000000     0        0 2 1 0 20 4 30 10 -1
   2: 0100007F:0CE4 0100007F:C5F4 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0 20 4 30 10 -1`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0000000000000000FFFF00000100007F:0BB8 0000000000000000FFFF00000100007F:D431 01 00010000:00000000 00:00000000 00000000     0        0 4 1 0 20 4 30 10 -1
   1: B80D0120000000000000000001000000:0BB8 B80D0120000000000000000002000000:D432 01 00000100:00000000 00:00000000 00000000     0        0 5 1 0 20 4 30 10 -1`;

describe('kernel send queues from /proc/net/tcp', () => {
  it('reads the sockets that hold bytes, keyed like socketKey()', () => {
    expect([...parseSendQueues(TCP, true)]).toEqual([['127.0.0.1:3300>127.0.0.1:50674', 0x3a0000]]);
    expect(socketKey({ localAddress: '::ffff:127.0.0.1', localPort: 3300, remoteAddress: '127.0.0.1', remotePort: 50674 })).toBe('127.0.0.1:3300>127.0.0.1:50674');
  });

  it('reads IPv6 and IPv4-mapped addresses', () => {
    expect([...parseSendQueues(TCP6, true)]).toEqual([
      ['127.0.0.1:3000>127.0.0.1:54321', 0x10000],
      ['2001:db8::1:3000>2001:db8::2:54322', 0x100],
    ]);
  });
});
