'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { AttackSummary } from '@/components/attacks/attack-summary';
import { WarRoomPanel } from '@/components/war-room/war-room-panel';
import { InvestigationBar } from '@/components/investigation/investigation-bar';
import { LoadMore } from '@/components/investigation/load-more';
import { useUrlFilters } from '@/components/investigation/use-url-filters';
import { useDetectionList } from '@/hooks/use-detection-list';
import { useErrorText } from '@/hooks/use-error-text';
import { DetectionDrawer } from './detection-drawer';
import { DetectionsTable } from './detections-table';
import { EmptyState } from './empty-state';
import { DecisionsChart } from './decisions-chart';
import { KpiCards } from './kpi-cards';
import { useHeldBackRows } from './use-held-back-rows';

export function DashboardView() {
  const t = useTranslations('dashboard');
  const errorText = useErrorText();
  const orgId = useOrgId();
  // The list's filters live in the URL (DESIGN, "Investigation"): a shared link shows the same list.
  const { raw, search, navigate } = useUrlFilters();
  const { filters, list: detections, invalid, checking } = useDetectionList(orgId, raw);
  const filtered = Object.keys(raw).length > 0;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const close = useCallback(() => setSelectedId(null), []);

  const page = filters ? detections.data : undefined;
  const rows = useMemo(() => page?.detections ?? [], [page]);
  const ruleSuggestions = useMemo(() => [...new Set(rows.slice(0, 200).flatMap((d) => d.reasons.map((r) => r.code)))].filter((c) => c !== 'score_threshold').sort(), [rows]);
  const selected = rows.find((d) => d.id === selectedId) ?? null;
  const tableRef = useRef<HTMLDivElement>(null);
  const { visible, held, release } = useHeldBackRows(rows, tableRef);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t('header.title')}</h1>
          <p className="muted">{t('header.subtitle')}</p>
        </div>
      </div>

      <WarRoomPanel orgId={orgId} />
      <AttackSummary orgId={orgId} />
      <KpiCards orgId={orgId} />
      <DecisionsChart orgId={orgId} />

      <Card className="offscreen-skip">
        <CardHeader
          title={filtered ? t('list.filtered') : t('list.latest')}
          description={filtered ? t('list.filteredHint') : t('list.latestHint')}
        />
        <InvestigationBar orgId={orgId} raw={raw} search={search} filters={filters} invalid={invalid} ruleSuggestions={ruleSuggestions} onApply={navigate} />
        {invalid ? null : detections.isError && filters ? (
          <div className="card-body" style={{ display: 'grid', gap: 10, justifyItems: 'start' }}>
            <Alert>{t('list.loadFailed', { error: errorText(detections.error) })}</Alert>
            <Button size="sm" onClick={() => void detections.refetch()}>
              {t('list.retry')}
            </Button>
          </div>
        ) : checking || !page ? (
          <div className="card-body" aria-busy="true" style={{ display: 'grid', gap: 10 }}>
            {[0, 1, 2, 3].map((i) => (
              <div key={i} className="skeleton" />
            ))}
          </div>
        ) : rows.length === 0 && filtered ? (
          <>
            <p className="card-body muted" data-testid="filtered-empty">
              {t('list.noMatch', { newest: page.nextCursor || page.resumeBefore ? 'yes' : 'no' })}
            </p>
            {filters && (page.nextCursor || page.resumeBefore) ? <LoadMore orgId={orgId} filters={filters} page={page} /> : null}
          </>
        ) : rows.length === 0 ? (
          <EmptyState orgId={orgId} />
        ) : (
          <>
            <div ref={tableRef}>
              <DetectionsTable detections={visible} selectedId={selectedId} onSelect={setSelectedId} />
            </div>
            {filters ? <LoadMore orgId={orgId} filters={filters} page={page} /> : null}
          </>
        )}
      </Card>

      {held > 0 ? (
        <button type="button" className="new-pill" data-testid="new-rows-pill" onClick={release}>
          {t('list.newRows', { count: held })}
        </button>
      ) : null}

      {selected ? <DetectionDrawer detection={selected} onClose={close} /> : null}
    </>
  );
}
