// 门户首页: published notices, the technology market (latest achievements, open demands, the latest
// good-achievement list) and the policy search, for everyone.
import { Card, Col, List, Row, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { portalApi } from '../policies/api';
import PolicySearchView from '../policies/PolicySearchView';
import PortalLayout from './PortalLayout';
import PortalMarketPanels from './PortalMarketPanels';

export default function PortalHomePage() {
  const { t } = useTranslation();
  const notices = useQuery({ queryKey: ['portal-notices'], queryFn: () => portalApi.notices({ pageSize: 5 }) });
  return (
    <PortalLayout>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={24}>
          <Card title={t('policies.portal.notices')} size="small">
            <List size="small" dataSource={notices.data?.items ?? []} renderItem={(n) => (
              <List.Item extra={<Typography.Text type="secondary">{n.publishedOn}</Typography.Text>}>
                <List.Item.Meta title={n.title} description={<Typography.Paragraph ellipsis={{ rows: 1 }} style={{ margin: 0 }} type="secondary">{n.regionName ? `【${n.regionName}】` : ''}{n.body}</Typography.Paragraph>} />
              </List.Item>
            )} />
          </Card>
        </Col>
      </Row>
      <PortalMarketPanels />
      <Typography.Title level={4}>{t('policies.portal.library')}</Typography.Title>
      <PolicySearchView queryKey="portal-policies" search={portalApi.search} detailPath={(id) => `/portal/policies/${id}`} />
    </PortalLayout>
  );
}
