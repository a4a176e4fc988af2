// 认定评审任务 (experts): the platform certifications assigned to the expert, those to declare and
// score first; one opens its page (/platforms/certification-reviews/:id).
import { Card, Empty, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import { certReviewApi, type CertReviewItem } from './api';
import { LevelTag, chinaTime, usePlatformNames, useWide } from './shared';

export default function CertReviewsPage() {
  const { t } = useTranslation();
  const names = usePlatformNames();
  const wide = useWide();
  const list = useQuery({ queryKey: ['platforms', 'cert-reviews'], queryFn: certReviewApi.mine });
  return (
    <AppPage>
      <Card size="small">
        <Table<CertReviewItem> rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={wide ? { x: 'max-content' } : undefined} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('platforms.review.empty')} /> }}
          columns={[
            { title: t('platforms.common.name'), dataIndex: 'name', render: (v, r) => (
              <div style={{ maxWidth: 420 }}>
                <Link to={`/platforms/certification-reviews/${r.id}`} data-testid={`cert-review-${r.id}`}>{v}</Link>
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.orgName} · {names.typeName(r.type)}</Typography.Text></div>
              </div>
            ) },
            { title: t('platforms.common.level'), dataIndex: 'level', width: 90, responsive: ['md'], render: (v) => <LevelTag level={v} /> },
            { title: t('platforms.common.status'), dataIndex: 'status', width: 90, render: (s) => t(`platforms.review.status.${s}`) },
            { title: t('platforms.review.total'), dataIndex: 'total', width: 90, align: 'right', render: (v) => v ?? '—' },
            { title: t('platforms.application.submittedAt'), dataIndex: 'assignedAt', width: 150, responsive: ['md'], render: (v) => chinaTime(v) },
            { title: '', key: 'go', width: 70, render: (_, r) => <Link to={`/platforms/certification-reviews/${r.id}`}>{r.status === 'submitted' ? t('platforms.review.view') : t('platforms.review.open')}</Link> },
          ]} />
      </Card>
    </AppPage>
  );
}
