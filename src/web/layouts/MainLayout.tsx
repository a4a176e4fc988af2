import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { ProLayout, type MenuDataItem } from '@ant-design/pro-components';
import { Dropdown, Grid } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { appRoutes } from '../routes';
import { GROUP_ICONS } from '../route-table';
import { MENU_ICONS } from './menuIcons';
import LanguageSwitch from '../components/LanguageSwitch';
import { InboxBadge, NotificationBell } from './HeaderNotices';
import ChangePasswordModal from '../components/ChangePasswordModal';
import PageLoading from '../components/PageLoading';
import { Logo } from '../components/Logo';
import { selectMenuPath } from './menu';
import './menu.css';

export { Logo };

/** The signed-in frame: side menu filtered by role, header with 待办, 消息, language and user menu. */
export default function MainLayout() {
  const { t, i18n } = useTranslation();
  const { user, access, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [passwordOpen, setPasswordOpen] = useState(false);
  // a phone: the header keeps icons only (待办, 消息, language, user), so that it fits 375 px
  const narrow = Grid.useBreakpoint().sm === false;

  const menu = useMemo<MenuDataItem[]>(() => {
    const items: MenuDataItem[] = [];
    const groups = new Map<string, MenuDataItem>();
    for (const route of appRoutes) {
      if (route.access && !access[route.access]) continue;
      if (route.hideInMenu) continue;
      const item: MenuDataItem = { path: route.path, name: t(route.name), icon: MENU_ICONS[route.icon], key: route.path };
      if (!route.group) {
        items.push(item);
        continue;
      }
      let group = groups.get(route.group);
      if (!group) {
        group = { path: `/#${route.group}`, key: route.group, name: t(route.group), icon: MENU_ICONS[GROUP_ICONS[route.group]], children: [] };
        groups.set(route.group, group);
        items.push(group);
      }
      group.children!.push(item);
    }
    return items;
    // i18n.language: names are re-translated when the language changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [access, t, i18n.language]);

  // The menu decides itself what is selected and open: ProLayout's own matching lit every entry
  // whose path starts the address (企业库 with 培育看板) and could fold a group away on navigation.
  const selectedKeys = useMemo(() => {
    const paths = menu.flatMap((item) => (item.children ? item.children.map((child) => child.path!) : [item.path!]));
    const selected = selectMenuPath(location.pathname, paths);
    return selected ? [selected] : [];
  }, [menu, location.pathname]);
  const openKeys = useMemo(() => menu.filter((item) => item.children).map((item) => item.key!), [menu]);

  // RequireAuth takes the user to the sign-in page, which says "已退出登录"
  const signOut = () => logout();

  return (
    <>
      <ProLayout
        title={t('app.name')}
        logo={<Logo />}
        layout="mix"
        fixSiderbar
        fixedHeader
        siderWidth={216}
        location={{ pathname: location.pathname }}
        route={{ path: '/', children: menu }}
        menu={{ defaultOpenAll: true, ignoreFlatMenu: true }}
        selectedKeys={selectedKeys}
        openKeys={openKeys}
        className="kc-main-layout"
        onMenuHeaderClick={() => navigate('/')}
        menuItemRender={(item, dom) => (item.path && !item.path.includes('#') ? <Link to={item.path}>{dom}</Link> : dom)}
        breadcrumbRender={false}
        token={{ header: { colorBgHeader: '#001529', colorHeaderTitle: '#fff', colorTextRightActionsItem: '#fff' } }}
        actionsRender={() => [<InboxBadge key="inbox" />, <NotificationBell key="bell" />, <LanguageSwitch key="lang" light compact={narrow} />]}
        avatarProps={{
          icon: <UserOutlined />,
          size: 'small',
          title: narrow ? undefined : user?.displayName || user?.username,
          render: (_props, dom: ReactNode) => (
            <Dropdown
              menu={{
                items: [
                  { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
                ],
                onClick: ({ key }) => (key === 'logout' ? void signOut() : setPasswordOpen(true)),
              }}
            >
              <span style={{ color: '#fff' }} data-testid="user-menu">
                {dom}
              </span>
            </Dropdown>
          ),
        }}
        footerRender={() => (
          <div style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)', padding: '16px 0' }}>
            © {new Date().getFullYear()} {t('app.copyright')}
          </div>
        )}
      >
        {/* keyed by language: a language switch remounts the page, so lists that fetch outside
            react-query (ProTable) and labels computed once ask again in the new language */}
        <Suspense key={i18n.language} fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </ProLayout>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </>
  );
}
