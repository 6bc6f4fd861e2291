import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, type TOrgRole, type TPermission } from '@/lib/orgs/permissions';
import { PermissionsProvider, useCan, usePermissions } from './use-permissions';

// The hook answers from the server's table for the role the layout passed in.

const ALL = Object.keys(PERMISSIONS) as TPermission[];

function Probe() {
  const { role, can } = usePermissions();
  const review = useCan('review');
  return createElement('i', null, `${role}|${review}|${ALL.filter(can).join(',')}`);
}

const render = (role: TOrgRole) => renderToStaticMarkup(createElement(PermissionsProvider, { role, children: createElement(Probe) })).replace(/<\/?i>/g, '').split('|');

describe('usePermissions / useCan', () => {
  it('allows each role what the permission table allows, nothing more', () => {
    expect(render('viewer')).toEqual(['viewer', 'false', 'read']);
    expect(render('analyst')).toEqual(['analyst', 'true', 'read,review,outcomes.label,export,lists.block,thresholds.tighten,rules.backtest,rules.snooze,views.save']);
    for (const role of ['admin', 'owner'] as const) expect(render(role)).toEqual([role, 'true', ALL.join(',')]);
  });

  it('refuses to guess outside the signed-in layout', () => {
    expect(() => renderToStaticMarkup(createElement(Probe))).toThrow(/inside the signed-in app layout/);
  });
});
