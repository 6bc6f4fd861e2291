// The messages between the bench (parent) and its stream-client process
// (scripts/bench/clients.ts), over Node's IPC channel. Every request carries
// an id; the child answers each with { id, ok, result | error }.

export type TKind = 'api' | 'sql';

/** Percentiles of a set of millisecond samples. */
export type TDistribution = { count: number; min: number; mean: number; p50: number; p95: number; p99: number; max: number };

/** What one org's connections must have received, in order, with the reference times for latency. */
export type TExpectedOrg = {
  org: number;
  ids: string[];
  /** Write reference time per id (ms since epoch): API response received, or SQL commit returned. null when unknown. */
  refAt: (number | null)[];
  /** When the write was sent (API request start / SQL statement start). */
  sentAt: (number | null)[];
  kind: (TKind | null)[];
  /** An org that receives no API write: its SQL rows can only arrive by the timer poll. */
  pollOnly: boolean;
};

export type TParentRequest =
  | { op: 'init'; host: string; port: number; cookies: string[] }
  | { op: 'open'; count: number; concurrency: number; timeoutMs: number }
  | { op: 'status' }
  | { op: 'reset' }
  | { op: 'check'; expected: { org: number; ids: string[] }[] }
  | { op: 'verify'; expected: TExpectedOrg[] }
  | { op: 'closeAll' };

export type TParentMessage = TParentRequest & { id: number };

export type TOpenResult = {
  requested: number;
  connected: number;
  failed: number;
  /** Failures by HTTP status or error code. */
  failures: Record<string, number>;
  ms: number;
  totalOpen: number;
};

export type TStatusResult = {
  open: number;
  dropped: number;
  dropReasons: Record<string, number>;
  events: Record<string, number>;
  rssKb: number;
  cpuMs: number;
};

export type TCheckResult = { complete: boolean; missingDeliveries: number; connections: number };

export type TVerifyResult = {
  /** Connections that were open for the whole window and were checked. */
  connections: number;
  /** Connections that closed on their own (server side or network) before the check. */
  dropped: number;
  deliveriesExpected: number;
  deliveriesReceived: number;
  lost: number;
  duplicated: number;
  reordered: number;
  /** Detections received that were not written during the window (or belong to another org). */
  unexpected: number;
  latency: { api: TDistribution; sql: TDistribution; sqlPollOnly: TDistribution; apiFromRequest: TDistribution };
  events: Record<string, number>;
};

export type TChildReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Spontaneous messages from the child (not answers). */
export type TChildNotice = { notice: 'ready' } | { notice: 'progress'; connected: number; failed: number };
