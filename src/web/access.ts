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
  /** 企业库, enterprise details of the region, tiers, review of statistics */
  canViewEnterprises: boolean;
  /** 培育看板 */
  canViewCultivation: boolean;
  /** 企业导入 */
  canImportEnterprises: boolean;
  /** an enterprise user: 我的企业 */
  isEnterprise: boolean;
  /** 政策库 (every signed-in user) */
  canViewPolicies: boolean;
  /** add, import, review, compile policies */
  canEditPolicies: boolean;
  /** 指标监测: dashboard, targets, key tasks, three lists (staff of a region and admins) */
  canViewIndicators: boolean;
  /** 工作日历: holidays and deadlines in working days (staff read it, administrators keep it) */
  canViewCalendar: boolean;
  /** 项目管理: 计划与指南, 项目储备库, 申报管理, 专家库 (staff of a region and admins) */
  canManageProjects: boolean;
  /** 评审任务: an expert's own reviews */
  isExpert: boolean;
  /** 我的项目: an enterprise or institution applies and follows its applications */
  canApplyProjects: boolean;
  /** 科技大市场: 成果库, 技术需求, 对接活动 (every signed-in user) */
  canUseMarket: boolean;
  /** 好成果发布, 技术合同统计, publishing listings (staff of a region and admins) */
  canManageMarket: boolean;
  /** 成果评价: requests of an organisation, the bureau's handling */
  canRequestEvaluations: boolean;
  /** 精准匹配: the bureau, and enterprises and institutions for their own demands and achievements */
  canMatch: boolean;
  /** 技术合同登记: the seller files, the registry decides */
  canRegisterContracts: boolean;
  /** 我的答题: answers to demands by organisations and experts */
  canAnswerDemands: boolean;
  /** 创新平台: 平台库 and 认定申请 — staff (their region's), hosts (their own platforms and applications) */
  canUsePlatforms: boolean;
  /** 科技特派员: 我的派驻 and 服务日志 of a commissioner */
  isCommissioner: boolean;
  /** 科技特派员 of a region: registry, dispatches, ratings, 双过半, coverage (staff of a region and admins) */
  canManageCommissioners: boolean;
  /** 日志确认: the served party (an organisation's users) and staff of the village's region */
  canConfirmServiceLogs: boolean;
  /** 人才库 and 人才团队: staff (their region's), hosts (their own), experts (their own) */
  canViewTalent: boolean;
  /** 引才引智基地: staff, and the designated organisations */
  canViewTalentBases: boolean;
  /** 平台看板: staff of a region and admins */
  canViewPlatformDashboard: boolean;
  /** 平台绩效评价: staff (rounds, results, proposals) and host organisations (their yearly reports) */
  canUsePlatformEvaluation: boolean;
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
    canViewEnterprises: is('admin', 'staff'),
    canViewCultivation: is('admin', 'staff'),
    canImportEnterprises: is('admin', 'staff'),
    isEnterprise: is('enterprise'),
    canViewPolicies: role !== undefined,
    canEditPolicies: is('admin', 'staff'),
    canViewIndicators: is('admin', 'staff'),
    canViewCalendar: is('admin', 'staff'),
    canManageProjects: is('admin', 'staff'),
    isExpert: is('expert'),
    canApplyProjects: is('enterprise', 'institution'),
    canUseMarket: role !== undefined,
    canManageMarket: is('admin', 'staff'),
    canRequestEvaluations: is('admin', 'staff', 'enterprise', 'institution'),
    canMatch: is('admin', 'staff', 'enterprise', 'institution'),
    canRegisterContracts: is('admin', 'staff', 'enterprise', 'institution'),
    canAnswerDemands: is('enterprise', 'institution', 'expert'),
    canUsePlatforms: is('admin', 'staff', 'enterprise', 'institution'),
    isCommissioner: is('commissioner'),
    canManageCommissioners: is('admin', 'staff'),
    canConfirmServiceLogs: is('admin', 'staff', 'enterprise', 'institution'),
    canViewTalent: is('admin', 'staff', 'enterprise', 'institution', 'expert'),
    canViewTalentBases: is('admin', 'staff', 'enterprise', 'institution'),
    canViewPlatformDashboard: is('admin', 'staff'),
    canUsePlatformEvaluation: is('admin', 'staff', 'enterprise', 'institution'),
  };
}

/** Roles a creator may give to a new user (staff: within their own region subtree). */
export function creatableRoles(user: CurrentUser | null | undefined): Role[] {
  if (user?.role === 'admin') return ['admin', 'staff', 'expert', 'commissioner'];
  if (user?.role === 'staff') return ['staff', 'expert', 'commissioner'];
  return [];
}
