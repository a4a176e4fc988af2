// 评价任务 (experts): the achievement evaluations assigned to the expert, to be declared and scored
// first; one opens its page (/market/evaluation-reviews/:id).
import { Card, Empty, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import { evaluationApi, type EvaluationReviewRow } from './api';
import { chinaTime, useFieldName, useWide } from './shared';

export default function EvaluationReviewsPage() {
  const { t } = useTranslation();
  const fieldName = useFieldName();
  const wide = useWide();
  const list = useQuery({ queryKey: ['market', 'evaluation-reviews'], queryFn: () => evaluationApi.myReviews() });
  return (
    <AppPage>
      <Card size="small">
        <Table<EvaluationReviewRow> rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={wide ? { x: 'max-content' } : undefined} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('market.evaluation.noTasks')} /> }}
          columns={[
            { title: t('market.evaluation.achievement'), dataIndex: 'title', render: (v, r) => (
              <div style={{ maxWidth: 420 }}>
                <Link to={`/market/evaluation-reviews/${r.id}`} data-testid={`evaluation-review-${r.id}`}>{v}</Link>
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.orgName} · {fieldName(r.field)} · {t(`market.evaluation.classes.${r.class}`)}</Typography.Text></div>
              </div>
            ) },
            { title: t('market.common.status'), dataIndex: 'status', width: 100, render: (s) => t(`market.evaluation.assignmentStatus.${s}`) },
            { title: t('market.evaluation.total'), dataIndex: 'total', width: 80, align: 'right', render: (v) => v ?? '—' },
            { title: t('market.evaluation.requestedAt'), dataIndex: 'assignedAt', width: 150, responsive: ['md'], render: (v) => chinaTime(v) },
            { title: '', key: 'go', width: 90, render: (_, r) => <Link to={`/market/evaluation-reviews/${r.id}`}>{r.status === 'submitted' ? t('market.evaluation.view') : t('market.evaluation.open')}</Link> },
          ]} />
      </Card>
    </AppPage>
  );
}
