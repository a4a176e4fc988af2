// One review (/projects/reviews/:id), for an expert: first the call's integrity pledge (承诺书, once
// per call) and the declaration of no conflict — or a declared conflict with its reason, which hands
// the application back to the bureau. Then the application beside the rubric: a score per criterion
// within its maximum, the weighted total as it is typed, a comment; drafts saved, one submission
// (asked twice), read-only after it. Blind review hides the applicant. Fits a 375 px phone.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Modal, Radio, Result, Row, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import PageLoading from '../../components/PageLoading';
import { weightedTotal } from '../../../domain/review/ranking';
import { BudgetTable } from './ApplicationView';
import { projectApi, type MyReview } from './api';
import { ReviewStatusTag, chinaTime, fieldLabel, useApiError, useMoney } from './shared';
import './review.css';

/** The pledge and the declaration, before the application opens. */
function Declaration({ review, onDeclared }: { review: MyReview; onDeclared: (status: 'declared' | 'declined') => void }) {
  const { t } = useTranslation();
  const onError = useApiError();
  const [form] = Form.useForm<{ pledge: boolean; conflict: 'no' | 'yes'; reason?: string }>();
  const conflict = Form.useWatch('conflict', form);
  const [busy, setBusy] = useState(false);
  const go = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await projectApi.declare(review.id, v.conflict === 'yes' ? { conflict: true, reason: v.reason?.trim() } : { conflict: false, pledge: review.pledged ? undefined : true });
      onDeclared(r.status);
    } catch (error) { onError(error, form, ['reason']); } finally { setBusy(false); }
  };
  return (
    <Modal open title={t('projects.review.declareTitle')} closable={false} maskClosable={false} keyboard={false} width={640} data-testid="declaration"
      footer={[
        <Link key="back" to="/projects/reviews"><Button>{t('projects.review.back')}</Button></Link>,
        <Button key="ok" type="primary" danger={conflict === 'yes'} loading={busy} onClick={go} data-testid="declare-confirm">
          {conflict === 'yes' ? t('projects.review.declareConflict') : review.pledged ? t('projects.review.declareStart') : t('projects.review.declareOk')}
        </Button>,
      ]}>
      <Form form={form} layout="vertical" initialValues={{ conflict: 'no', pledge: review.pledged }} name="declaration">
        {!review.pledged && (
          <>
            <Typography.Title level={5}>{t('projects.review.pledgeTitle')}</Typography.Title>
            <div className="kc-pledge">{review.pledge}</div>
          </>
        )}
        <Typography.Title level={5} style={{ marginTop: 12 }}>{t('projects.review.declaration')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('projects.review.declarationHelp', { title: review.application.title })}</Typography.Paragraph>
        <Form.Item name="conflict">
          <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }} options={[
            { value: 'no', label: t('projects.review.noConflict') }, { value: 'yes', label: t('projects.review.hasConflict') }]} />
        </Form.Item>
        {conflict === 'yes' ? (
          <Form.Item name="reason" label={t('projects.review.conflictReason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
            <Input.TextArea rows={3} placeholder={t('projects.review.conflictPlaceholder')} />
          </Form.Item>
        ) : !review.pledged && (
          <Form.Item name="pledge" valuePropName="checked" rules={[{ validator: async (_r, v) => { if (!v) throw new Error(t('projects.review.pledgeRequired')); } }]}>
            <Checkbox>{t('projects.review.pledgeAgree')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The application as the expert may read it (blind review: no applicant, members without names). */
function ApplicationPane({ review }: { review: MyReview }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const a = review.application;
  const opened = a.summary !== null;
  return (
    <Card size="small" title={t('projects.review.application')} className="kc-review-app">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('projects.app.field')}>{fieldLabel(a.field, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t('projects.app.org')}>{review.blind ? <Tag icon={<LockOutlined />}>{t('projects.review.hidden')}</Tag> : `${a.orgName ?? ''}${a.regionName ? `（${a.regionName}）` : ''}`}</Descriptions.Item>
        {opened && <Descriptions.Item label={t('projects.app.requested')}>{money(a.requestedAmount)}</Descriptions.Item>}
        {opened && <Descriptions.Item label={t('projects.app.ownFunds')}>{money(a.ownFunds)}</Descriptions.Item>}
      </Descriptions>
      {!opened ? <Alert style={{ marginTop: 12 }} type="info" showIcon message={t('projects.review.closedUntilDeclared')} /> : (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('projects.app.summary')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.summary || '—'}</Typography.Paragraph>
          <Typography.Title level={5}>{t('projects.app.members')}</Typography.Title>
          <Table size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={a.members}
            columns={[
              { title: t('projects.app.memberName'), dataIndex: 'name' },
              { title: t('projects.app.memberRole'), dataIndex: 'role' },
              ...(review.blind ? [] : [{ title: t('projects.app.memberOrg'), dataIndex: 'orgName' }]),
            ]} />
          {!review.blind && a.partners.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>{t('projects.app.partners')}</Typography.Title>
              <Space wrap>{a.partners.map((p) => <Tag key={p}>{p}</Tag>)}</Space>
            </>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('projects.app.budgetWan')}</Typography.Title>
          <BudgetTable lines={a.budget ?? []} />
        </>
      )}
    </Card>
  );
}

/** The rubric: a score per criterion, the weighted total, the comment; save, submit once. */
function ScorePane({ review, onSaved }: { review: MyReview; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<{ scores: Record<string, number | null>; comment: string }>();
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const done = review.status === 'submitted';
  const locked = done || review.status === 'assigned';
  const scores = Form.useWatch('scores', form) ?? review.scores ?? {};
  const filled = Object.fromEntries(Object.entries(scores).filter(([, v]) => v != null && v !== ('' as unknown))) as Record<string, number>;
  const total = weightedTotal(review.rubric, filled);
  const fullMark = review.rubric.reduce((s, c) => s + c.weight * c.max, 0);
  useEffect(() => { if (!done) form.setFieldsValue({ scores: review.scores ?? {}, comment: review.comment ?? '' }); }, [review, form, done]);
  const fieldNames = review.rubric.map((c) => `scores.${c.code}`);
  const put = (error: unknown) => {
    if (isApiError(error) && error.fields) {
      const entries = Object.entries(error.fields).filter(([k]) => k.startsWith('scores.') || k === 'comment');
      if (entries.length) { form.setFields(entries.map(([k, e]) => ({ name: k === 'comment' ? 'comment' : ['scores', k.slice(7)], errors: [e] }))); return; }
    }
    onError(error, form, fieldNames);
  };
  const body = () => {
    const v = form.getFieldsValue();
    return { scores: Object.fromEntries(Object.entries(v.scores ?? {}).filter(([, x]) => x != null)) as Record<string, number>, comment: v.comment ?? '' };
  };
  const save = async () => {
    setBusy('save');
    try { await projectApi.saveReview(review.id, body()); message.success(t('projects.review.saved')); onSaved(); } catch (error) { put(error); } finally { setBusy(null); }
  };
  const submit = async () => {
    try { await form.validateFields(); } catch { return; }
    modal.confirm({
      title: t('projects.review.submitTitle'), content: t('projects.review.submitConfirm', { total }), okText: t('projects.review.submit'), cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy('submit');
        try { await projectApi.submitReview(review.id, body()); message.success(t('projects.review.submitted')); onSaved(); } catch (error) { put(error); } finally { setBusy(null); }
      },
    });
  };
  return (
    <Card size="small" title={t('projects.review.rubric')} className="kc-review-score"
      extra={<span data-testid="review-total" className="kc-review-total">{t('projects.review.total')} <b>{total}</b> / {Math.round(fullMark * 100) / 100}</span>}>
      {done && (
        // submitted: what was given, as text (a disabled form reads faintly)
        <>
          <Alert type="success" showIcon style={{ marginBottom: 12 }} message={t('projects.review.readOnly', { at: chinaTime(review.submittedAt) })} data-testid="review-submitted" />
          <Descriptions size="small" column={1} bordered data-testid="review-scores">
            {review.rubric.map((c) => (
              <Descriptions.Item key={c.code} label={<span>{c.name}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('projects.review.criterionMeta', { code: c.code, weight: c.weight, max: c.max })}</Typography.Text></div></span>}>
                <Typography.Text strong>{review.scores?.[c.code] ?? '—'}</Typography.Text> / {c.max}
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('projects.review.comment')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{review.comment}</Typography.Paragraph>
        </>
      )}
      {!done && <Form form={form} layout="vertical" disabled={locked} name="review">
        {review.rubric.map((c) => (
          <Form.Item key={c.code} name={['scores', c.code]} className="kc-criterion"
            label={<span><b>{c.name}</b> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('projects.review.criterionMeta', { code: c.code, weight: c.weight, max: c.max })}</Typography.Text></span>}
            rules={[{ required: true, message: t('projects.review.scoreRequired') }, { type: 'number', min: 0, max: c.max, message: t('projects.review.scoreRange', { max: c.max }) }]}>
            <InputNumber min={0} max={c.max} step={1} style={{ width: '100%' }} aria-label={c.name} addonAfter={`/ ${c.max}`} inputMode="decimal" />
          </Form.Item>
        ))}
        <Form.Item name="comment" label={t('projects.review.comment')} rules={[{ required: true, whitespace: true, message: t('projects.review.commentRequired') }]}>
          <Input.TextArea rows={5} maxLength={5000} showCount placeholder={t('projects.review.commentPlaceholder')} />
        </Form.Item>
      </Form>}
      {!done && (
        <Space wrap style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={save} loading={busy === 'save'} disabled={locked} data-testid="review-save">{t('projects.review.saveDraft')}</Button>
          <Button type="primary" onClick={submit} loading={busy === 'submit'} disabled={locked} data-testid="review-submit">{t('projects.review.submit')}</Button>
        </Space>
      )}
    </Card>
  );
}

export default function ReviewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const id = Number(useParams().id);
  const review = useQuery({ queryKey: ['projects', 'my-review', id], queryFn: () => projectApi.myReview(id), retry: false });
  const r = review.data;
  const reload = () => client.invalidateQueries({ queryKey: ['projects'] });
  const title = useMemo(() => r?.application.title ?? '', [r]);
  if (review.isLoading) return <PageLoading />;
  if (!r) return <Result status="404" title={t('projects.review.notFound')} extra={<Link to="/projects/reviews">{t('projects.review.back')}</Link>} />;
  return (
    <div className="kc-review-page" data-testid="review-page">
      <div className="kc-review-head">
        <Link to="/projects/reviews" className="kc-review-back"><ArrowLeftOutlined /> {t('menu.myReviews')}</Link>
        <Typography.Title level={4} style={{ margin: '4px 0' }}>{title}</Typography.Title>
        <Space size={6} wrap>
          <ReviewStatusTag status={r.status} />
          {r.blind && <Tag icon={<LockOutlined />}>{t('projects.review.blind')}</Tag>}
          <Typography.Text type="secondary">{r.callTitle}</Typography.Text>
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}><ApplicationPane review={r} /></Col>
        <Col xs={24} lg={10}><div className="kc-review-sticky"><ScorePane review={r} onSaved={reload} /></div></Col>
      </Row>
      {r.status === 'assigned' && (
        <Declaration review={r} onDeclared={(status) => {
          if (status === 'declined') { message.info(t('projects.review.declined')); void reload(); navigate('/projects/reviews'); } else { message.success(t('projects.review.declared')); void reload(); }
        }} />
      )}
    </div>
  );
}
