import fs from 'node:fs';
import path from 'node:path';

// Which nudge buses the multi-instance tests ran on, for the last lines of
// `npm test`. The test file records what it defined (and the latencies it
// measured) in the results folder; whether those tests passed is read from
// vitest's own JSON report, so the line cannot claim more than happened.

const FILE = 'multi-instance-buses.json';

export type TBusRecord = { ran: boolean; reason?: string; latenciesMs?: number[] };

/** Called by the test file (ORYLO_TEST_RESULTS is set by scripts/test.ts; nothing is written without it). */
export function recordBus(bus: string, entry: Partial<TBusRecord>): void {
  const dir = process.env.ORYLO_TEST_RESULTS;
  if (!dir) return;
  const file = path.join(dir, FILE);
  const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  all[bus] = { ...all[bus], ...entry };
  fs.writeFileSync(file, JSON.stringify(all, null, 2));
}

/** The suite title of one bus's tests; the summary finds them by it. */
export const busSuiteTitle = (bus: string) => `several instances on the ${bus} bus`;

/** "multi-instance: postgres bus ✓ (…), redis bus – not run (…)", or undefined when the file did not run. */
export function multiInstanceSummary(resultsDir: string): string | undefined {
  const file = path.join(resultsDir, FILE);
  if (!fs.existsSync(file)) return undefined;
  const buses: Record<string, TBusRecord> = JSON.parse(fs.readFileSync(file, 'utf8'));
  const vitestFile = path.join(resultsDir, 'vitest.json');
  const tests = fs.existsSync(vitestFile)
    ? JSON.parse(fs.readFileSync(vitestFile, 'utf8')).testResults.flatMap((f: { assertionResults: unknown[] }) => f.assertionResults)
    : [];
  const parts = Object.entries(buses).map(([bus, record]) => {
    if (!record.ran) return `${bus} bus – not run (${record.reason})`;
    const own = tests.filter((t: { ancestorTitles: string[] }) => t.ancestorTitles.includes(busSuiteTitle(bus)));
    const passed = own.filter((t: { status: string }) => t.status === 'passed').length;
    const mark = own.length > 0 && passed === own.length ? '✓' : `✗ (${passed} of ${own.length} passed)`;
    const ms = record.latenciesMs;
    const latency = ms?.length ? ` (commit to a stream on another instance: ${Math.min(...ms)}–${Math.max(...ms)} ms over ${ms.length} ingests)` : '';
    return `${bus} bus ${mark}${latency}`;
  });
  return `multi-instance: ${parts.join(', ')}`;
}
