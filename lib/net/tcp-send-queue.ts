import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { endianness } from 'node:os';
import { processState } from '@/lib/process-state';
import { canonicalIp } from './client-ip';

// What Node cannot see: the bytes a socket's kernel send buffer holds. Node's
// writableLength counts only its own buffer, and Linux grows a socket's send
// buffer up to net.ipv4.tcp_wmem's maximum (4 MB by default): a client with a
// tiny receive window had 3.86 MB held for it there, unseen. Linux publishes
// each TCP socket's send queue (bytes written and not yet acknowledged by the
// peer) as the tx_queue column of /proc/net/tcp and /proc/net/tcp6, for this
// process's network namespace. Elsewhere (macOS, Windows) it is unknown: null.

/** `local>remote`, both `ip:port` in canonical form: how a socket is found in /proc/net/tcp. */
export function socketKey(socket: Pick<Socket, 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort'>): string | null {
  const local = socket.localAddress && canonicalIp(socket.localAddress);
  const remote = socket.remoteAddress && canonicalIp(socket.remoteAddress);
  return local && remote ? `${local}:${socket.localPort}>${remote}:${socket.remotePort}` : null;
}

/** /proc's hex address (each 32-bit word in host byte order) as canonical text. */
function decodeAddress(hex: string, littleEndian: boolean): string | null {
  const bytes: number[] = [];
  for (let word = 0; word < hex.length; word += 8) {
    const pairs = hex.slice(word, word + 8).match(/../g) ?? [];
    for (const pair of littleEndian ? pairs.reverse() : pairs) bytes.push(parseInt(pair, 16));
  }
  if (bytes.length === 4) return bytes.join('.');
  // IPv4-mapped (a dual-stack listener's IPv4 clients) is the IPv4 address.
  if (bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) return bytes.slice(12).join('.');
  if (bytes.length !== 16) return null;
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return canonicalIp(groups.join(':'));
}

function decodeEndpoint(text: string, littleEndian: boolean): string | null {
  const [hex, port] = text.split(':');
  const ip = hex ? decodeAddress(hex, littleEndian) : null;
  return ip && port ? `${ip}:${parseInt(port, 16)}` : null;
}

/** The sockets of a /proc/net/tcp{,6} text whose send queue holds bytes, by socketKey(). */
export function parseSendQueues(text: string, littleEndian = endianness() === 'LE'): Map<string, number> {
  const queues = new Map<string, number>();
  for (const line of text.split('\n').slice(1)) {
    const [, local, remote, , txRx] = line.trim().split(/\s+/);
    const tx = txRx ? parseInt(txRx.split(':')[0], 16) : 0;
    // Most sockets hold nothing: those are left out (absent means 0).
    if (!(tx > 0)) continue;
    const l = decodeEndpoint(local, littleEndian);
    const r = decodeEndpoint(remote, littleEndian);
    if (l && r) queues.set(`${l}>${r}`, tx);
  }
  return queues;
}

/** At most one read of /proc per interval, shared by every stream that asks before it starts. */
const MIN_INTERVAL_MS = 200;
type TFile = { lastStart: number; inflight?: Promise<unknown>; next?: Promise<Map<string, number> | null> };
const readings = processState('net.tcp-send-queue', () => ({ unsupported: false, files: new Map<string, TFile>() }));

async function readQueues(file: string): Promise<Map<string, number> | null> {
  try {
    return parseSendQueues(await readFile(file, 'latin1'));
  } catch {
    readings.unsupported = true;
    return null;
  }
}

/**
 * The kernel send queues of this process's network namespace, for IPv4 or
 * IPv6 sockets; null where the kernel does not publish them. The answer is
 * always read after the call (never a read already under way), so a caller
 * may count every byte it wrote since calling as possibly still queued.
 */
export function kernelSendQueues(family: string): Promise<Map<string, number> | null> {
  if (readings.unsupported || process.platform !== 'linux') return Promise.resolve(null);
  const file = family === 'IPv6' ? '/proc/net/tcp6' : '/proc/net/tcp';
  let f = readings.files.get(file);
  if (!f) readings.files.set(file, (f = { lastStart: 0 }));
  if (f.next) return f.next;
  const entry = f;
  const start = async () => {
    await entry.inflight;
    const wait = entry.lastStart + MIN_INTERVAL_MS - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // From here on, a caller needs a later read.
    entry.next = undefined;
    entry.lastStart = Date.now();
    const read = readQueues(file);
    entry.inflight = read;
    return read;
  };
  return (entry.next = start());
}
