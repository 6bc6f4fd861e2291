import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { TDetection } from '@/lib/detections/schema';
import { DECISION_TONE } from './format';

export function DecisionBadge({ decision }: { decision: TDetection['decision'] }) {
  const t = useTranslations('dashboard');
  return (
    <Badge tone={DECISION_TONE[decision]} data-testid="decision-badge">
      {t('decision', { decision })}
    </Badge>
  );
}
