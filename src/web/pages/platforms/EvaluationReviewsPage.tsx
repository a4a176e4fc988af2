// 平台绩效评价任务 (experts): the platform reports they are asked to score, open ones first.
import { Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import AppPage from '../../components/AppPage';
import { useWide } from '../market/shared';
import { platformEvaluationApi, type MyReview } from './EvaluationApi';

export default function EvaluationReviewsPage() {
  const { t } = useTranslation();
  const wide = useWide();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['platform-evaluation', 'my-reviews'], queryFn: () => platformEvaluationApi.myReviews() });
  return (
    <AppPage>
      <Table<MyReview> size="small" rowKey="id" loading={q.isLoading} dataSource={q.data?.items ?? []} pagination={false} scroll={wide ? undefined : { x: 'max-content' }}
        onRow={(r) => ({ onClick: () => navigate(`/platforms/evaluation-reviews/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('platformEvaluation.evaluation.platform'), dataIndex: 'platformName' },
          { title: t('platformEvaluation.evaluation.host'), dataIndex: 'hostName' },
          { title: t('platformEvaluation.evaluation.yearEvaluated'), dataIndex: 'year' },
          { title: t('platformEvaluation.evaluation.status'), dataIndex: 'status', render: (v: string) => <Tag color={v === 'submitted' ? 'green' : 'blue'}>{t(`platformEvaluation.evaluation.reviewStatuses.${v}`)}</Tag> },
          { title: t('platformEvaluation.evaluation.score'), dataIndex: 'total', align: 'right' },
        ]} />
    </AppPage>
  );
}
