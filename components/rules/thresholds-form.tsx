'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { RoleNote } from '@/components/shell/role-note';
import { Field } from '@/components/ui/field';
import { usePermissions } from '@/hooks/use-permissions';
import { ApiError } from '@/lib/api-client';
import { overridePermission, type TThresholdsView } from '@/lib/scoring/thresholds';
import styles from './rules.module.css';
import { useClearThresholdsOverride, useSetThresholdsOverride, useUpdateThresholds } from './use-thresholds';

const OVERRIDE_DURATIONS = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 240, label: '4 hours' },
  { minutes: 1440, label: '24 hours' },
] as const;

const fieldError = (error: unknown, field: string) => (error instanceof ApiError && error.field === field ? error.message : undefined);

/** The standing thresholds. The form starts from the saved values; it is remounted when they change. */
function StandingForm({ orgId, view }: { orgId: string; view: TThresholdsView }) {
  const [review, setReview] = useState(String(view.review));
  const [block, setBlock] = useState(String(view.block));
  const [target, setTarget] = useState(String(view.reviewTargetMinutes));
  const save = useUpdateThresholds(orgId);
  const dirty = Number(review) !== view.review || Number(block) !== view.block || Number(target) !== view.reviewTargetMinutes;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ review: Number(review), block: Number(block), reviewTargetMinutes: Number(target) });
  };

  return (
    <form className={styles.row} onSubmit={onSubmit} data-testid="thresholds-form">
      <div className={styles.narrow}>
        <Field label="Review from" name="review" type="number" min={1} max={99} step={1} value={review} onChange={(e) => setReview(e.target.value)} hint={fieldError(save.error, 'review')} />
      </div>
      <div className={styles.narrow}>
        <Field label="Block from" name="block" type="number" min={2} max={100} step={1} value={block} onChange={(e) => setBlock(e.target.value)} hint={fieldError(save.error, 'block')} />
      </div>
      <div className={styles.narrow}>
        <Field label="Review within (min)" name="reviewTargetMinutes" type="number" min={1} max={10080} step={1} value={target} onChange={(e) => setTarget(e.target.value)} hint={fieldError(save.error, 'reviewTargetMinutes')} />
      </div>
      <Button type="submit" variant="primary" disabled={!dirty || save.isPending} data-testid="save-thresholds">
        {save.isPending ? 'Saving…' : 'Save'}
      </Button>
    </form>
  );
}

function OverrideForm({ orgId, view }: { orgId: string; view: TThresholdsView }) {
  const [review, setReview] = useState(String(Math.max(1, view.review - 20)));
  const [block, setBlock] = useState(String(Math.max(2, view.block - 20)));
  const [minutes, setMinutes] = useState<number>(60);
  const set = useSetThresholdsOverride(orgId);
  // Analysts may only lower them (README, "Roles"): the same test as the route.
  const { can } = usePermissions();
  const mayOnlyTighten = !can('thresholds.change');
  const allowed = can(overridePermission(view, { review: Number(review), block: Number(block) }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    set.mutate({ review: Number(review), block: Number(block), minutes });
  };

  return (
    <form className={styles.row} onSubmit={onSubmit} data-testid="override-form">
      <div className={styles.narrow}>
        <Field label="Review from" name="override-review" type="number" min={1} max={mayOnlyTighten ? view.review : 99} step={1} value={review} onChange={(e) => setReview(e.target.value)} hint={fieldError(set.error, 'review')} />
      </div>
      <div className={styles.narrow}>
        <Field label="Block from" name="override-block" type="number" min={2} max={mayOnlyTighten ? view.block : 100} step={1} value={block} onChange={(e) => setBlock(e.target.value)} hint={fieldError(set.error, 'block')} />
      </div>
      <div className="field">
        <label htmlFor="override-minutes">For</label>
        <select id="override-minutes" className="select" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
          {OVERRIDE_DURATIONS.map((d) => (
            <option key={d.minutes} value={d.minutes}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={set.isPending || !allowed} data-testid="apply-override">
        {set.isPending ? 'Applying…' : 'Apply temporarily'}
      </Button>
      {mayOnlyTighten ? (
        <p className="hint" style={{ flexBasis: '100%' }} data-testid="override-tighten-only">
          As an analyst you can lower them (stricter), not raise them: review from {view.review} or less, block from {view.block} or less.
        </p>
      ) : null}
    </form>
  );
}

export function ThresholdsForm({ orgId, view }: { orgId: string; view: TThresholdsView }) {
  const clear = useClearThresholdsOverride(orgId);
  const { can } = usePermissions();
  return (
    <div className="form">
      <div className={styles.section}>
        <h3>Standing thresholds</h3>
        <p className="hint">Scores from 1 to 100. The score is the sum of the SCORE rules that fire; a REVIEW or BLOCK rule decides on its own.</p>
        {can('thresholds.change') ? (
          <StandingForm key={`${view.review}-${view.block}-${view.reviewTargetMinutes}`} orgId={orgId} view={view} />
        ) : (
          <>
            <p data-testid="thresholds-standing">
              Review from <strong>{view.review}</strong>, block from <strong>{view.block}</strong>.
            </p>
            <RoleNote permission="thresholds.change" cannot="change the standing thresholds" />
          </>
        )}
      </div>
      <div className={styles.section}>
        <h3>Temporary thresholds</h3>
        {view.override ? (
          <div className={styles.override} role="status" data-testid="override-active">
            <span>
              In force: review from <strong>{view.override.review}</strong>, block from <strong>{view.override.block}</strong> until{' '}
              <strong>{new Date(view.override.until).toLocaleString()}</strong>.
            </span>
            {/* Ending early brings back looser thresholds: an admin's call. */}
            {can('thresholds.change') ? (
              <Button size="sm" onClick={() => clear.mutate()} disabled={clear.isPending} data-testid="end-override">
                {clear.isPending ? 'Ending…' : 'End now'}
              </Button>
            ) : null}
          </div>
        ) : can('thresholds.tighten') ? (
          <>
            <p className="hint">During an attack, lower them for a while; they go back by themselves.</p>
            <OverrideForm orgId={orgId} view={view} />
          </>
        ) : (
          <RoleNote permission="thresholds.tighten" cannot="change the thresholds, even for a while" />
        )}
      </div>
    </div>
  );
}
