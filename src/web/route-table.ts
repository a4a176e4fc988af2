// The route tree as plain data: what each path shows (its page module under src/web/pages), its
// menu entry and who may open it. No React and no icons here, so that it costs the first page
// nothing and the build (vite.config.ts) can read it to preload each route's files (boot script).
import type { AccessFlag } from './access';

/** Names of the menu icons, drawn by the signed-in layout (layouts/menuIcons.tsx). */
export type MenuIconName =
  | 'audit' | 'bank' | 'cluster' | 'dashboard' | 'database' | 'fileText' | 'fund' | 'gift' | 'home'
  | 'import' | 'inbox' | 'bell' | 'calendar' | 'lineChart' | 'orderedList' | 'aim' | 'read' | 'safetyCertificate' | 'setting' | 'shop'
  | 'solution' | 'team' | 'project' | 'profile' | 'form' | 'container' | 'idcard' | 'fileDone';

export interface AppRouteEntry {
  path: string;
  /** locale key of the menu and breadcrumb name */
  name: string;
  icon: MenuIconName;
  /** menu group (locale key), e.g. menu.system */
  group?: string;
  access?: AccessFlag;
  /** a page reached from another page (e.g. a detail), not from the menu */
  hideInMenu?: boolean;
  /** the page module, relative to src/web/pages without extension */
  page: string;
  /**
   * GET requests (API paths with their query) the page's first render makes, for the boot script
   * to start as soon as the signed-in user is known: {regionCode} is the user's region, {year}
   * this year. Each must be exactly what the page asks for (same parameters in the same order),
   * or it is fetched for nothing; routes.tsx puts their answers into the page's queries.
   */
  boot?: string[];
}

