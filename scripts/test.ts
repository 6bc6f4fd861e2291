// npm test – the whole suite against real services: an embedded PostgreSQL
// (or DATABASE_URL), a production build served by `next start`, vitest (unit +
// integration) and Playwright in Chromium. Prints "N passed, N failed".
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { logger } from '@/lib/logger';
import { prepareDatabase, serverDatabaseEnv } from './lib/database';
import { multiInstanceSummary } from './lib/multi-instance-report';
import { runNextBuild, spawnNext, stopChild, waitForHealthy } from './lib/next-process';
import { startSmtpSink } from '../tests/helpers/smtp-sink';

(process.env as Record<string, string>).LOG_LEVEL ??= 'warn';
const log = logger();
const PORT = Number(process.env.TEST_PORT ?? 3199);
const RESULTS = path.resolve(PORT === 3199 ? '.data/test-results' : `.data/test-results-${PORT}`);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const SECRET = process.env.BETTER_AUTH_SECRET ?? 'orylo-test-secret-0123456789abcdefghijklmnop';
const ADMIN_EMAIL = 'admin@orylo.test';

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function readCounts(file: string, kind: 'vitest' | 'playwright'): { passed: number; failed: number } {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1 };
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (kind === 'vitest') {
    // A file that fails to load has no failed test of its own: count it once.
    const brokenFiles = (r.testResults ?? []).filter(
      (f: any) => f.status === 'failed' && !(f.assertionResults ?? []).some((t: any) => t.status === 'failed'),
    ).length;
    return { passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + brokenFiles };
  }
  const s = r.stats ?? {};
  return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0) };
}

/** One line per failed test (file, name, the error's first line), printed just above the
 *  summary: CI keeps only the tail of the output, and a failure must be nameable from it. */
function failedTests(vitestFile: string, playwrightFile: string): string[] {
  const lines: string[] = [];
  const firstLine = (text: unknown) => String(text ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim())?.trim().slice(0, 300) ?? '';
  if (fs.existsSync(vitestFile)) {
    const r = JSON.parse(fs.readFileSync(vitestFile, 'utf8'));
    for (const f of r.testResults ?? []) {
      const file = path.relative(process.cwd(), f.name ?? '');
      const failed = (f.assertionResults ?? []).filter((t: any) => t.status === 'failed');
      for (const t of failed) lines.push(`FAILED vitest ${file} › ${t.fullName ?? t.title}: ${firstLine(t.failureMessages?.[0])}`);
      if (f.status === 'failed' && failed.length === 0) lines.push(`FAILED vitest ${file} (did not run): ${firstLine(f.message)}`);
    }
  }
  if (fs.existsSync(playwrightFile)) {
    const r = JSON.parse(fs.readFileSync(playwrightFile, 'utf8'));
    const walk = (suite: any, outer: string[]) => {
      // A file's own suite is named by its path, printed already; a describe() adds its title.
      const titles = suite.title && suite.title !== suite.file ? [...outer, suite.title] : outer;
      for (const spec of suite.specs ?? []) {
        for (const t of spec.tests ?? []) {
          if (t.status === 'expected' || t.status === 'skipped') continue;
          const error = (t.results ?? []).map((x: any) => x.error?.message).find(Boolean);
          lines.push(`FAILED playwright ${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')} (${t.status}): ${firstLine(error)}`);
        }
      }
      for (const child of suite.suites ?? []) walk(child, titles);
    };
    for (const suite of r.suites ?? []) walk(suite, []);
  }
  return lines;
}

