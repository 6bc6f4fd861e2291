// Card-testing detection thresholds, in one place. The defaults suit a small
// to mid-size merchant; every value is read through this object, so a change
// here changes the detector, the incident counters and the sweeper together.
export const ATTACK_CONFIG = {
  /** The detection window: the last 2 minutes. */
  windowSeconds: 120,
  /** Attempts in the window before anything else is considered (volume alone never opens one). */
  minAttempts: 10,
  /** Decline signal: the window's decline ratio reaches this… */
  minDeclineRatio: 0.3,
  /** …and this multiple of the org's baseline (the previous 24 h, the window excluded). */
  baselineMultiplier: 3,
  baselineHours: 24,
  /** Fewer baseline attempts than this and the baseline is unknown: `defaultBaselineDeclineRatio` stands in. */
  minBaselineAttempts: 20,
  defaultBaselineDeclineRatio: 0.1,
  /** The baseline is re-read at most this often per org while the window looks suspicious. */
  baselineCacheMs: 60_000,
  /** IP signal: distinct cards seen from one IP in the window. */
  ipDistinctCards: 5,
  /**
   * BIN signal: distinct cards on one BIN in the window, when at least
   * `minDeclineRatio` of that BIN's attempts failed (declined by the issuer or
   * blocked by Orylo). A popular bank's BIN in a flash sale has many cards too,
   * but they go through.
   */
  binDistinctCards: 8,
  /**
   * …and at least this many of its attempts failed. A shop's own declines (a
   * few percent) reach 30 % of a popular BIN's handful of cards by chance
   * (3 of 8 shoppers happens); card testing's 75–90 % reaches 6 within about
   * 8 attempts, so it costs an attack a second or two, and spares the shop a
   * false war room or its shoppers counted as the attack.
   */
  binMinFailed: 6,
  /**
   * Attribution: besides the IPs, devices and BINs that opened it, an IP with
   * this many failed attempts (declined, or blocked by Orylo) in the window
   * joins an open incident (an attacker rotating to a new address).
   */
  ipFailedAttempts: 3,
  /** At most this many IPs, devices and BINs each are kept as an incident's indicators. */
  maxIndicators: 200,
  /** An attack that comes back within this long after its incident closed, from one of its IPs, devices or BINs, resumes that incident. */
  resumeWithinSeconds: 600,
  /** Counters of an open incident are rewritten at most this often (its `version` moves with them). */
  updateIntervalMs: 2_000,
  /** Close after `quietSeconds` with fewer than `quietMaxAttempts` attributed attempts in them, whatever the shop's ordinary traffic. */
  quietSeconds: 60,
  quietMaxAttempts: 3,
  /** At most one evaluation per org this often; calls in between make one trailing run. */
  coalesceMs: 1_000,
  /** Open incidents this process knows of are re-evaluated this often, so they close without new traffic. */
  sweepIntervalMs: 2_000,
  /** Entries in topIps / topBins / topCards. */
  topN: 5,
} as const;

export type TAttackConfig = Record<keyof typeof ATTACK_CONFIG, number>;
