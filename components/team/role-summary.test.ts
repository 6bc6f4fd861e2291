import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { ORG_ROLES, PERMISSIONS, type TPermission } from '@/lib/orgs/permissions';
import { roleSummary } from '@/lib/team/rules';
import { messagesFor } from '@/messages';
import { permissionKey } from './use-role-summary';

// The page's role summaries come from the catalog; the permission table's own
// words (lib/team/rules.ts) must read the same in English, or one drifted.
describe('role summaries in the catalog', () => {
  const t = createTranslator({ locale: 'en', messages: messagesFor('en'), namespace: 'team' });
  it('name every permission as the permission table does', () => {
    for (const p of Object.keys(PERMISSIONS) as TPermission[]) expect(t(`permissions.${permissionKey(p)}`)).toBe(PERMISSIONS[p].what);
  });
  it('have the fixed lines of lib/team/rules.ts in English', () => {
    expect(t('roleSummary.viewer')).toBe(roleSummary('viewer'));
    expect(t('roleSummary.owner')).toBe(roleSummary('owner'));
    for (const role of ORG_ROLES) expect(typeof roleSummary(role)).toBe('string');
  });
});