async function main() {
  const started = Date.now();
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });

  const db = await prepareDatabase({ dataDir: PORT === 3199 ? '.data/pg-test' : `.data/pg-test-${PORT}`, port: Number(process.env.TEST_PG_PORT ?? 54329), secret: SECRET, fresh: true });
  let server;
  let code = 1;
  // The server under test sends its e-mail (verification, invitations, alerts) to a
  // real SMTP sink; the browser tests read it from MAIL_LOG, as a person reads a mailbox.
  const MAIL_LOG = `${RESULTS}/mail.jsonl`;
  const sink = await startSmtpSink({ logFile: MAIL_LOG });
  try {
    if (process.env.SKIP_BUILD !== '1') {
      const built = await runNextBuild();
      if (built !== 0) throw new Error('next build failed');
    }
    const serverEnv = {
      NODE_ENV: 'production',
      ...serverDatabaseEnv(db.ownerUrl, SECRET),
      BETTER_AUTH_SECRET: SECRET,
      BETTER_AUTH_URL: BASE_URL,
      ADMIN_EMAILS: ADMIN_EMAIL,
      AUTH_RATE_LIMIT: '0',
      METRICS_TOKEN: 'orylo-test-metrics-token-0123456789',
      REALTIME_POLL_INTERVAL_MS: '1000',
      REALTIME_HEARTBEAT_MS: '1500',
      // Churn and load tests open thousands of streams from one address; the
      // limits themselves are tested on servers of their own.
      REALTIME_MAX_STREAMS_PER_IP: '100000',
      REALTIME_MAX_STREAMS_PER_USER: '100000',
      REALTIME_CONNECTS_PER_MINUTE: '1000000',
      // Webhook and Slack receivers in the tests are local HTTP servers; retries come fast.
      SMTP_URL: sink.url,
      WEBHOOK_ALLOW_PRIVATE: '1',
      WEBHOOK_RETRY_BASE_MS: '300',
      LOG_LEVEL: process.env.SERVER_LOG_LEVEL ?? 'warn',
      LOG_PRETTY: '0',
    };
    server = spawnNext('start', { port: PORT, env: serverEnv, quiet: true, hostname: '127.0.0.1' });
    await waitForHealthy(BASE_URL, { timeoutMs: 60_000, child: server });

    // The tests assert as the owner; the server itself never sees its URL. Extra servers a test
    // starts derive their runtime role from the DATABASE_URL it gives them (a proxy, say).
    const testEnv = { ...serverEnv, DATABASE_URL: db.ownerUrl, DATABASE_APP_URL: '', ORYLO_SERVER_PID: String(server.pid), ORYLO_BASE_URL: BASE_URL, ORYLO_ADMIN_EMAIL: ADMIN_EMAIL, PLAYWRIGHT_JSON: `${RESULTS}/playwright.json`, ORYLO_TEST_RESULTS: RESULTS, ORYLO_MAIL_LOG: MAIL_LOG };
    // Servers a test starts for itself log their e-mail (or get a sink of their own), as without SMTP.
    delete (testEnv as Record<string, string | undefined>).SMTP_URL;
    const filter = process.argv.slice(2);
    const vitest = await run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile=${RESULTS}/vitest.json`, ...filter], testEnv);
    // E2E_FILTER="e2e/war-room toasts": only the Playwright specs whose paths match (Playwright's own filters).
    const e2eFilter = (process.env.E2E_FILTER ?? '').split(/\s+/).filter(Boolean);
    const pw = process.env.SKIP_E2E === '1' ? 0 : await run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', ...e2eFilter], testEnv);

    const v = readCounts(`${RESULTS}/vitest.json`, 'vitest');
    const p = process.env.SKIP_E2E === '1' ? { passed: 0, failed: 0 } : readCounts(`${RESULTS}/playwright.json`, 'playwright');
    const passed = v.passed + p.passed;
    const failed = v.failed + p.failed;
    const buses = multiInstanceSummary(RESULTS);
    if (buses) process.stdout.write(`\n${buses}`);
    const failures = failedTests(`${RESULTS}/vitest.json`, `${RESULTS}/playwright.json`);
    if (failures.length > 0) process.stdout.write(`\n${failures.join('\n')}\n`);
    process.stdout.write(`\nvitest: ${v.passed} passed, ${v.failed} failed; playwright: ${p.passed} passed, ${p.failed} failed; ${Math.round((Date.now() - started) / 1000)} s\n`);
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
    code = failed === 0 && vitest === 0 && pw === 0 && passed > 0 ? 0 : 1;
  } catch (error) {
    log.error({ err: error }, (error as Error).message);
    process.stdout.write('0 passed, 1 failed\n');
  } finally {
    await stopChild(server);
    await sink.stop();
    await db.stop();
  }
  process.exit(code);
}

void main();
