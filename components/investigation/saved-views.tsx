'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmAction, useInlineConfirm } from '@/components/ui/confirm-action';
import { hasNoFilter, type TDetectionFilters } from '@/lib/detections/filters';
import { useErrorText } from '@/hooks/use-error-text';
import { usePermissions } from '@/hooks/use-permissions';
import { useDeleteView, useSaveView, useViews, type TSavedView } from '@/hooks/use-views';
import styles from './investigation.module.css';
import { dashboardHref } from './url-filters';

// "Views" beside the filter bar: my saved filter sets and the ones shared
// with the organization. Applying one is opening its URL, so a view, a shared
// link and the bar all mean one list. Saving is offered to the roles that may
// (views.save); deleting to the view's author, and for a shared view to
// admins and owners (views.manage). The API decides in the end: its 403 is shown as is.

type TProps = {
  orgId: string;
  /** The URL's filters as written, saved as they are (the API parses them as the list does). */
  raw: Record<string, string>;
  /** The same, parsed; null when they do not parse (nothing to save). */
  filters: TDetectionFilters | null;
};

/** A view's filters as URL parameters (the API returns them parsed: numbers, ISO instants). */
export const viewHref = (view: Pick<TSavedView, 'filters'>) =>
  dashboardHref(Object.fromEntries(Object.entries(view.filters).flatMap(([name, value]) => (value === undefined || value === null ? [] : [[name, String(value)]]))));

export function SavedViews({ orgId, raw, filters }: TProps) {
  const t = useTranslations('investigation.views');
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const views = useViews(orgId, { enabled: open });

  // Closes on Escape and on a click elsewhere, like any menu.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const list = views.data?.views ?? [];
  const mine = list.filter((v) => v.mine);
  const shared = list.filter((v) => !v.mine);

  return (
    <div className={styles.views} ref={root}>
      <Button aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)} data-testid="views-button">
        {t('button')}
      </Button>
      {open ? (
        <div id={panelId} className={styles.viewsPanel} role="region" aria-label={t('panel')} data-testid="views-panel">
          {views.isPending ? (
            <p className="muted">{t('loading')}</p>
          ) : views.isError ? (
            <p className={styles.problem} role="alert">
              {t('loadFailed', { error: errorText(views.error) })}
            </p>
          ) : (
            <>
              <ViewList title={t('mine')} empty={t('mineEmpty')} views={mine} orgId={orgId} onApply={() => setOpen(false)} />
              <ViewList title={t('shared')} empty={t('sharedEmpty')} views={shared} orgId={orgId} onApply={() => setOpen(false)} />
            </>
          )}
          <SaveView orgId={orgId} raw={raw} filters={filters} />
        </div>
      ) : null}
    </div>
  );
}

function ViewList({ title, empty, views, orgId, onApply }: { title: string; empty: string; views: TSavedView[]; orgId: string; onApply: () => void }) {
  const t = useTranslations('investigation.views');
  const { can } = usePermissions();
  const remove = useDeleteView(orgId);
  const confirm = useInlineConfirm();
  // The API has the last word (403 shown in a toast); this only spares offering what would be refused.
  const mayDelete = (v: TSavedView) => v.mine || (v.shared && can('views.manage'));
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {views.length === 0 ? (
        <p className="hint">{empty}</p>
      ) : (
        <ul className={styles.viewList}>
          {views.map((v) => (
            <li key={v.id} className={styles.viewItem} data-testid="saved-view" data-view-name={v.name}>
              <Link href={viewHref(v)} onClick={onApply} title={t('apply', { name: v.name })} data-testid="saved-view-apply" translate="no">
                {v.name}
              </Link>
              {v.shared && !v.mine ? (
                <span className={styles.viewOwner} translate="no">
                  {v.createdBy.name ?? v.createdBy.email}
                </span>
              ) : null}
              {v.shared && v.mine ? <span className={styles.viewOwner}>{t('sharedTag')}</span> : null}
              {mayDelete(v) ? (
                <ConfirmAction
                  {...confirm.row(v.id)}
                  verb={t('delete')}
                  pendingLabel={t('deleting')}
                  pending={remove.isPending && remove.variables?.id === v.id}
                  onConfirm={() => remove.mutate(v, { onSettled: confirm.done })}
                  testIds={{ ask: 'saved-view-delete', confirm: 'saved-view-delete-confirm' }}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SaveView({ orgId, raw, filters }: TProps) {
  const t = useTranslations('investigation.views');
  const errorText = useErrorText();
  const { can } = usePermissions();
  const save = useSaveView(orgId);
  const [asking, setAsking] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  if (!can('views.save')) return null;

  const nothing = filters === null ? t('fixFirst') : hasNoFilter(filters) ? t('setFirst') : null;
  if (!asking)
    return (
      <div className={styles.saveForm}>
        <Button onClick={() => setAsking(true)} disabled={nothing !== null} data-testid="views-save-open">
          {t('saveOpen')}
        </Button>
        {nothing ? <p className="hint">{nothing}</p> : null}
      </div>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!filters) return;
    save.mutate({ name: name.trim(), filters: raw, shared }, { onSuccess: () => (setAsking(false), setName(''), setShared(false)) });
  };
  return (
    <form className={styles.saveForm} onSubmit={submit} aria-label={t('saveForm')}>
      <label className="field">
        <span>{t('name')}</span>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required autoFocus data-testid="view-name" />
      </label>
      <label className={styles.check}>
        <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} data-testid="view-shared" />
        {t('share')}
      </label>
      {save.isError ? (
        <p className={styles.problem} role="alert" data-testid="view-save-error">
          {errorText(save.error)}
        </p>
      ) : null}
      <div className={styles.actions}>
        <Button type="submit" variant="primary" disabled={save.isPending || name.trim() === ''} data-testid="view-save">
          {save.isPending ? t('saving') : t('save')}
        </Button>
        <Button onClick={() => (setAsking(false), save.reset())}>{t('cancel')}</Button>
      </div>
    </form>
  );
}
