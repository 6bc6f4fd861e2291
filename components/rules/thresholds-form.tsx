'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { RoleNote } from '@/components/shell/role-note';
import { Field } from '@/components/ui/field';
import { useErrorText } from '@/hooks/use-error-text';
import { useFormats } from '@/hooks/use-formats';
import { usePermissions } from '@/hooks/use-permissions';
import { ApiError } from '@/lib/api-client';
import { overridePermission, type TThresholdsView } from '@/lib/scoring/thresholds';
import styles from './rules.module.css';
import { useClearThresholdsOverride, useSetThresholdsOverride, useUpdateThresholds } from './use-thresholds';

const OVERRIDE_DURATIONS = [15, 60, 240, 1440] as const;

/** The API's problem with one field, in the reader's language, shown under it. */
function useFieldError() {
  const errorText = useErrorText();
  return (error: unknown, field: string) => (error instanceof ApiError && error.field === field ? errorText(error) : undefined);
}

/** The standing thresholds. The form starts from the saved values; it is remounted when they change. */
function StandingForm({ orgId, view }: { orgId: string; view: TThresholdsView }) {
  const [review, setReview] = useState(String(view.review));
  const [block, setBlock] = useState(String(view.block));
  const [target, setTarget] = useState(String(view.reviewTargetMinutes));
  const save = useUpdateThresholds(orgId);
  const t = useTranslations('rules.thresholds');
  const fieldError = useFieldError();
  const dirty = Number(review) !== view.review || Number(block) !== view.block || Number(target) !== view.reviewTargetMinutes;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ review: Number(review), block: Number(block), reviewTargetMinutes: Number(target) });
  };

  return (
    <form className={styles.row} onSubmit={onSubmit} data-testid="thresholds-form">
      <div className={styles.narrow}>
        <Field label={t('reviewFrom')} name="review" type="number" min={1} max={99} step={1} value={review} onChange={(e) => setReview(e.target.value)} hint={fieldError(save.error, 'review')} />
      </div>
      <div className={styles.narrow}>
        <Field label={t('blockFrom')} name="block" type="number" min={2} max={100} step={1} value={block} onChange={(e) => setBlock(e.target.value)} hint={fieldError(save.error, 'block')} />
      </div>
      <div className={styles.narrow}>
        <Field label={t('reviewWithin')} name="reviewTargetMinutes" type="number" min={1} max={10080} step={1} value={target} onChange={(e) => setTarget(e.target.value)} hint={fieldError(save.error, 'reviewTargetMinutes')} />
      </div>
      <Button type="submit" variant="primary" disabled={!dirty || save.isPending} data-testid="save-thresholds">
        {save.isPending ? t('saving') : t('save')}
      </Button>
    </form>
  );
}

function OverrideForm({ orgId, view }: { orgId: string; view: TThresholdsView }) {
  const [review, setReview] = useState(String(Math.max(1, view.review - 20)));
  const [block, setBlock] = useState(String(Math.max(2, view.block - 20)));
  const [minutes, setMinutes] = useState<number>(60);
  const set = useSetThresholdsOverride(orgId);
  const t = useTranslations('rules.thresholds');
  const fieldError = useFieldError();
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
        <Field label={t('reviewFrom')} name="override-review" type="number" min={1} max={mayOnlyTighten ? view.review : 99} step={1} value={review} onChange={(e) => setReview(e.target.value)} hint={fieldError(set.error, 'review')} />
      </div>
      <div className={styles.narrow}>
        <Field label={t('blockFrom')} name="override-block" type="number" min={2} max={mayOnlyTighten ? view.block : 100} step={1} value={block} onChange={(e) => setBlock(e.target.value)} hint={fieldError(set.error, 'block')} />
      </div>
      <div className="field">
        <label htmlFor="override-minutes">{t('for')}</label>
        <select id="override-minutes" className="select" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
          {OVERRIDE_DURATIONS.map((m) => (
            <option key={m} value={m}>
              {t(`durations.${m}`)}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={set.isPending || !allowed} data-testid="apply-override">
        {set.isPending ? t('temporary.applying') : t('temporary.apply')}
      </Button>
      {mayOnlyTighten ? (
        <p className="hint" style={{ flexBasis: '100%' }} data-testid="override-tighten-only">
          {t('temporary.tightenOnly', { review: view.review, block: view.block })}
        </p>
      ) : null}
    </form>
  );
}

export function ThresholdsForm({ orgId, view }: { orgId: string; view: TThresholdsView }) {
  const clear = useClearThresholdsOverride(orgId);
  const { can } = usePermissions();
  const t = useTranslations('rules.thresholds');
  const f = useFormats();
  const bold = (chunks: ReactNode) => <strong>{chunks}</strong>;
  return (
    <div className="form">
      <div className={styles.section}>
        <h3>{t('standing.title')}</h3>
        <p className="hint">{t('standing.hint')}</p>
        {can('thresholds.change') ? (
          <StandingForm key={`${view.review}-${view.block}-${view.reviewTargetMinutes}`} orgId={orgId} view={view} />
        ) : (
          <>
            <p data-testid="thresholds-standing">
              {t.rich('standing.readOnly', { review: view.review, block: view.block, b: bold })}
            </p>
            <RoleNote permission="thresholds.change" cannot={t('standing.cannot')} />
          </>
        )}
      </div>
      <div className={styles.section}>
        <h3>{t('temporary.title')}</h3>
        {view.override ? (
          <div className={styles.override} role="status" data-testid="override-active">
            <span>
              {t.rich('temporary.inForce', { review: view.override.review, block: view.override.block, until: f.dateTime(view.override.until), b: bold })}
            </span>
            {/* Ending early brings back looser thresholds: an admin's call. */}
            {can('thresholds.change') ? (
              <Button size="sm" onClick={() => clear.mutate()} disabled={clear.isPending} data-testid="end-override">
                {clear.isPending ? t('temporary.ending') : t('temporary.end')}
              </Button>
            ) : null}
          </div>
        ) : can('thresholds.tighten') ? (
          <>
            <p className="hint">{t('temporary.hint')}</p>
            <OverrideForm orgId={orgId} view={view} />
          </>
        ) : (
          <RoleNote permission="thresholds.tighten" cannot={t('temporary.cannot')} />
        )}
      </div>
    </div>
  );
}
