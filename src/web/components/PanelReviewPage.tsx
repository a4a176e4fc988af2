// The expert's scoring page of any panel review (the web side of reviews/panel-review.ts): the
// item as its use shows it on the left; on the right the pledge and the declaration of no conflict
// (or a recusal with its reason), then a score per criterion within its maximum, the weighted
// total as it is typed, the comment, a draft saved, one submission and read-only after it. Each
// use (certification, achievement evaluation, the platform's yearly evaluation) configures it.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Popconfirm, Row, Space, Statistic, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import AppPage from './AppPage';
import PageLoading from './PageLoading';
import { weightedTotal, type Criterion } from '../../domain/review/ranking';
import { useApiError } from '../pages/projects/shared';

/** What every use's review carries. */
export interface PanelReviewCore {
  id: number; status: 'assigned' | 'declared' | 'submitted'; criteria: Criterion[];
  scores: Record<string, number> | null; comment: string | null; total: number | null;
}

type Scores = { scores: Record<string, number>; comment: string };

const LABELS = ['back', 'criteria', 'total', 'weight', 'max', 'comment', 'saveDraft', 'saved', 'submit', 'submitConfirm', 'submitted',
  'pledge', 'pledgeAgree', 'noConflict', 'conflict', 'conflictReason', 'declared', 'declined'] as const;
type LabelName = (typeof LABELS)[number];

/**
 * i18n keys: `${prefix}.<name>` unless named otherwise. The pledge and declaration words serve a
 * use with a declaration step, the draft's a use with drafts; `plain` leaves out the words
 * "total", "weight" and "max" (a criterion then reads "name（30%，≤ 100）").
 */
export type PanelReviewLabels = { prefix: string; plain?: boolean } & Partial<Record<LabelName, string>>;

export interface PanelReviewApi {
  submit: (id: number, body: Scores) => Promise<unknown>;
  /** A use with a declaration step: no conflict with the pledge, or a conflict with its reason. */
  declare?: (id: number, body: { conflict: boolean; pledge?: boolean; reason?: string }) => Promise<unknown>;
  /** A use without one: a conflict alone, beside the submit button. */
  decline?: (id: number, reason: string) => Promise<unknown>;
  save?: (id: number, body: Scores) => Promise<unknown>;
}

export interface PanelReviewPageProps<R extends PanelReviewCore> {
  queryKey: unknown[];
  /** Invalidated after every step (the lists and the review). */
  reloadKey: unknown[];
  load: () => Promise<R>;
  api: PanelReviewApi;
  labels: PanelReviewLabels;
  /** The list of the expert's reviews (back, and after a recusal). */
  backTo: string;
  title: (r: R) => string;
  /** The item as this use shows it (what opens after the declaration is its own business). */
  item: (r: R) => ReactNode;
  /** Names the form and the test ids: `${testId}-submit`, `${testId}-comment`, `score-<code>`, … */
  formName: string;
  testId: string;
}

function Declaration({ id, api, label, testId, onDone }: { id: number; api: PanelReviewApi; label: Record<LabelName, string>; testId: string; onDone: (declined: boolean) => void }) {
  const { message } = App.useApp();
  const onError = useApiError();
  const [agree, setAgree] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const declare = async (conflict: boolean) => {
    setBusy(true);
    try {
      await api.declare!(id, conflict ? { conflict: true, reason: reason.trim() } : { conflict: false, pledge: true });
      message.success(conflict ? label.declined : label.declared);
      onDone(conflict);
    } catch (error) { onError(error); } finally { setBusy(false); }
  };
  return (
    <Card size="small" title={label.noConflict} data-testid={`${testId}-declaration`}>
      <Typography.Paragraph>{label.pledge}</Typography.Paragraph>
      <Checkbox checked={agree} onChange={(e) => setAgree(e.target.checked)} data-testid={`${testId}-pledge`}>{label.pledgeAgree}</Checkbox>
      <div style={{ marginTop: 12 }}>
        <Space wrap>
          <Button type="primary" disabled={!agree} loading={busy} onClick={() => declare(false)} data-testid={`${testId}-no-conflict`}>{label.noConflict}</Button>
          <Input style={{ width: 220, maxWidth: '100%' }} placeholder={label.conflictReason} value={reason} onChange={(e) => setReason(e.target.value)} />
          <Button danger disabled={!reason.trim()} loading={busy} onClick={() => declare(true)}>{label.conflict}</Button>
        </Space>
      </div>
    </Card>
  );
}

