'use client';

import { useCallback, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { AttackSummary } from '@/components/attacks/attack-summary';
import { WarRoomPanel } from '@/components/war-room/war-room-panel';
import { useDetections } from '@/hooks/use-detections';
import { DetectionDrawer } from './detection-drawer';
import { DetectionsTable } from './detections-table';
import { EmptyState } from './empty-state';
import { DecisionsChart } from './decisions-chart';
import { KpiCards } from './kpi-cards';
import { useHeldBackRows } from './use-held-back-rows';

export function DashboardView() {
  const orgId = useOrgId();
  const detections = useDetections(orgId);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const close = useCallback(() => setSelectedId(null), []);

  const rows = detections.data?.detections ?? [];
  const selected = rows.find((d) => d.id === selectedId) ?? null;
  const tableRef = useRef<HTMLDivElement>(null);
  const { visible, held, release } = useHeldBackRows(rows, tableRef);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Dashboard</h1>
          <p className="muted">Every payment attempt scored by Orylo, as it happens.</p>
        </div>
      </div>

      <WarRoomPanel orgId={orgId} />
      <AttackSummary orgId={orgId} />
      <KpiCards orgId={orgId} />
      <DecisionsChart orgId={orgId} />

      <Card className="offscreen-skip">
        <CardHeader title="Latest detections" description="Newest first. Click a row to see why it was scored this way." />
        {detections.isPending ? (
          <div className="card-body" aria-busy="true" style={{ display: 'grid', gap: 10 }}>
            {[0, 1, 2, 3].map((i) => (
              <div key={i} className="skeleton" />
            ))}
          </div>
        ) : detections.isError ? (
          <div className="card-body" style={{ display: 'grid', gap: 10, justifyItems: 'start' }}>
            <Alert>Could not load detections: {detections.error.message}</Alert>
            <Button size="sm" onClick={() => void detections.refetch()}>
              Try again
            </Button>
          </div>
        ) : rows.length === 0 ? (
          <EmptyState orgId={orgId} />
        ) : (
          <div ref={tableRef}>
            <DetectionsTable detections={visible} selectedId={selectedId} onSelect={setSelectedId} />
          </div>
        )}
      </Card>

      {held > 0 ? (
        <button type="button" className="new-pill" data-testid="new-rows-pill" onClick={release}>
          ↑ {held.toLocaleString('en-US')} new
        </button>
      ) : null}

      {selected ? <DetectionDrawer detection={selected} onClose={close} /> : null}
    </>
  );
}
