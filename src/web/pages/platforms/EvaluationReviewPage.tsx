// One platform report for its expert (/platforms/evaluation-reviews/:id): the year's figures and
// narrative beside the type's rubric; a score per criterion within its maximum, the weighted total
// as typed, a comment, one submission (read-only after it); or a declared conflict with its reason.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Popconfirm, Row, Space, Statistic } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import PageLoading from '../../components/PageLoading';
import { weightedTotal } from '../../../domain/review/ranking';
import { useApiError, useLang, useWide } from '../market/shared';
import { platformEvaluationApi } from './EvaluationApi';
import { useFigure } from './EvaluationReportDrawer';

export default function EvaluationReviewPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const lang = useLang();
  const wide = useWide();
  const figure = useFigure();
  const onError = useApiError();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [form] = Form.useForm<{ scores: Record<string, number>; comment: string }>();
  const q = useQuery({ queryKey: ['platform-evaluation', 'my-review', id], queryFn: () => platformEvaluationApi.myReview(Number(id)) });
  const scores = (Form.useWatch('scores', form) ?? {}) as Record<string, number>;
  const r = q.data;
  if (q.isLoading) return <PageLoading />;
  if (!r) return <AppPage><Alert type="error" showIcon message={(q.error as Error)?.message} /></AppPage>;
  const done = r.status === 'submitted';
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await platformEvaluationApi.submitReview(r.id, { scores: v.scores, comment: v.comment });
      message.success(t('platformEvaluation.review.submitted'));
      await client.invalidateQueries({ queryKey: ['platform-evaluation'] });
    } catch (error) { onError(error, form); }
  };
  const decline = async () => {
    try { await platformEvaluationApi.declineReview(r.id, reason.trim()); await client.invalidateQueries({ queryKey: ['platform-evaluation'] }); navigate('/platforms/evaluation-reviews'); } catch (error) { onError(error); }
  };
  return (
    <AppPage title={`${r.report.platformName} · ${t('platformEvaluation.dashboard.yearLabel', { year: r.report.year })}`}
      extra={<Link to="/platforms/evaluation-reviews"><Button icon={<ArrowLeftOutlined />}>{t('platformEvaluation.menu.reviews')}</Button></Link>}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('platformEvaluation.review.report')}>
            <Descriptions size="small" column={1} bordered={wide}>
              <Descriptions.Item label={t('platformEvaluation.evaluation.host')}>{r.report.hostName}</Descriptions.Item>
              {r.report.metrics.map((m) => <Descriptions.Item key={m.code} label={lang === 'en' ? m.nameEn : m.nameZh}>{figure(m, r.report.figures[m.code])}</Descriptions.Item>)}
              <Descriptions.Item label={t('platformEvaluation.evaluation.narrative')}><span style={{ whiteSpace: 'pre-wrap' }}>{r.report.narrative}</span></Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('platformEvaluation.review.rubric')}
            extra={<Statistic value={done ? r.total ?? 0 : weightedTotal(r.criteria, scores)} precision={2} valueStyle={{ fontSize: 18 }} />}>
            <Form form={form} layout="vertical" disabled={done} initialValues={{ scores: r.scores, comment: r.comment }} name="platform-review">
              {r.criteria.map((c) => (
                <Form.Item key={c.code} name={['scores', c.code]} label={`${c.name}（${Math.round(c.weight * 100)}%，≤ ${c.max}）`} rules={[{ required: true }, { type: 'number', min: 0, max: c.max }]}>
                  <InputNumber min={0} max={c.max} precision={1} style={{ width: 160 }} />
                </Form.Item>
              ))}
              <Form.Item name="comment" label={t('platformEvaluation.review.comment')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
            </Form>
            {!done && (
              <Space wrap>
                <Popconfirm title={t('platformEvaluation.review.submitConfirm')} onConfirm={submit}><Button type="primary">{t('platformEvaluation.review.submit')}</Button></Popconfirm>
                <Input style={{ width: 200 }} placeholder={t('platformEvaluation.review.conflictReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
                <Button danger disabled={!reason.trim()} onClick={decline}>{t('platformEvaluation.review.conflict')}</Button>
              </Space>
            )}
          </Card>
        </Col>
      </Row>
    </AppPage>
  );
}
