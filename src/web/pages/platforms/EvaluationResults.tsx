// 评价结果 (staff): the reports of a year in their scope — score, rating, state — filtered by rating
// and state, exported to Excel; a row opens the report (and, once submitted, its rating).
import { useState } from 'react';
import { Button, Select, Space, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useLang, useWide } from '../market/shared';
import { platformEvaluationApi, RATING_COLORS, RATINGS, type Report } from './EvaluationApi';
import EvaluationReportDrawer from './EvaluationReportDrawer';

export default function EvaluationResults() {
  const { t } = useTranslation();
  const lang = useLang();
  const wide = useWide();
  const [params, setParams] = useSearchParams();
  const lastYear = new Date().getFullYear() - 1;
  const [year, setYear] = useState<number | undefined>(lastYear);
  const [rating, setRating] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: ['platform-evaluation', 'reports', year, rating, status, page], queryFn: () => platformEvaluationApi.reports({ year, rating, status, page, pageSize: 20 }) });
  const open = params.get('report');
  const show = (id: number | null) => { const next = new URLSearchParams(params); if (id == null) next.delete('report'); else next.set('report', String(id)); setParams(next, { replace: true }); };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label={t('platformEvaluation.evaluation.yearEvaluated')} style={{ width: 120 }} value={year} onChange={(v) => { setYear(v); setPage(1); }} allowClear
          placeholder={t('platformEvaluation.evaluation.yearEvaluated')} options={[0, 1, 2, 3].map((i) => ({ value: lastYear + 1 - i, label: t('platformEvaluation.dashboard.yearLabel', { year: lastYear + 1 - i }) }))} />
        <Select style={{ width: 120 }} value={rating} onChange={(v) => { setRating(v); setPage(1); }} allowClear placeholder={t('platformEvaluation.evaluation.rating')}
          options={RATINGS.map((r) => ({ value: r, label: t(`platformEvaluation.rating.${r}`) }))} />
        <Select style={{ width: 120 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }} allowClear placeholder={t('platformEvaluation.evaluation.status')}
          options={['draft', 'submitted', 'rated'].map((s) => ({ value: s, label: t(`platformEvaluation.evaluation.statuses.${s}`) }))} />
        <Button icon={<DownloadOutlined />} onClick={() => platformEvaluationApi.exportReports({ year })}>{t('platformEvaluation.evaluation.export')}</Button>
      </Space>
      <Table<Report> size="small" rowKey="id" loading={q.isLoading} dataSource={q.data?.items ?? []} scroll={wide ? undefined : { x: 'max-content' }}
        onRow={(r) => ({ onClick: () => show(r.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('platformEvaluation.evaluation.total', { n }) }}
        columns={[
          { title: t('platformEvaluation.evaluation.yearEvaluated'), dataIndex: 'year', width: 80 },
          { title: t('platformEvaluation.evaluation.platform'), dataIndex: 'platformName' },
          { title: t('platformEvaluation.evaluation.type'), key: 'type', render: (_, r) => `${lang === 'en' ? r.typeNameEn : r.typeNameZh} · ${t(`platformEvaluation.level.${r.platformLevel}`)}` },
          { title: t('platformEvaluation.dashboard.region'), dataIndex: 'regionName' },
          { title: t('platformEvaluation.evaluation.status'), dataIndex: 'status', render: (v: string, r) => <>{t(`platformEvaluation.evaluation.statuses.${v}`)}{v === 'submitted' && r.reviewers > 0 ? ` ${r.reviewed}/${r.reviewers}` : ''}</> },
          { title: t('platformEvaluation.evaluation.score'), dataIndex: 'score', align: 'right' },
          { title: t('platformEvaluation.evaluation.rating'), dataIndex: 'rating', render: (v: Report['rating']) => v && <Tag color={RATING_COLORS[v]}>{t(`platformEvaluation.rating.${v}`)}</Tag> },
        ]} />
      <EvaluationReportDrawer id={open ? Number(open) : null} onClose={() => show(null)} />
    </>
  );
}
