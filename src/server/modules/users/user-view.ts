/** How a user account is read and shown: one SELECT, one mapping, phone masked by viewer. */
import { maskPhone } from '../../../domain/phone';
import type { Actor } from '../../http/actor';

export const USER_COLUMNS = `
  u.id, u.username, u.display_name, u.role, u.status, u.region_code, r.name AS region_name,
  u.org_id, o.name AS org_name, u.phone, u.must_change_password, u.created_at, u.last_login_at,
  (u.locked_until IS NOT NULL AND u.locked_until > now()) AS locked, u.version`;

export const USER_FROM = `
  FROM app_user u
  LEFT JOIN region r ON r.code = u.region_code
  LEFT JOIN organization o ON o.id = u.org_id`;

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: string;
  status: string;
  regionCode: string | null;
  regionName: string | null;
  orgId: number | null;
  orgName: string | null;
  phone: string | null;
  locked: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  version: number;
}

/** Mobile numbers are shown whole only to admins and to their owner (等保: personal data). */
export function canSeeFullPhone(viewer: Actor | null, ownerUserId: number | null): boolean {
  return !!viewer && (viewer.role === 'admin' || viewer.id === ownerUserId);
}

export function toUserView(row: any, viewer: Actor | null): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    status: row.status,
    regionCode: row.region_code,
    regionName: row.region_name,
    orgId: row.org_id,
    orgName: row.org_name,
    phone: canSeeFullPhone(viewer, row.id) ? row.phone : maskPhone(row.phone),
    locked: row.locked,
    mustChangePassword: row.must_change_password,
    createdAt: new Date(row.created_at).toISOString(),
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at).toISOString() : null,
    version: row.version,
  };
}
