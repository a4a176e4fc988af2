// 门户·技术需求: open demands (published, not closed) for everyone, 揭榜挂帅 ones with their prize,
// searched in simplified or traditional characters alike, by field, paged.
import { Card, Empty, List, Pagination, Space, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { portalMarketApi, type PortalDemand } from './market-api';
import { DemandRow, MarketSearchBar, useListParams } from './market-shared';
import PortalLayout from './PortalLayout';

const PAGE_SIZE = 10;

export default function PortalDemandsPage() {
  const { t } = useTranslation();
  const { query, set } = useListParams();
  const result = useQuery({ queryKey: ['portal-demands', query], queryFn: () => portalMarketApi.demands({ pageSize: PAGE_SIZE, ...query }) });
  const data = result.data;
  return (
    <PortalLayout>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('market.portal.nav.demands')}</Typography.Title>
      <Card>
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <MarketSearchBar query={query} set={set} placeholder={t('market.portal.searchDemands')} />
          <Typography.Text type="secondary" data-testid="market-total">{data ? t('market.portal.found', { total: data.total }) : ' '}</Typography.Text>
          <Spin spinning={result.isFetching}>
            {data && data.items.length === 0 ? <Empty description={t('market.portal.noResults')} /> : (
              <List<PortalDemand> dataSource={data?.items ?? []} renderItem={(a) => <List.Item key={a.id}><DemandRow d={a} /></List.Item>} />
            )}
          </Spin>
          {data && data.total > data.pageSize && (
            <Pagination current={data.page} pageSize={data.pageSize} total={data.total} showSizeChanger={false} onChange={(page) => set({ page })} style={{ textAlign: 'right' }} />
          )}
        </Space>
      </Card>
    </PortalLayout>
  );
}
