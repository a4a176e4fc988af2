// 评审任务 (experts): the applications assigned to me, those to do first; each opens the review page.
import { Button, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import RelationsDrawer from './ExpertRelations';
import { expertApi, projectApi, type MyReviewRow } from './api';
import { ReviewStatusTag, chinaTime, fieldLabel } from './shared';

export default function MyReviewsPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<string>('');
  const reviews = useQuery({ queryKey: ['projects', 'my-reviews', status], queryFn: () => projectApi.myReviews(status || undefined) });
  // the expert's own record: the relations they declare keep them off what those touch
  const me = useQuery({ queryKey: ['projects', 'expert-me'], queryFn: expertApi.me, retry: false });
  const [relations, setRelations] = useState<number | null>(null);
  return (
    <AppPage extra={me.data && (
      <Button icon={<SafetyCertificateOutlined />} onClick={() => setRelations(me.data!.id)} data-testid="my-relations">
        {t('projects.review.myRelations', { n: me.data.relations.length })}
      </Button>
    )}>
      <RelationsDrawer id={relations} onClose={() => setRelations(null)} onChanged={() => void me.refetch()} />
      <Card size="small" title={
        <Segmented value={status} onChange={(v) => setStatus(String(v))} style={{ marginBlock: 4 }}
          options={[{ value: '', label: t('projects.review.all') }, ...(['assigned', 'declared', 'submitted'] as const).map((s) => ({ value: s, label: t(`projects.reviewStatus.${s}`) }))]} />
      }>
        <List<MyReviewRow> loading={reviews.isLoading} dataSource={reviews.data?.items ?? []} locale={{ emptyText: <Empty description={t('projects.review.none')} /> }}
          renderItem={(r) => (
            <List.Item data-testid="my-review" actions={[
              <Link key="open" to={`/projects/reviews/${r.id}`}>{t(r.status === 'submitted' ? 'projects.review.view' : r.status === 'declared' ? 'projects.review.continue' : 'projects.review.start')}</Link>,
            ]}>
              <List.Item.Meta
                title={<Space size={6} wrap><Link to={`/projects/reviews/${r.id}`}>{r.title}</Link><ReviewStatusTag status={r.status} />{r.blind && <Tag>{t('projects.review.blind')}</Tag>}</Space>}
                description={
                  <Space direction="vertical" size={0}>
                    <Typography.Text type="secondary">{r.callTitle}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fieldLabel(r.field, i18n.language)}{r.orgName ? ` · ${r.orgName}` : ''} · {t('projects.review.assignedAt', { at: chinaTime(r.assignedAt) })}
                      {r.total != null ? ` · ${t('projects.review.totalIs', { total: r.total })}` : ''}
                    </Typography.Text>
                  </Space>
                } />
            </List.Item>
          )} />
      </Card>
    </AppPage>
  );
}
