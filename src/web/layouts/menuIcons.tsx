// The menu's icons, by the names route-table.ts uses: drawn by the signed-in layout only, so the
// sign-in page does not load them.
import type { ReactNode } from 'react';
import {
  AimOutlined, AuditOutlined, BankOutlined, BellOutlined, CalendarOutlined, CarryOutOutlined, ClusterOutlined, ContainerOutlined, DashboardOutlined, DatabaseOutlined,
  FileDoneOutlined, FileTextOutlined, FormOutlined, FundOutlined, GiftOutlined, HomeOutlined, IdcardOutlined, ImportOutlined, LineChartOutlined, OrderedListOutlined,
  ProfileOutlined, ProjectOutlined, ReadOutlined, SafetyCertificateOutlined, SettingOutlined, ShopOutlined, SolutionOutlined, TeamOutlined,
} from '@ant-design/icons';
import type { MenuIconName } from '../route-table';

export const MENU_ICONS: Record<MenuIconName, ReactNode> = {
  aim: <AimOutlined />,
  audit: <AuditOutlined />,
  bank: <BankOutlined />,
  bell: <BellOutlined />,
  calendar: <CalendarOutlined />,
  cluster: <ClusterOutlined />,
  container: <ContainerOutlined />,
  dashboard: <DashboardOutlined />,
  database: <DatabaseOutlined />,
  fileDone: <FileDoneOutlined />,
  fileText: <FileTextOutlined />,
  form: <FormOutlined />,
  fund: <FundOutlined />,
  gift: <GiftOutlined />,
  home: <HomeOutlined />,
  idcard: <IdcardOutlined />,
  import: <ImportOutlined />,
  inbox: <CarryOutOutlined />,
  lineChart: <LineChartOutlined />,
  orderedList: <OrderedListOutlined />,
  profile: <ProfileOutlined />,
  project: <ProjectOutlined />,
  read: <ReadOutlined />,
  safetyCertificate: <SafetyCertificateOutlined />,
  setting: <SettingOutlined />,
  shop: <ShopOutlined />,
  solution: <SolutionOutlined />,
  team: <TeamOutlined />,
};
