// 门户·需求详情: one open demand for everyone; a 揭榜挂帅 one says its prize first.
import { Alert, Breadcrumb, Button, Card, Descriptions, Result, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import PageLoading from '../../components/PageLoading';
import { useFieldName, useMoney, useRange, useWide } from '../market/shared';
import { portalMarketApi } from './market-api';
import { chinaDay, OpenCallTag, usePunctuation } from './market-shared';
import PortalLayout from './PortalLayout';

export default function PortalDemandPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const fieldName = useFieldName();
  const range = useRange();
  const wide = useWide();
  const { colon } = usePunctuation();
  const money = useMoney();
  const q = useQuery({ queryKey: ['portal-demand', id], queryFn: () => portalMarketApi.demand(Number(id)), retry: false });
  const d = q.data;
  return (
    <PortalLayout>
      <Breadcrumb style={{ marginBottom: 16 }} items={[{ title: <Link to="/portal/demands">{t('market.portal.nav.demands')}</Link> }, { title: d?.title ?? '…' }]} />
      {q.isError ? <Result status="404" title={t('market.portal.notFound')} /> : d ? (
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0, overflowWrap: 'anywhere' }} data-testid="detail-title">{d.title}</Typography.Title>
          <div className="kc-portal-tags" style={{ marginBottom: 16 }}>
            {d.openCall && <OpenCallTag />}
            <Tag color="blue">{fieldName(d.field)}</Tag>
          </div>
          {d.openCall && d.prize != null && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="demand-prize"
              message={<>{t('market.portal.prize')}{colon}<span className="kc-portal-prize">{money(d.prize)}</span></>}
              description={t('market.portal.openCallNote', { amount: money(d.prize) })} />
          )}
          <Descriptions bordered size="small" column={wide ? 2 : 1} layout={wide ? 'horizontal' : 'vertical'} items={[
            { key: 'org', label: t('market.common.org'), children: d.orgName },
            { key: 'region', label: t('market.common.region'), children: d.regionName },
            { key: 'budget', label: t('market.demand.budget'), children: range(d.budgetMin, d.budgetMax) },
            { key: 'deadline', label: t('market.portal.deadline'), children: d.deadline ?? '—' },
            { key: 'published', label: t('market.common.publishedAt'), children: chinaDay(d.publishedAt) },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 24 }}>{t('market.demand.description')}</Typography.Title>
          <Typography.Paragraph className="kc-portal-text">{d.description}</Typography.Paragraph>
          <Alert type="info" showIcon message={t('market.portal.signInToConnect')} action={<Link to="/login"><Button size="small" type="primary">{t('market.portal.signIn')}</Button></Link>} />
        </Card>
      ) : <PageLoading />}
    </PortalLayout>
  );
}