/** The translated label of each name, from its key. */
function useLabels(labels: PanelReviewLabels): Record<LabelName, string> {
  const { t } = useTranslation();
  return Object.fromEntries(LABELS.map((n) => [n, t(labels[n] ?? `${labels.prefix}.${n}`)])) as Record<LabelName, string>;
}

export default function PanelReviewPage<R extends PanelReviewCore>(p: PanelReviewPageProps<R>) {
  const { api, testId } = p;
  const label = useLabels(p.labels);
  const { message } = App.useApp();
  const onError = useApiError();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [form] = Form.useForm<Scores>();
  const review = useQuery({ queryKey: p.queryKey, queryFn: p.load });
  const r = review.data;
  const scores = (Form.useWatch('scores', form) ?? {}) as Record<string, number>;
  useEffect(() => { if (r) form.setFieldsValue({ scores: r.scores ?? {}, comment: r.comment ?? '' }); }, [r, form]);
  const reload = () => client.invalidateQueries({ queryKey: p.reloadKey });
  const backToList = async () => { await reload(); navigate(p.backTo); };
  const save = async (submit: boolean) => {
    const v = submit ? await form.validateFields() : form.getFieldsValue();
    const body = { scores: Object.fromEntries(Object.entries(v.scores ?? {}).filter(([, x]) => x != null)) as Record<string, number>, comment: v.comment ?? '' };
    try {
      if (submit) await api.submit(r!.id, body); else await api.save!(r!.id, body);
      message.success(submit ? label.submitted : label.saved);
      await reload();
    } catch (error) { onError(error, form); }
  };
  const decline = async () => {
    try { await api.decline!(r!.id, reason.trim()); await backToList(); } catch (error) { onError(error); }
  };

  if (review.isLoading) return <PageLoading />;
  if (!r) return <AppPage><Alert type="error" showIcon message={(review.error as Error)?.message} /></AppPage>;
  const done = r.status === 'submitted';
  const criterionLabel = (c: Criterion) => (p.labels.plain
    ? `${c.name}（${Math.round(c.weight * 100)}%，≤ ${c.max}）` : `${c.name}（${label.weight} ${Math.round(c.weight * 100)}%，${label.max} ${c.max}）`);
  return (
    <AppPage title={p.title(r)} extra={<Link to={p.backTo}><Button icon={<ArrowLeftOutlined />}>{label.back}</Button></Link>}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>{p.item(r)}</Col>
        <Col xs={24} lg={12}>
          {api.declare && r.status === 'assigned'
            ? <Declaration id={r.id} api={api} label={label} testId={testId} onDone={(declined) => void (declined ? backToList() : reload())} />
            : (
              <Card size="small" title={label.criteria}
                extra={<Statistic value={done && r.total != null ? r.total : weightedTotal(r.criteria, scores)} precision={2} valueStyle={{ fontSize: 18 }}
                  prefix={p.labels.plain ? undefined : `${label.total} `} />}>
                <Form form={form} layout="vertical" disabled={done} name={p.formName}>
                  {r.criteria.map((c) => (
                    <Form.Item key={c.code} name={['scores', c.code]} label={criterionLabel(c)} rules={[{ required: true }, { type: 'number', min: 0, max: c.max }]}>
                      <InputNumber min={0} max={c.max} precision={1} style={{ width: 160 }} data-testid={`score-${c.code}`} />
                    </Form.Item>
                  ))}
                  <Form.Item name="comment" label={label.comment} rules={[{ required: true, whitespace: true }]}>
                    <Input.TextArea rows={4} maxLength={5000} data-testid={`${testId}-comment`} />
                  </Form.Item>
                </Form>
                {!done && (
                  <Space wrap>
                    {api.save && <Button onClick={() => save(false)}>{label.saveDraft}</Button>}
                    <Popconfirm title={label.submitConfirm} onConfirm={() => save(true)} okButtonProps={{ 'data-testid': `${testId}-submit-ok` } as never}>
                      <Button type="primary" data-testid={`${testId}-submit`}>{label.submit}</Button>
                    </Popconfirm>
                    {api.decline && (
                      <>
                        <Input style={{ width: 200, maxWidth: '100%' }} placeholder={label.conflictReason} value={reason} onChange={(e) => setReason(e.target.value)} />
                        <Button danger disabled={!reason.trim()} onClick={decline}>{label.conflict}</Button>
                      </>
                    )}
                  </Space>
                )}
              </Card>
            )}
        </Col>
      </Row>
    </AppPage>
  );
}
