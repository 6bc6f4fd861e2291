'use client';

import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import { can, type TOrgRole, type TPermission } from '@/lib/orgs/permissions';

// What the signed-in user may do in the active organization, so the dashboard
// shows only the controls that would work. The role is read on the server by
// the (app) layout; the table is the one the route wrapper enforces
// (lib/orgs/permissions.ts), never a copy. Hiding is a courtesy, not the
// defence: every route still answers 403 on its own.

const RoleContext = createContext<TOrgRole | null>(null);

export function PermissionsProvider({ role, children }: { role: TOrgRole; children: ReactNode }) {
  return createElement(RoleContext.Provider, { value: role }, children);
}

export type TPermissions = { role: TOrgRole; can: (permission: TPermission) => boolean };

/** The role and a `can` for permissions that depend on input (listEntryPermission, overridePermission). */
export function usePermissions(): TPermissions {
  const role = useContext(RoleContext);
  if (!role) throw new Error('usePermissions must be used inside the signed-in app layout');
  return useMemo(() => ({ role, can: (permission: TPermission) => can(role, permission) }), [role]);
}

export function useCan(permission: TPermission): boolean {
  return usePermissions().can(permission);
}
