import { Badge } from '@/components/ui/badge';
import type { TDetection } from '@/lib/detections/schema';
import { DECISION_TONE } from './format';

export function DecisionBadge({ decision }: { decision: TDetection['decision'] }) {
  return (
    <Badge tone={DECISION_TONE[decision]} data-testid="decision-badge">
      {decision}
    </Badge>
  );
}