export const APP_ROUTES: AppRouteEntry[] = [
  { path: '/', name: 'menu.home', icon: 'home', page: 'home/HomePage' },
  // 待办 and 消息: every role (the header's count and bell lead there too)
  { path: '/inbox', name: 'menu.inbox', icon: 'inbox', page: 'inbox/InboxPage' },
  { path: '/notifications', name: 'menu.notifications', icon: 'bell', hideInMenu: true, page: 'notifications/NotificationsPage' },
  { path: '/my-enterprise', name: 'menu.myEnterprise', icon: 'shop', access: 'isEnterprise', page: 'enterprises/MyEnterprisePage' },
  { path: '/enterprises', name: 'menu.enterpriseList', icon: 'database', group: 'menu.enterprises', access: 'canViewEnterprises', page: 'enterprises/EnterprisesPage' },
  { path: '/enterprises/cultivation', name: 'menu.cultivation', icon: 'dashboard', group: 'menu.enterprises', access: 'canViewCultivation', page: 'enterprises/CultivationPage' },
  { path: '/enterprises/import', name: 'menu.enterpriseImport', icon: 'import', group: 'menu.enterprises', access: 'canImportEnterprises', page: 'enterprises/ImportPage' },
  { path: '/enterprises/:id', name: 'menu.enterpriseDetail', icon: 'bank', group: 'menu.enterprises', access: 'canViewEnterprises', hideInMenu: true, page: 'enterprises/EnterpriseDetailPage' },
  { path: '/indicators', name: 'menu.indicatorDashboard', icon: 'lineChart', group: 'menu.indicators', access: 'canViewIndicators', page: 'indicators/DashboardPage',
    boot: ['/regions', '/indicators/dashboard?region={regionCode}&year={year}'] },
  { path: '/indicators/tasks', name: 'menu.indicatorTasks', icon: 'orderedList', group: 'menu.indicators', access: 'canViewIndicators', page: 'indicators/TasksPage' },
  { path: '/indicators/targets', name: 'menu.indicatorTargets', icon: 'aim', group: 'menu.indicators', access: 'canViewIndicators', page: 'indicators/TargetsPage' },
  // policy library (M2)
  { path: '/policies', name: 'menu.policyList', icon: 'read', group: 'menu.policies', access: 'canViewPolicies', page: 'policies/PoliciesPage' },
  { path: '/policies/reviews', name: 'menu.policyReviews', icon: 'safetyCertificate', group: 'menu.policies', access: 'canEditPolicies', page: 'policies/ReviewsPage' },
  { path: '/policies/new', name: 'menu.policyNew', icon: 'fileText', group: 'menu.policies', access: 'canEditPolicies', hideInMenu: true, page: 'policies/PolicyEditPage' },
  { path: '/policies/:id/edit', name: 'menu.policyEdit', icon: 'fileText', group: 'menu.policies', access: 'canEditPolicies', hideInMenu: true, page: 'policies/PolicyEditPage' },
  { path: '/policies/:id', name: 'menu.policyDetail', icon: 'fileText', group: 'menu.policies', access: 'canViewPolicies', hideInMenu: true, page: 'policies/PolicyDetailPage' },
  { path: '/my-policies', name: 'menu.myPolicies', icon: 'gift', access: 'isEnterprise', page: 'policies/MyPoliciesPage' },
  // 项目管理 (M5): the bureau's programmes, calls, reserve and experts; experts' reviews; applicants' projects
  { path: '/projects/plans', name: 'menu.projectPlans', icon: 'profile', group: 'menu.projects', access: 'canManageProjects', page: 'projects/PlansPage' },
  { path: '/projects/reserve', name: 'menu.projectReserve', icon: 'container', group: 'menu.projects', access: 'canManageProjects', page: 'projects/ReservePage' },
  { path: '/projects/calls', name: 'menu.projectCalls', icon: 'form', group: 'menu.projects', access: 'canManageProjects', page: 'projects/CallsPage' },
  { path: '/projects/calls/:id', name: 'menu.projectCallBoard', icon: 'form', group: 'menu.projects', access: 'canManageProjects', hideInMenu: true, page: 'projects/CallBoardPage' },
  { path: '/projects/experts', name: 'menu.experts', icon: 'idcard', group: 'menu.projects', access: 'canManageProjects', page: 'projects/ExpertsPage' },
  { path: '/projects/reviews', name: 'menu.myReviews', icon: 'fileDone', group: 'menu.projects', access: 'isExpert', page: 'projects/MyReviewsPage' },
  { path: '/projects/reviews/:id', name: 'menu.reviewTask', icon: 'fileDone', group: 'menu.projects', access: 'isExpert', hideInMenu: true, page: 'projects/ReviewPage' },
  { path: '/projects/mine', name: 'menu.myProjects', icon: 'project', group: 'menu.projects', access: 'canApplyProjects', page: 'projects/MyProjectsPage' },
  // 科技大市场 (M6, M7): achievements and their evaluation, demands and answers, matching, docking events, technology contracts
  { path: '/market/achievements', name: 'menu.marketAchievements', icon: 'container', group: 'menu.market', access: 'canUseMarket', page: 'market/AchievementsPage' },
  { path: '/market/evaluations', name: 'menu.marketEvaluations', icon: 'safetyCertificate', group: 'menu.market', access: 'canRequestEvaluations', page: 'market/EvaluationsPage' },
  { path: '/market/evaluation-reviews', name: 'menu.marketEvaluationReviews', icon: 'fileDone', group: 'menu.market', access: 'isExpert', page: 'market/EvaluationReviewsPage' },
  { path: '/market/evaluation-reviews/:id', name: 'menu.marketEvaluationReview', icon: 'fileDone', group: 'menu.market', access: 'isExpert', hideInMenu: true, page: 'market/EvaluationReviewPage' },
  { path: '/market/good-batches', name: 'menu.marketGoodBatches', icon: 'gift', group: 'menu.market', access: 'canManageMarket', page: 'market/GoodBatchesPage' },
  { path: '/market/demands', name: 'menu.marketDemands', icon: 'solution', group: 'menu.market', access: 'canUseMarket', page: 'market/DemandsPage' },
  { path: '/market/answers', name: 'menu.marketAnswers', icon: 'form', group: 'menu.market', access: 'canAnswerDemands', page: 'market/MyAnswersPage' },
  { path: '/market/matching', name: 'menu.marketMatching', icon: 'aim', group: 'menu.market', access: 'canMatch', page: 'market/MatchingPage' },
  { path: '/market/docking-events', name: 'menu.marketDocking', icon: 'team', group: 'menu.market', access: 'canUseMarket', page: 'market/DockingEventsPage' },
  { path: '/market/docking-events/:id', name: 'menu.marketDockingEvent', icon: 'team', group: 'menu.market', access: 'canUseMarket', hideInMenu: true, page: 'market/DockingEventPage' },
  { path: '/market/contracts', name: 'menu.marketContracts', icon: 'fileText', group: 'menu.market', access: 'canRegisterContracts', page: 'market/ContractsPage' },
  { path: '/market/contracts/stats', name: 'menu.marketContractStats', icon: 'lineChart', group: 'menu.market', access: 'canManageMarket', page: 'market/ContractStatsPage' },
  // 创新平台 (M4): the platform registry, certification applications and the experts' certification reviews
  { path: '/platforms', name: 'platforms.menu.list', icon: 'database', group: 'platformEvaluation.menu.group', access: 'canUsePlatforms', page: 'platforms/PlatformsPage' },
  { path: '/platforms/applications', name: 'platforms.menu.applications', icon: 'form', group: 'platformEvaluation.menu.group', access: 'canUsePlatforms', page: 'platforms/ApplicationsPage' },
  { path: '/platforms/applications/:id', name: 'platforms.menu.application', icon: 'form', group: 'platformEvaluation.menu.group', access: 'canUsePlatforms', hideInMenu: true, page: 'platforms/ApplicationPage' },
  { path: '/platforms/certification-reviews', name: 'platforms.menu.reviews', icon: 'fileDone', group: 'platformEvaluation.menu.group', access: 'isExpert', page: 'platforms/CertReviewsPage' },
  { path: '/platforms/certification-reviews/:id', name: 'platforms.menu.review', icon: 'fileDone', group: 'platformEvaluation.menu.group', access: 'isExpert', hideInMenu: true, page: 'platforms/CertReviewPage' },
  { path: '/platforms/:id', name: 'platforms.menu.detail', icon: 'database', group: 'platformEvaluation.menu.group', access: 'canUsePlatforms', hideInMenu: true, page: 'platforms/PlatformDetailPage' },
  // 科技特派员 (M8): a commissioner's dispatches and service logs (phone first; the log page works offline), the bureau's
  // registry, dispatches, logs to confirm, yearly ratings, 双过半 and village coverage
  { path: '/commissioner/logs', name: 'commissioners.menu.myLogs', icon: 'form', access: 'isCommissioner', page: 'commissioners/MyLogsPage' },
  { path: '/commissioner/dispatches', name: 'commissioners.menu.myDispatches', icon: 'profile', access: 'isCommissioner', page: 'commissioners/MyDispatchesPage' },
  { path: '/commissioners', name: 'commissioners.menu.list', icon: 'idcard', group: 'commissioners.menu.group', access: 'canManageCommissioners', page: 'commissioners/CommissionersPage' },
  { path: '/commissioners/dispatches', name: 'commissioners.menu.dispatches', icon: 'team', group: 'commissioners.menu.group', access: 'canManageCommissioners', page: 'commissioners/DispatchesPage' },
  { path: '/commissioners/logs', name: 'commissioners.menu.logs', icon: 'fileDone', group: 'commissioners.menu.group', access: 'canConfirmServiceLogs', page: 'commissioners/LogsToConfirmPage' },
  { path: '/commissioners/ratings', name: 'commissioners.menu.ratings', icon: 'safetyCertificate', group: 'commissioners.menu.group', access: 'canManageCommissioners', page: 'commissioners/RatingsPage' },
  { path: '/commissioners/progress', name: 'commissioners.menu.progress', icon: 'lineChart', group: 'commissioners.menu.group', access: 'canManageCommissioners', page: 'commissioners/ProgressPage' },
  { path: '/commissioners/coverage', name: 'commissioners.menu.coverage', icon: 'aim', group: 'commissioners.menu.group', access: 'canManageCommissioners', page: 'commissioners/CoveragePage' },
  // 科技人才 (M8): the talent registry (records, service and subsidy), innovation teams, 引才引智基地
  { path: '/talent', name: 'talent.menu.list', icon: 'idcard', group: 'talent.menu.group', access: 'canViewTalent', page: 'talent/TalentPage' },
  { path: '/talent/teams', name: 'talent.menu.teams', icon: 'team', group: 'talent.menu.group', access: 'canViewTalent', page: 'talent/TeamsPage' },
  { path: '/talent/bases', name: 'talent.menu.bases', icon: 'bank', group: 'talent.menu.group', access: 'canViewTalentBases', page: 'talent/BasesPage' },
  // 创新平台 (M4): the platform dashboard and the yearly performance evaluation (绩效评价) — staff, hosts and experts
  { path: '/platforms/dashboard', name: 'platformEvaluation.menu.dashboard', icon: 'dashboard', group: 'platformEvaluation.menu.group', access: 'canViewPlatformDashboard', page: 'platforms/DashboardPage' },
  { path: '/platforms/evaluation', name: 'platformEvaluation.menu.evaluation', icon: 'safetyCertificate', group: 'platformEvaluation.menu.group', access: 'canUsePlatformEvaluation', page: 'platforms/EvaluationPage' },
  { path: '/platforms/evaluation-reviews', name: 'platformEvaluation.menu.reviews', icon: 'fileDone', group: 'platformEvaluation.menu.group', access: 'isExpert', page: 'platforms/EvaluationReviewsPage' },
  { path: '/platforms/evaluation-reviews/:id', name: 'platformEvaluation.menu.reviews', icon: 'fileDone', group: 'platformEvaluation.menu.group', access: 'isExpert', hideInMenu: true, page: 'platforms/EvaluationReviewPage' },
  { path: '/users', name: 'menu.users', icon: 'team', group: 'menu.system', access: 'canManageUsers', page: 'users/UsersPage' },
  { path: '/registrations', name: 'menu.registrations', icon: 'solution', group: 'menu.system', access: 'canReviewRegistrations', page: 'registrations/RegistrationsPage' },
  { path: '/regions', name: 'menu.regions', icon: 'cluster', group: 'menu.system', access: 'canManageRegions', page: 'regions/RegionsPage' },
  { path: '/calendar', name: 'menu.calendar', icon: 'calendar', group: 'menu.system', access: 'canViewCalendar', page: 'calendar/CalendarPage' },
  { path: '/audit', name: 'menu.audit', icon: 'audit', group: 'menu.system', access: 'canViewAudit', page: 'audit/AuditPage' },
];

