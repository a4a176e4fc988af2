// 门户·好成果榜单: the published good-achievement lists, newest first, each with its achievements in order.
import { Card, Empty, Pagination, Space, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { portalMarketApi } from './market-api';
import { GoodListView, useListParams } from './market-shared';
import PortalLayout from './PortalLayout';

export default function PortalGoodListsPage() {
  const { t } = useTranslation();
  const { query, set } = useListParams();
  const result = useQuery({ queryKey: ['portal-good-lists', query], queryFn: () => portalMarketApi.goodLists({ pageSize: 5, ...query }) });
  const data = result.data;
  return (
    <PortalLayout>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('market.portal.nav.good')}</Typography.Title>
      <Spin spinning={result.isFetching}>
        <Space direction="vertical" style={{ width: '100%' }} size={16}>
          {data && data.items.length === 0 && <Card><Empty description={t('market.portal.noResults')} /></Card>}
          {(data?.items ?? []).map((list) => <Card key={list.id}><GoodListView list={list} titleLink /></Card>)}
          {data && data.total > data.pageSize && (
            <Pagination current={data.page} pageSize={data.pageSize} total={data.total} showSizeChanger={false} onChange={(page) => set({ page })} style={{ textAlign: 'right' }} />
          )}
        </Space>
      </Spin>
    </PortalLayout>
  );
}
