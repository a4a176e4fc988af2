// One achievement evaluation for its expert (/market/evaluation-reviews/:id): the pledge and the
// declaration of no conflict (or a recusal with its reason) open the achievement's details; then a
// score per criterion within its maximum, the weighted total as it is typed, an opinion; a draft
// saved, one submission, read-only after it.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Popconfirm, Row, Space, Statistic, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import PageLoading from '../../components/PageLoading';
import { weightedTotal } from '../../../domain/review/ranking';
import { evaluationApi, type EvaluationReview } from './api';
import { useApiError, useFieldName, useMaturity, useWide } from './shared';

function Declaration({ review, onDone }: { review: EvaluationReview; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiError();
  const [agree, setAgree] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const declare = async (conflict: boolean) => {
    setBusy(true);
    try {
      await evaluationApi.declare(review.id, conflict ? { conflict: true, reason: reason.trim() } : { conflict: false, pledge: true });
      message.success(conflict ? t('market.evaluation.declined') : t('market.evaluation.declared'));
      onDone();
    } catch (error) { onError(error); } finally { setBusy(false); }
  };
  return (
    <Card size="small" title={t('market.evaluation.noConflict')} data-testid="evaluation-declaration">
      <Typography.Paragraph>{t('market.evaluation.pledge')}</Typography.Paragraph>
      <Checkbox checked={agree} onChange={(e) => setAgree(e.target.checked)}>{t('market.evaluation.pledgeAgree')}</Checkbox>
      <div style={{ marginTop: 12 }}>
        <Space wrap>
          <Button type="primary" disabled={!agree} loading={busy} onClick={() => declare(false)}>{t('market.evaluation.noConflict')}</Button>
          <Input style={{ width: 240 }} placeholder={t('market.evaluation.conflictReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <Button danger disabled={!reason.trim()} loading={busy} onClick={() => declare(true)}>{t('market.evaluation.conflict')}</Button>
        </Space>
      </div>
    </Card>
  );
}

export default function EvaluationReviewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const fieldName = useFieldName();
  const maturity = useMaturity();
  const onError = useApiError();
  const wide = useWide();
  const client = useQueryClient();
  const [form] = Form.useForm<{ scores: Record<string, number>; comment?: string }>();
  const review = useQuery({ queryKey: ['market', 'evaluation-review', id], queryFn: () => evaluationApi.myReview(Number(id)) });
  const r = review.data;
  const scores = (Form.useWatch('scores', form) ?? {}) as Record<string, number>;
  useEffect(() => { if (r) form.setFieldsValue({ scores: r.scores ?? {}, comment: r.comment ?? '' }); }, [r, form]);
  const reload = () => client.invalidateQueries({ queryKey: ['market'] });
  const save = async (submit: boolean) => {
    const v = submit ? await form.validateFields() : form.getFieldsValue();
    const body = { scores: Object.fromEntries(Object.entries(v.scores ?? {}).filter(([, x]) => x != null)) as Record<string, number>, comment: v.comment ?? '' };
    try {
      if (submit) await evaluationApi.submitReview(r!.id, body); else await evaluationApi.save(r!.id, body);
      message.success(submit ? t('market.evaluation.scoresSubmitted') : t('market.evaluation.scoreSaved'));
      await reload();
    } catch (error) { onError(error); }
  };

  if (review.isLoading) return <PageLoading />;
  if (!r) return <AppPage><Alert type="error" showIcon message={(review.error as Error)?.message} /></AppPage>;
  const a = r.achievement;
  const done = r.status === 'submitted';
  return (
    <AppPage title={a.title} extra={<Link to="/market/evaluation-reviews"><Button icon={<ArrowLeftOutlined />}>{t('menu.marketEvaluationReviews')}</Button></Link>}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('market.evaluation.achievement')}>
            <Descriptions size="small" column={1} bordered={wide}>
              <Descriptions.Item label={t('market.common.org')}>{a.orgName}</Descriptions.Item>
              <Descriptions.Item label={t('market.achievement.type')}>{t(`market.achievement.types.${a.type}`)}</Descriptions.Item>
              <Descriptions.Item label={t('market.common.field')}>{fieldName(a.field)} · {maturity(a.maturity)}</Descriptions.Item>
              <Descriptions.Item label={t('market.evaluation.class')}>{t(`market.evaluation.classes.${r.class}`)}</Descriptions.Item>
              <Descriptions.Item label={t('market.achievement.inventors')}>{a.inventors || '—'}</Descriptions.Item>
              {a.summary !== null ? (
                <>
                  <Descriptions.Item label={t('market.achievement.ip')}>{a.ip || '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('market.achievement.summary')}><span style={{ whiteSpace: 'pre-wrap' }}>{a.summary || '—'}</span></Descriptions.Item>
                  {a.text && <Descriptions.Item label={t('market.achievement.text')}><span style={{ whiteSpace: 'pre-wrap' }}>{a.text}</span></Descriptions.Item>}
                </>
              ) : <Descriptions.Item label={t('market.achievement.summary')}><Typography.Text type="secondary">{t('market.evaluation.hiddenUntilDeclared')}</Typography.Text></Descriptions.Item>}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          {r.status === 'assigned' ? <Declaration review={r} onDone={() => void reload()} /> : (
            <Card size="small" title={t('market.evaluation.criteria')} extra={<Statistic value={weightedTotal(r.criteria, scores)} precision={2} valueStyle={{ fontSize: 18 }} prefix={`${t('market.evaluation.total')} `} />}>
              <Form form={form} layout="vertical" disabled={done} name="evaluation-scores">
                {r.criteria.map((c) => (
                  <Form.Item key={c.code} name={['scores', c.code]} label={`${c.name}（${t('market.evaluation.weight')} ${Math.round(c.weight * 100)}%，${t('market.evaluation.max')} ${c.max}）`}
                    rules={[{ required: true }, { type: 'number', min: 0, max: c.max }]}>
                    <InputNumber min={0} max={c.max} precision={1} style={{ width: 160 }} />
                  </Form.Item>
                ))}
                <Form.Item name="comment" label={t('market.evaluation.comment')}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
              </Form>
              {!done && (
                <Space wrap>
                  <Button onClick={() => save(false)}>{t('market.common.saveDraft')}</Button>
                  <Popconfirm title={t('market.evaluation.submitConfirm')} onConfirm={() => save(true)}>
                    <Button type="primary">{t('market.evaluation.submitScores')}</Button>
                  </Popconfirm>
                </Space>
              )}
            </Card>
          )}
        </Col>
      </Row>
    </AppPage>
  );
}
