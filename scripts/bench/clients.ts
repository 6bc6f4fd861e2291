// The bench's client side, in its own process so that its CPU and memory are
// not the server's: opens SSE streams with node:http (one keep-alive agent,
// no fetch), records which detection each connection received and when, and
// checks the records against what the bench says was written. Talks to the
// bench over IPC (see protocol.ts); exits when the bench goes away.
import http from 'node:http';
import { NumberLog } from './stats';
import type { TCheckResult, TChildNotice, TChildReply, TExpectedOrg, TOpenResult, TParentMessage, TStatusResult, TVerifyResult } from './protocol';
import { checkComplete, verifyDeliveries, type TRecord } from './verify';

type Conn = TRecord & {
  index: number;
  req?: http.ClientRequest;
  connected: boolean;
  closed: boolean;
  buffer: string;
};

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
let target = { host: '127.0.0.1', port: 0, cookies: [] as string[] };
const conns: Conn[] = [];
const events: Record<string, number> = {};
let dropped = 0;
const dropReasons: Record<string, number> = {};
let closingAll = false;

// Detection ids are interned: each connection stores small numbers, not strings.
let idIndex = new Map<string, number>();
let idStrings: string[] = [];
const intern = (id: string) => {
  let n = idIndex.get(id);
  if (n === undefined) {
    n = idStrings.length;
    idStrings.push(id);
    idIndex.set(id, n);
  }
  return n;
};

// With the hub, every connection of an org gets byte-identical frames: parse each once.
type Parsed = { type: string; ids: string[] };
const parseCache = new Map<string, Parsed>();
function parseData(data: string): Parsed | null {
  const hit = parseCache.get(data);
  if (hit) return hit;
  let parsed: Parsed;
  try {
    const json = JSON.parse(data) as { type?: unknown; data?: unknown };
    const type = typeof json.type === 'string' ? json.type : 'unknown';
    const ids = Array.isArray(json.data) ? json.data.map((d) => String((d as { id?: unknown })?.id ?? '')) : [];
    parsed = { type, ids };
  } catch {
    parsed = { type: 'unparsable', ids: [] };
  }
  if (parseCache.size > 512) parseCache.clear();
  parseCache.set(data, parsed);
  return parsed;
}

function onFrame(conn: Conn, frame: string, now: number) {
  let data = '';
  for (const line of frame.split('\n')) {
    if (line.startsWith('data:')) data += (data ? '\n' : '') + line.slice(line.charAt(5) === ' ' ? 6 : 5);
  }
  if (!data) return;
  const parsed = parseData(data);
  if (!parsed) return;
  events[parsed.type] = (events[parsed.type] ?? 0) + 1;
  if (parsed.type === 'connected') conn.connected = true;
  if (parsed.type === 'new_detections') {
    for (const id of parsed.ids) {
      conn.received.push(intern(id));
      conn.times.push(now);
    }
  }
}

function drop(conn: Conn, reason: string) {
  if (conn.closed) return;
  conn.closed = true;
  if (conn.connected && !closingAll) {
    dropped++;
    dropReasons[reason] = (dropReasons[reason] ?? 0) + 1;
  }
}

/** Opens one stream; resolves with null once `connected` arrived, or with the failure reason. */
function openOne(conn: Conn, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (failure: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(failure);
    };
    const timer = setTimeout(() => {
      settle('timeout');
      conn.closed = true;
      conn.req?.destroy();
    }, timeoutMs);
    const req = http.get(
      {
        host: target.host,
        port: target.port,
        path: '/api/v1/events',
        agent,
        headers: { cookie: target.cookies[conn.org], accept: 'text/event-stream' },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          conn.closed = true;
          settle(`HTTP ${res.statusCode}`);
          req.destroy();
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const now = Date.now();
          conn.buffer += chunk.includes('\r') ? chunk.replace(/\r\n?/g, '\n') : chunk;
          let end;
          while ((end = conn.buffer.indexOf('\n\n')) !== -1) {
            const frame = conn.buffer.slice(0, end);
            conn.buffer = conn.buffer.slice(end + 2);
            onFrame(conn, frame, now);
          }
          if (conn.connected) settle(null);
        });
        res.on('end', () => drop(conn, 'server_closed'));
        res.on('error', (err: NodeJS.ErrnoException) => drop(conn, err.code ?? 'error'));
      },
    );
    conn.req = req;
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (!settled) {
        conn.closed = true;
        settle(err.code ?? err.message);
      } else drop(conn, err.code ?? 'error');
    });
  });
}

