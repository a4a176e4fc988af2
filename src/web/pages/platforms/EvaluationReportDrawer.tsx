// One yearly report in a drawer: the figures on the type's metrics, the narrative, the files;
// for staff, the experts on it (assign more; 回避 refuses an expert of the host) and the rating —
// from the experts' mean, or from the staff's own scores on the type's rubric.
import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { expertApi } from '../projects/api';
import { useApiError, useLang, useMoney, useWide } from '../market/shared';
import { platformEvaluationApi, RATING_COLORS, type Metric, type ReportDetail } from './EvaluationApi';

export function useFigure() {
  const lang = useLang();
  const money = useMoney();
  return (m: Metric, v: number | undefined) => (v == null ? '—' : m.kind === 'money' ? money(v) : `${v.toLocaleString(lang)} ${lang === 'en' ? m.unitEn : m.unitZh}`);
}

export function RatingTag({ r }: { r: Pick<ReportDetail, 'rating' | 'grades'> & { rating: ReportDetail['rating'] } }) {
  const { t } = useTranslation();
  if (!r.rating) return null;
  const grade = r.grades?.[r.rating];
  return <Tag color={RATING_COLORS[r.rating]}>{grade ? `${grade}（${t(`platformEvaluation.rating.${r.rating}`)}）` : t(`platformEvaluation.rating.${r.rating}`)}</Tag>;
}

function StaffActions({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const onError = useApiError();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [experts, setExperts] = useState<number[]>([]);
  const [own, setOwn] = useState(false);
  const [form] = Form.useForm<{ scores: Record<string, number>; opinion: string }>();
  const pool = useQuery({ queryKey: ['platform-evaluation', 'experts'], queryFn: () => expertApi.list({ pageSize: 200, status: 'active' } as never) });
  const reload = () => client.invalidateQueries({ queryKey: ['platform-evaluation'] });
  const assign = async () => {
    try { await platformEvaluationApi.assign(report.id, experts); setExperts([]); message.success(t('platformEvaluation.evaluation.assigned')); await reload(); } catch (error) { onError(error); }
  };
  const rate = async () => {
    const v = await form.validateFields();
    try {
      const r = await platformEvaluationApi.rate(report.id, { opinion: v.opinion, ...(own ? { scores: v.scores } : {}) });
      message.success(t('platformEvaluation.evaluation.ratedAs', { rating: t(`platformEvaluation.rating.${r.rating}`), score: r.score }));
      await reload();
    } catch (error) { onError(error, form); }
  };
  return (
    <>
      <Typography.Title level={5}>{t('platformEvaluation.evaluation.experts')}</Typography.Title>
      <Table size="small" rowKey="id" pagination={false} dataSource={report.reviews} scroll={{ x: 'max-content' }}
        columns={[
          { title: t('platformEvaluation.evaluation.expert'), dataIndex: 'expertName', render: (v: string, r) => `${v}${r.expertOrg ? `（${r.expertOrg}）` : ''}` },
          { title: t('platformEvaluation.evaluation.status'), dataIndex: 'status', render: (v: string) => t(`platformEvaluation.evaluation.reviewStatuses.${v}`) },
          { title: t('platformEvaluation.evaluation.score'), dataIndex: 'total', align: 'right' },
        ]} />
      <Space wrap style={{ margin: '8px 0 16px' }}>
        <Select mode="multiple" style={{ minWidth: 240 }} placeholder={t('platformEvaluation.evaluation.pickExperts')} value={experts} onChange={setExperts}
          showSearch optionFilterProp="label" loading={pool.isLoading}
          options={(pool.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} · ${x.orgName}` }))} />
        <Button disabled={!experts.length} onClick={assign}>{t('platformEvaluation.evaluation.assign')}</Button>
      </Space>
      <Typography.Title level={5}>{t('platformEvaluation.evaluation.rate')}</Typography.Title>
      <Form form={form} layout="vertical" name="platform-rate">
        <Space style={{ marginBottom: 8 }}>
          <Button size="small" type={own ? 'default' : 'primary'} onClick={() => setOwn(false)}>{t('platformEvaluation.evaluation.byExperts')}</Button>
          <Button size="small" type={own ? 'primary' : 'default'} onClick={() => setOwn(true)}>{t('platformEvaluation.evaluation.byStaff')}</Button>
        </Space>
        {own && report.criteria.map((c) => (
          <Form.Item key={c.code} name={['scores', c.code]} label={`${c.name}（${Math.round(c.weight * 100)}%，≤ ${c.max}）`} rules={[{ required: true }, { type: 'number', min: 0, max: c.max }]}>
            <InputNumber min={0} max={c.max} precision={1} style={{ width: 140 }} />
          </Form.Item>
        ))}
        <Form.Item name="opinion" label={t('platformEvaluation.evaluation.opinion')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
        <Button type="primary" onClick={rate}>{t('platformEvaluation.evaluation.rate')}</Button>
      </Form>
    </>
  );
}

export default function EvaluationReportDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const wide = useWide();
  const figure = useFigure();
  const q = useQuery({ queryKey: ['platform-evaluation', 'report', id], queryFn: () => platformEvaluationApi.report(id!), enabled: id != null });
  const r = q.data;
  return (
    <Drawer open={id != null} onClose={onClose} width={wide ? 640 : '100%'} title={r ? `${r.platformName} · ${t('platformEvaluation.dashboard.yearLabel', { year: r.year })}` : ''} destroyOnClose>
      {r && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('platformEvaluation.evaluation.type')}>{lang === 'en' ? r.typeNameEn : r.typeNameZh} · {t(`platformEvaluation.level.${r.platformLevel}`)}</Descriptions.Item>
            <Descriptions.Item label={t('platformEvaluation.evaluation.host')}>{r.hostName}</Descriptions.Item>
            <Descriptions.Item label={t('platformEvaluation.evaluation.status')}>{t(`platformEvaluation.evaluation.statuses.${r.status}`)} {r.score != null && `· ${r.score}`} <RatingTag r={r} /></Descriptions.Item>
            {r.metrics.map((m) => <Descriptions.Item key={m.code} label={lang === 'en' ? m.nameEn : m.nameZh}>{figure(m, r.figures[m.code])}</Descriptions.Item>)}
            <Descriptions.Item label={t('platformEvaluation.evaluation.narrative')}><span style={{ whiteSpace: 'pre-wrap' }}>{r.narrative || '—'}</span></Descriptions.Item>
            {r.opinion ? <Descriptions.Item label={t('platformEvaluation.evaluation.opinion')}>{r.opinion}</Descriptions.Item> : null}
            <Descriptions.Item label={t('platformEvaluation.evaluation.files')}>
              {r.attachments.length ? r.attachments.map((f) => <div key={f.id}><a href={`/api/v1/platform-reports/${r.id}/attachments/${f.id}`}>{f.fileName}</a></div>) : '—'}
            </Descriptions.Item>
          </Descriptions>
          {r.status === 'submitted' && r.reviews && <div style={{ marginTop: 16 }}><StaffActions report={r} /></div>}
        </>
      )}
    </Drawer>
  );
}
