import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Button, Card, Result, Space, Tabs, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError, type Enterprise } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import PageLoading from '../../components/PageLoading';
import { enterpriseApi } from './api';
import AssessmentTab from './AssessmentTab';
import ContactPhone from './ContactPhone';
import ProfileTab from './ProfileTab';
import StatsTab from './StatsTab';
import TiersTab from './TiersTab';
import { TierTags, hightechFieldLabel } from './shared';

const TABS = ['profile', 'tiers', 'stats', 'assessment'] as const;
type TabKey = (typeof TABS)[number];

function HeaderItem({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text type="secondary">
        {label}
        {t('enterprises.colon')}
      </Typography.Text>
      {children}
    </span>
  );
}

export function enterpriseKey(id: number) {
  return ['enterprise', id] as const;
}

/** One enterprise: header and the four tabs. Staff reach it from 企业库; an enterprise user as 我的企业. */
export default function EnterpriseView({ id, own }: { id: number; own: boolean }) {
  const { t, i18n } = useTranslation();
  const { access } = useAuth();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(search.get('tab') ?? '') ? (search.get('tab') as TabKey) : 'profile';
  const enterprise = useQuery({ queryKey: enterpriseKey(id), queryFn: () => enterpriseApi.get(id), enabled: Number.isInteger(id) && id > 0 });

  const setTab = (key: string) => {
    const next = new URLSearchParams(search);
    next.set('tab', key);
    setSearch(next, { replace: true });
  };
  const onSaved = (e: Enterprise) => queryClient.setQueryData(enterpriseKey(id), e);
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: enterpriseKey(id) });
  };

  if (enterprise.isPending) return <PageLoading />;
  if (enterprise.isError || !enterprise.data) {
    const error = enterprise.error;
    return (
      <AppPage>
        <Result
          status={isApiError(error) && error.status === 404 ? '404' : 'error'}
          title={isApiError(error) && error.status === 404 ? t('enterprises.notFound') : (error as Error | null)?.message}
          extra={
            <Link to={own ? '/' : '/enterprises'}>
              <Button type="primary">{own ? t('common.backHome') : t('menu.enterpriseList')}</Button>
            </Link>
          }
        />
      </AppPage>
    );
  }

  const e = enterprise.data;
  const none = t('common.none');
  const staff = access.canViewEnterprises;

  return (
    <AppPage
      title={
        <Space size={12} wrap>
          <span>{e.name}</span>
          {e.currentTiers.length > 0 && <TierTags tiers={e.currentTiers} />}
        </Space>
      }
    >
      <Card style={{ marginBottom: 16 }} size="small">
        <Space size={[40, 8]} wrap>
          <HeaderItem label={t('enterprises.uscc')}>
            <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
              {e.uscc}
            </Typography.Text>
          </HeaderItem>
          <HeaderItem label={t('enterprises.region')}>{e.regionName ?? e.regionCode}</HeaderItem>
          <HeaderItem label={t('enterprises.industry')}>{e.industryName ?? none}</HeaderItem>
          <HeaderItem label={t('enterprises.hightechField')}>{hightechFieldLabel(e.hightechField, i18n.language) ?? none}</HeaderItem>
          <HeaderItem label={t('enterprises.contactName')}>
            {/* may wrap (HeaderItem does not): the reveal action must fit a 375 px screen */}
            <span style={{ whiteSpace: 'normal' }}>{e.contactName} <ContactPhone enterpriseId={e.id} phone={e.contactPhone} canReveal={staff} /></span>
          </HeaderItem>
        </Space>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'profile', label: t('enterprises.tabs.profile'), children: <ProfileTab enterprise={e} own={own} onSaved={onSaved} onStale={reload} /> },
            { key: 'tiers', label: t('enterprises.tabs.tiers'), children: <TiersTab enterprise={e} canManage={staff} onSaved={onSaved} /> },
            { key: 'stats', label: t('enterprises.tabs.stats'), children: <StatsTab enterprise={e} role={staff ? 'staff' : 'enterprise'} /> },
            { key: 'assessment', label: t('enterprises.tabs.assessment'), children: <AssessmentTab enterpriseId={e.id} /> },
          ]}
        />
      </Card>
    </AppPage>
  );
}