export const GROUP_ICONS: Record<string, MenuIconName> = { 'menu.policies': 'read', 'menu.system': 'setting', 'menu.enterprises': 'bank', 'menu.indicators': 'fund', 'menu.projects': 'project', 'menu.market': 'shop', 'commissioners.menu.group': 'team', 'talent.menu.group': 'solution', 'platformEvaluation.menu.group': 'cluster' };

/** The public portal: outside the signed-in layout, no sign-in. */
export const PORTAL_ROUTES: { path: string; page: string }[] = [
  { path: '/portal', page: 'portal/PortalHomePage' },
  { path: '/portal/policies/:id', page: 'portal/PortalPolicyPage' },
  { path: '/portal/achievements', page: 'portal/PortalAchievementsPage' },
  { path: '/portal/achievements/:id', page: 'portal/PortalAchievementPage' },
  { path: '/portal/demands', page: 'portal/PortalDemandsPage' },
  { path: '/portal/demands/:id', page: 'portal/PortalDemandPage' },
  { path: '/portal/good-achievements', page: 'portal/PortalGoodListsPage' },
  { path: '/portal/good-achievements/:id', page: 'portal/PortalGoodListPage' },
];

/** The signed-in frame every app route is drawn in (src/web/layouts). */
export const MAIN_LAYOUT = 'layouts/MainLayout';

/**
 * Whether `pattern` (a route path with `:param` segments) matches `pathname`. Plain on purpose:
 * the boot script repeats this rule in a few lines of ES5 (scripts/boot-script.mjs).
 */
export function matchesRoute(pattern: string, pathname: string): boolean {
  const want = pattern.split('/');
  const have = (pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname).split('/');
  return want.length === have.length && want.every((part, i) => part.startsWith(':') ? have[i] !== '' : part === have[i]);
}
