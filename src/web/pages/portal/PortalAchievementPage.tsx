// 门户·成果详情: one published achievement with its full text, IP, inventors and contact, for everyone.
import { Alert, Breadcrumb, Button, Card, Descriptions, Result, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import PageLoading from '../../components/PageLoading';
import { useFieldName, useMaturity, useRange, useWide } from '../market/shared';
import { portalMarketApi } from './market-api';
import { chinaDay, usePunctuation } from './market-shared';
import PortalLayout from './PortalLayout';

export default function PortalAchievementPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const fieldName = useFieldName();
  const maturity = useMaturity();
  const range = useRange();
  const wide = useWide();
  const { join } = usePunctuation();
  const q = useQuery({ queryKey: ['portal-achievement', id], queryFn: () => portalMarketApi.achievement(Number(id)), retry: false });
  const a = q.data;
  return (
    <PortalLayout>
      <Breadcrumb style={{ marginBottom: 16 }} items={[{ title: <Link to="/portal/achievements">{t('market.portal.nav.achievements')}</Link> }, { title: a?.title ?? '…' }]} />
      {q.isError ? <Result status="404" title={t('market.portal.notFound')} /> : a ? (
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0, overflowWrap: 'anywhere' }} data-testid="detail-title">{a.title}</Typography.Title>
          <div className="kc-portal-tags" style={{ marginBottom: 16 }}>
            <Tag color="blue">{fieldName(a.field)}</Tag>
            <Tag>{t(`market.achievement.types.${a.type}`)}</Tag>
            <Tag color="green">{maturity(a.maturity)}</Tag>
          </div>
          <Descriptions bordered size="small" column={wide ? 2 : 1} layout={wide ? 'horizontal' : 'vertical'} items={[
            { key: 'org', label: t('market.achievement.owner'), children: a.orgName },
            { key: 'region', label: t('market.common.region'), children: a.regionName },
            { key: 'modes', label: t('market.achievement.transferModes'), children: join(a.transferModes.map((m) => t(`market.mode.${m}`))) },
            { key: 'price', label: t('market.achievement.price'), children: range(a.priceMin, a.priceMax) },
            { key: 'ip', label: t('market.achievement.ip'), children: a.ip || '—' },
            { key: 'inventors', label: t('market.achievement.inventors'), children: a.inventors || '—' },
            { key: 'contact', label: t('market.achievement.contact'), children: a.contact || '—' },
            { key: 'published', label: t('market.common.publishedAt'), children: chinaDay(a.publishedAt) },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 24 }}>{t('market.achievement.summary')}</Typography.Title>
          <Typography.Paragraph className="kc-portal-text">{a.summary || '—'}</Typography.Paragraph>
          <Typography.Title level={5}>{t('market.achievement.text')}</Typography.Title>
          <Typography.Paragraph className="kc-portal-text">{a.text || '—'}</Typography.Paragraph>
          <Alert type="info" showIcon message={t('market.portal.signInToConnect')} action={<Link to="/login"><Button size="small" type="primary">{t('market.portal.signIn')}</Button></Link>} />
        </Card>
      ) : <PageLoading />}
    </PortalLayout>
  );
}
