import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

// Linux /proc readings for the server (and the database): resident memory and
// CPU time of a process and all its descendants, so the figure is right
// whether `next start` serves in its own process or in a child.

let clockTicks: number | undefined;
/** Kernel clock ticks per second (utime/stime unit). */
export function clkTck(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

type Stat = { pid: number; ppid: number; ticks: number };

function readStat(pid: number): Stat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is state (field 3); ppid is field 4, utime 14, stime 15.
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** `pid` and every live descendant. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push(stat.pid);
    children.set(stat.ppid, list);
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length && out.length < 10_000) {
    const p = queue.shift()!;
    out.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return out;
}

function rssKbOf(pid: number): number {
  try {
    const match = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export type TProcSample = { at: number; rssKb: number; cpuTicks: number; pids: number };

/** RSS (sum of VmRSS) and CPU ticks (utime + stime) of a process tree, now. */
export function sampleTree(rootPid: number): TProcSample {
  const pids = processTree(rootPid);
  let rssKb = 0;
  let cpuTicks = 0;
  for (const pid of pids) {
    rssKb += rssKbOf(pid);
    cpuTicks += readStat(pid)?.ticks ?? 0;
  }
  return { at: Date.now(), rssKb, cpuTicks, pids: pids.length };
}

/**
 * RSS of the server after a full collection (SIGUSR2; the bench starts it with
 * --expose-gc, see scripts/server.ts): live memory, not garbage that the
 * collector has not reached yet, which made step-to-step figures swing ±30 KB.
 */
export async function sampleLiveMemory(pid: number): Promise<TProcSample> {
  // Twice: V8 returns freed pages to the system a moment after a collection.
  for (let i = 0; i < 2; i++) {
    try {
      process.kill(pid, 'SIGUSR2');
    } catch {
      /* gone: sampleTree reports 0 */
    }
    await new Promise((r) => setTimeout(r, 600));
  }
  return sampleTree(pid);
}

/** CPU between two samples as a percentage of one core. */
export function cpuPercent(a: TProcSample, b: TProcSample): number {
  const seconds = (b.at - a.at) / 1000;
  if (seconds <= 0) return 0;
  return Math.round(((b.cpuTicks - a.cpuTicks) / clkTck() / seconds) * 1000) / 10;
}

/** The postmaster's pid from its data directory, when this machine runs the database and we may read it. */
export function postmasterPid(dataDirectory: string): number | null {
  try {
    const pid = Number(fs.readFileSync(`${dataDirectory}/postmaster.pid`, 'utf8').split('\n')[0]);
    return pid > 0 && fs.existsSync(`/proc/${pid}`) ? pid : null;
  } catch {
    return null;
  }
}
