// 门户·好成果榜单详情: one published list (the link of the notification its organisations receive).
import { Breadcrumb, Card, Result } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import PageLoading from '../../components/PageLoading';
import { portalMarketApi } from './market-api';
import { GoodListView } from './market-shared';
import PortalLayout from './PortalLayout';

export default function PortalGoodListPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useQuery({ queryKey: ['portal-good-list', id], queryFn: () => portalMarketApi.goodList(Number(id)), retry: false });
  return (
    <PortalLayout>
      <Breadcrumb style={{ marginBottom: 16 }} items={[{ title: <Link to="/portal/good-achievements">{t('market.portal.nav.good')}</Link> }, { title: q.data?.title ?? '…' }]} />
      {q.isError ? <Result status="404" title={t('market.portal.notFound')} /> : q.data ? <Card><GoodListView list={q.data} /></Card> : <PageLoading />}
    </PortalLayout>
  );
}
