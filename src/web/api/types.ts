// Types of the /api/v1 contract, as the web app uses them.

export type Role = 'admin' | 'staff' | 'enterprise' | 'institution' | 'expert' | 'commissioner';
export const ROLES: Role[] = ['admin', 'staff', 'enterprise', 'institution', 'expert', 'commissioner'];

export type UserStatus = 'active' | 'pending' | 'rejected' | 'disabled';
export const USER_STATUSES: UserStatus[] = ['active', 'pending', 'rejected', 'disabled'];

export type OrgKind = 'enterprise' | 'institution';
export type OrgStatus = 'pending' | 'approved' | 'rejected';

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string | null;
  regionName: string | null;
  orgId: string | null;
  orgName: string | null;
  phone: string | null;
  mustChangePassword: boolean;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  status: UserStatus;
  regionCode: string | null;
  regionName: string | null;
  orgId: string | null;
  orgName: string | null;
  phone: string | null;
  locked: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface Organization {
  id: string;
  kind: OrgKind;
  name: string;
  uscc: string;
  regionCode: string;
  regionName: string | null;
  contactName: string;
  contactPhone: string | null;
  status: OrgStatus;
  rejectReason: string | null;
  createdAt: string;
  reviewedAt: string | null;
}

export interface Region {
  code: string;
  name: string;
  parentCode: string | null;
  level: 1 | 2 | 3;
}

export interface AuditChange {
  before: unknown;
  after: unknown;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: Role | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  changes: Record<string, AuditChange> | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Query of any list endpoint: paging, sort (`field` / `-field`), free text and filters. */
export type ListQuery = Record<string, string | number | undefined | null>;

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}
