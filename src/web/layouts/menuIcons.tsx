// The menu's icons, by the names route-table.ts uses: drawn by the signed-in layout only, so the
// sign-in page does not load them.
import type { ReactNode } from 'react';
import {
  AimOutlined, AuditOutlined, BankOutlined, BellOutlined, CalendarOutlined, CarryOutOutlined, ClusterOutlined, DashboardOutlined, DatabaseOutlined, FileTextOutlined,
  FundOutlined, GiftOutlined, HomeOutlined, ImportOutlined, LineChartOutlined, OrderedListOutlined, ReadOutlined,
  SafetyCertificateOutlined, SettingOutlined, ShopOutlined, SolutionOutlined, TeamOutlined,
} from '@ant-design/icons';
import type { MenuIconName } from '../route-table';

export const MENU_ICONS: Record<MenuIconName, ReactNode> = {
  aim: <AimOutlined />,
  audit: <AuditOutlined />,
  bank: <BankOutlined />,
  bell: <BellOutlined />,
  calendar: <CalendarOutlined />,
  cluster: <ClusterOutlined />,
  dashboard: <DashboardOutlined />,
  database: <DatabaseOutlined />,
  fileText: <FileTextOutlined />,
  fund: <FundOutlined />,
  gift: <GiftOutlined />,
  home: <HomeOutlined />,
  import: <ImportOutlined />,
  inbox: <CarryOutOutlined />,
  lineChart: <LineChartOutlined />,
  orderedList: <OrderedListOutlined />,
  read: <ReadOutlined />,
  safetyCertificate: <SafetyCertificateOutlined />,
  setting: <SettingOutlined />,
  shop: <ShopOutlined />,
  solution: <SolutionOutlined />,
  team: <TeamOutlined />,
};
