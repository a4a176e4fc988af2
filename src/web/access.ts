// What the current user may see: named flags used by the menu, the routes and the buttons.
// The server decides for real; these flags only keep the UI from offering what would be refused.
import type { CurrentUser, Role } from './api/types';

export interface Access {
  canAdmin: boolean;
  canManageUsers: boolean;
  canReviewRegistrations: boolean;
  canManageRegions: boolean;
  canViewAudit: boolean;
  isOrganization: boolean;
}

export type AccessFlag = keyof Access;

export function accessOf(user: CurrentUser | null | undefined): Access {
  const role = user?.role;
  const is = (...roles: Role[]) => role !== undefined && roles.includes(role);
  return {
    canAdmin: is('admin'),
    canManageUsers: is('admin', 'staff'),
    canReviewRegistrations: is('admin', 'staff'),
    canManageRegions: is('admin'),
    canViewAudit: is('admin'),
    isOrganization: is('enterprise', 'institution'),
  };
}

/** Roles a creator may give to a new user (staff: within their own region subtree). */
export function creatableRoles(user: CurrentUser | null | undefined): Role[] {
  if (user?.role === 'admin') return ['admin', 'staff', 'expert', 'commissioner'];
  if (user?.role === 'staff') return ['staff', 'expert', 'commissioner'];
  return [];
}