async function open(count: number, concurrency: number, timeoutMs: number): Promise<TOpenResult> {
  const started = Date.now();
  const batch: Conn[] = [];
  for (let i = 0; i < count; i++) {
    const index = conns.length;
    const conn: Conn = { index, org: index % target.cookies.length, connected: false, closed: false, buffer: '', received: new NumberLog(), times: new NumberLog() };
    conns.push(conn);
    batch.push(conn);
  }
  const failures: Record<string, number> = {};
  let next = 0;
  let connected = 0;
  let failed = 0;
  let lastNotice = 0;
  const worker = async () => {
    while (next < batch.length) {
      const conn = batch[next++];
      const failure = await openOne(conn, timeoutMs);
      if (failure) {
        failed++;
        failures[failure] = (failures[failure] ?? 0) + 1;
      } else connected++;
      if (Date.now() - lastNotice > 2_000) {
        lastNotice = Date.now();
        send({ notice: 'progress', connected, failed });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  return { requested: count, connected, failed, failures, ms: Date.now() - started, totalOpen: live().length };
}

const live = () => conns.filter((c) => c.connected && !c.closed);

function status(): TStatusResult {
  const usage = process.cpuUsage();
  return {
    open: live().length,
    dropped,
    dropReasons: { ...dropReasons },
    events: { ...events },
    rssKb: Math.round(process.memoryUsage().rss / 1024),
    cpuMs: Math.round((usage.user + usage.system) / 1000),
  };
}

function reset() {
  for (const c of conns) {
    c.received.clear();
    c.times.clear();
  }
  idIndex = new Map();
  idStrings = [];
  for (const k of Object.keys(events)) delete events[k];
}

/** Has every open connection received every expected id of its org? (for the drain) */
function check(expected: { org: number; ids: string[] }[]): TCheckResult {
  return checkComplete(live(), expected, (id) => idIndex.get(id));
}

function verify(expected: TExpectedOrg[]): TVerifyResult {
  return { ...verifyDeliveries(live(), expected, intern), dropped, events: { ...events } };
}

async function closeAll(): Promise<{ closed: number }> {
  closingAll = true;
  let closed = 0;
  for (const c of conns) {
    if (!c.closed) {
      c.closed = true;
      c.req?.destroy();
      closed++;
    }
  }
  conns.length = 0;
  closingAll = false;
  return { closed };
}

function send(message: TChildReply | TChildNotice) {
  if (process.connected) process.send!(message);
}

async function handle(message: TParentMessage): Promise<unknown> {
  switch (message.op) {
    case 'init':
      target = { host: message.host, port: message.port, cookies: message.cookies };
      return { ok: true };
    case 'open':
      return open(message.count, message.concurrency, message.timeoutMs);
    case 'status':
      return status();
    case 'reset':
      reset();
      return { ok: true };
    case 'check':
      return check(message.expected);
    case 'verify':
      return verify(message.expected);
    case 'closeAll':
      return closeAll();
  }
}

if (!process.send) {
  process.stderr.write('scripts/bench/clients.ts is started by `npm run bench`, not directly.\n');
  process.exit(2);
}
process.on('message', (message: TParentMessage) => {
  handle(message).then(
    (result) => send({ id: message.id, ok: true, result }),
    (error: Error) => send({ id: message.id, ok: false, error: error.stack ?? error.message }),
  );
});
// The bench went away (crash, Ctrl-C): drop every socket and leave.
process.on('disconnect', () => {
  for (const c of conns) c.req?.destroy();
  process.exit(0);
});
send({ notice: 'ready' });
