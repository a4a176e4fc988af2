// One certification review for its expert (/platforms/certification-reviews/:id): the pledge and the
// declaration of no conflict (or a recusal with its reason) open the application's intro and
// checklist; then a score per criterion within its maximum, the weighted total as it is typed, an
// opinion; a draft saved, one submission, read-only after it.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Popconfirm, Row, Space, Statistic, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import PageLoading from '../../components/PageLoading';
import { weightedTotal } from '../../../domain/review/ranking';
import { certReviewApi, type CertReview } from './api';
import { LevelTag, useApiError, useFieldName, useLang, usePlatformNames, useWide } from './shared';

function Declaration({ review, onDone }: { review: CertReview; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiError();
  const [agree, setAgree] = useState(false);
  const [reason, setReason] = useState('');
  const declare = async (conflict: boolean) => {
    try {
      await certReviewApi.declare(review.id, conflict ? { conflict: true, reason: reason.trim() } : { conflict: false, pledge: true });
      message.success(conflict ? t('platforms.review.declined') : t('platforms.review.declared'));
      onDone();
    } catch (error) { onError(error); }
  };
  return (
    <Card size="small" title={t('platforms.review.noConflict')} data-testid="cert-declaration">
      <Typography.Paragraph>{t('platforms.review.pledge')}</Typography.Paragraph>
      <Checkbox checked={agree} onChange={(e) => setAgree(e.target.checked)} data-testid="cert-pledge">{t('platforms.review.pledgeAgree')}</Checkbox>
      <div style={{ marginTop: 12 }}>
        <Space wrap>
          <Button type="primary" disabled={!agree} onClick={() => declare(false)} data-testid="cert-no-conflict">{t('platforms.review.noConflict')}</Button>
          <Input style={{ width: 220 }} placeholder={t('platforms.review.conflictReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <Button danger disabled={!reason.trim()} onClick={() => declare(true)}>{t('platforms.review.conflict')}</Button>
        </Space>
      </div>
    </Card>
  );
}

export default function CertReviewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const lang = useLang();
  const names = usePlatformNames();
  const fieldName = useFieldName();
  const onError = useApiError();
  const wide = useWide();
  const client = useQueryClient();
  const [form] = Form.useForm<{ scores: Record<string, number>; comment?: string }>();
  const review = useQuery({ queryKey: ['platforms', 'cert-review', id], queryFn: () => certReviewApi.get(Number(id)) });
  const r = review.data;
  const scores = (Form.useWatch('scores', form) ?? {}) as Record<string, number>;
  useEffect(() => { if (r) form.setFieldsValue({ scores: r.scores ?? {}, comment: r.comment ?? '' }); }, [r, form]);
  const reload = () => client.invalidateQueries({ queryKey: ['platforms'] });
  const save = async (submit: boolean) => {
    const v = submit ? await form.validateFields() : form.getFieldsValue();
    const body = { scores: Object.fromEntries(Object.entries(v.scores ?? {}).filter(([, x]) => x != null)) as Record<string, number>, comment: v.comment ?? '' };
    try {
      if (submit) await certReviewApi.submit(r!.id, body); else await certReviewApi.save(r!.id, body);
      message.success(submit ? t('platforms.review.submittedMessage') : t('platforms.review.savedMessage'));
      await reload();
    } catch (error) { onError(error); }
  };

  if (review.isLoading) return <PageLoading />;
  if (!r) return <AppPage><Alert type="error" showIcon message={(review.error as Error)?.message} /></AppPage>;
  const a = r.application;
  const done = r.status === 'submitted';
  return (
    <AppPage title={a.name} extra={<Link to="/platforms/certification-reviews"><Button icon={<ArrowLeftOutlined />}>{t('platforms.menu.reviews')}</Button></Link>}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('platforms.review.application')}>
            <Descriptions size="small" column={1} bordered={wide}>
              <Descriptions.Item label={t('platforms.application.org')}>{a.orgName}</Descriptions.Item>
              <Descriptions.Item label={t('platforms.common.type')}>{names.typeName(a.type)}</Descriptions.Item>
              <Descriptions.Item label={t('platforms.common.level')}><LevelTag level={a.level} /></Descriptions.Item>
              <Descriptions.Item label={t('platforms.common.field')}>{a.field ? fieldName(a.field) : '—'}</Descriptions.Item>
              {a.checklist ? (
                <>
                  <Descriptions.Item label={t('platforms.common.intro')}><span style={{ whiteSpace: 'pre-wrap' }}>{a.intro || '—'}</span></Descriptions.Item>
                  <Descriptions.Item label={t('platforms.application.checklist')}>
                    {a.checklist.map((c) => (
                      <div key={c.code}>{lang === 'en' ? c.textEn : c.textZh}：<Typography.Text strong>
                        {c.value == null ? '—' : c.answer === 'yes_no' ? (c.value ? t('platforms.common.yes') : t('platforms.common.no')) : `${c.value} ${lang === 'en' ? c.unitEn : c.unitZh}`}
                      </Typography.Text></div>
                    ))}
                  </Descriptions.Item>
                </>
              ) : <Descriptions.Item label={t('platforms.common.intro')}><Typography.Text type="secondary">{t('platforms.review.hidden')}</Typography.Text></Descriptions.Item>}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          {r.status === 'assigned' ? <Declaration review={r} onDone={() => void reload()} /> : (
            <Card size="small" title={t('platforms.review.criteria')} extra={<Statistic value={weightedTotal(r.criteria, scores)} precision={2} valueStyle={{ fontSize: 18 }} prefix={`${t('platforms.review.total')} `} />}>
              <Form form={form} layout="vertical" disabled={done} name="cert-scores">
                {r.criteria.map((c) => (
                  <Form.Item key={c.code} name={['scores', c.code]} label={`${c.name}（${t('platforms.review.weight')} ${Math.round(c.weight * 100)}%，${t('platforms.review.max')} ${c.max}）`}
                    rules={[{ required: true }, { type: 'number', min: 0, max: c.max }]}>
                    <InputNumber min={0} max={c.max} precision={1} style={{ width: 160 }} data-testid={`score-${c.code}`} />
                  </Form.Item>
                ))}
                <Form.Item name="comment" label={t('platforms.review.comment')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={4} maxLength={5000} data-testid="cert-comment" /></Form.Item>
              </Form>
              {!done && (
                <Space wrap>
                  <Button onClick={() => save(false)}>{t('platforms.review.saveDraft')}</Button>
                  <Popconfirm title={t('platforms.review.submitConfirm')} onConfirm={() => save(true)} okButtonProps={{ 'data-testid': 'cert-submit-ok' } as never}>
                    <Button type="primary" data-testid="cert-submit">{t('platforms.review.submit')}</Button>
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
