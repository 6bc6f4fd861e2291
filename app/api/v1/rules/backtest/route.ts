import { withOrg } from '@/lib/api/with-org';
import { backtestRule } from '@/lib/rules/backtest';
import { ZBacktestSchema } from '@/lib/rules/backtest-schema';

export const dynamic = 'force-dynamic';

// POST /api/v1/rules/backtest – what a new or edited rule would have done on past detections; writes nothing
export const POST = withOrg(
  async ({ body, db, orgId, log }) => {
    const result = await backtestRule({ db, orgId, input: body });
    log.info({ evaluated: result.evaluated, matched: result.matched, durationMs: result.durationMs }, 'rule backtested');
    return Response.json(result);
  },
  { permission: 'rules.backtest', body: { schema: ZBacktestSchema, maxBytes: 16_384 } },
);
