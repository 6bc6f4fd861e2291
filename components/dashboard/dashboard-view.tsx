'use client';

import { useCallback, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { useDetections } from '@/hooks/use-detections';
import { DetectionDrawer } from './detection-drawer';
import { DetectionsTable } from './detections-table';
import { EmptyState } from './empty-state';
import { KpiCards } from './kpi-cards';

export function DashboardView() {
  const orgId = useOrgId();
  const detections = useDetections(orgId);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const close = useCallback(() => setSelectedId(null), []);

  const rows = detections.data?.detections ?? [];
  const selected = rows.find((d) => d.id === selectedId) ?? null;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Dashboard</h1>
          <p className="muted">Every payment attempt scored by Orylo, as it happens.</p>
        </div>
      </div>

      <KpiCards orgId={orgId} />

      <Card>
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
          <DetectionsTable detections={rows} selectedId={selectedId} onSelect={setSelectedId} />
        )}
      </Card>

      {selected ? <DetectionDrawer detection={selected} onClose={close} /> : null}
    </>
  );
}
