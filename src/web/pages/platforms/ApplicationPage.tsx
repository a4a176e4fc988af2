// One certification application (/platforms/applications/:id): its checklist with each answer
// judged, files, the panel (staff) or the opinions (the host, once decided), the timeline, and what
// its state allows: the host changes, submits or withdraws; staff recommend or return, pass or fail
// the formal check, assign or draw experts (回避 refused with the rule named), then certify (number,
// date, term) or refuse with reasons.
import { useState } from 'react';
import {
  Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, List, Modal, Row, Select, Space, Steps, Table, Tag, Timeline, Typography, Upload,
} from 'antd';
import { ArrowLeftOutlined, CheckCircleTwoTone, CloseCircleTwoTone, PaperClipOutlined, QuestionCircleTwoTone, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import PageLoading from '../../components/PageLoading';
import { checklistProblems, type ChecklistItem } from '../../../domain/platforms';
import { expertApi } from '../projects/api';
import { applicationApi, type ApplicationDetail } from './api';
import ApplicationForm from './ApplicationForm';
import { ApplicationStatusTag, LevelTag, chinaTime, useApiError, useCertifying, useFieldName, useLang, usePlatformNames, useWide } from './shared';

function ExpertPicker({ value, onChange }: { value?: number[]; onChange?: (v: number[]) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['platforms', 'expert-pick', q], queryFn: () => expertApi.list({ q: q || undefined, pageSize: 20, status: 'active' }), staleTime: 30_000 });
  return (
    <Select mode="multiple" showSearch filterOption={false} onSearch={setQ} value={value} onChange={onChange} loading={found.isFetching} placeholder={t('platforms.application.expertSearch')}
      style={{ width: '100%' }} options={(found.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} · ${x.orgName} · ${x.title}` }))} data-testid="expert-picker" />
  );
}

/** The checklist with each answer and whether it meets the condition. */
function Checklist({ items }: { items: ChecklistItem[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const problems = new Map(checklistProblems(items).map((p) => [p.code, p.problem]));
  return (
    <List size="small" dataSource={items} data-testid="checklist-view" renderItem={(c) => {
      const problem = problems.get(c.code);
      const unit = lang === 'en' ? c.unitEn : c.unitZh;
      const answer = c.value == null ? t('platforms.application.missing') : c.answer === 'yes_no' ? (c.value ? t('platforms.common.yes') : t('platforms.common.no'))
        : `${Number(c.value).toLocaleString('zh-CN')} ${unit}`;
      return (
        <List.Item>
          <Space align="start">
            {problem ? <CloseCircleTwoTone twoToneColor="#ff4d4f" /> : c.value == null ? <QuestionCircleTwoTone twoToneColor="#bfbfbf" /> : <CheckCircleTwoTone twoToneColor="#52c41a" />}
            <div>
              <div>{lang === 'en' ? c.textEn : c.textZh} {c.required && <Tag color="red" style={{ marginInlineStart: 4 }}>{t('platforms.application.required')}</Tag>}</div>
              <Typography.Text type={problem ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                {answer}{c.min != null ? ` · ${t('platforms.application.min', { min: c.min.toLocaleString('zh-CN'), unit })}` : ''}
              </Typography.Text>
            </div>
          </Space>
        </List.Item>
      );
    }} />
  );
}

/** The step in hand for each state: submit, recommend, formal check, expert review, decision. */
const STEP: Record<string, number> = { draft: 0, returned: 0, withdrawn: 0, submitted: 1, recommended: 2, formal_passed: 3, under_review: 3, reviewed: 4, certified: 4, refused: 4 };


export default function ApplicationPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { id } = useParams();
  const { user } = useAuth();
  const wide = useWide();
  const names = usePlatformNames();
  const fieldName = useFieldName();
  const onError = useApiError();
  const client = useQueryClient();
  const [asking, setAsking] = useState<'return' | 'formal-fail' | 'refuse' | null>(null);
  const [comment, setComment] = useState('');
  const [assigning, setAssigning] = useState(false);
  const [experts, setExperts] = useState<number[]>([]);
  const [certifyOpen, setCertifying] = useState(false);
  const [editing, setEditing] = useState(false);
  const [certForm] = Form.useForm<{ certificateNo: string; certifiedOn?: { format: (f: string) => string }; validUntil?: { format: (f: string) => string }; comment?: string }>();
  const detail = useQuery({ queryKey: ['platforms', 'application', id], queryFn: () => applicationApi.get(Number(id)) });
  const files = useQuery({ queryKey: ['platforms', 'application', id, 'files'], queryFn: () => applicationApi.attachments(Number(id)), enabled: !!detail.data });
  const a = detail.data;
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const host = user?.role === 'enterprise' || user?.role === 'institution';
  const reload = () => client.invalidateQueries({ queryKey: ['platforms'] });
  // the formal check, the panel and the decision belong to the certifying level (the server decides for real)
  const certifying = useCertifying(a?.level);

  const run = async (work: () => Promise<unknown>, done: string) => {
    try { await work(); message.success(done); await reload(); return true; } catch (error) { onError(error); return false; }
  };

  if (detail.isLoading) return <PageLoading />;
  if (!a) return <AppPage><Alert type="error" showIcon message={(detail.error as Error)?.message} /></AppPage>;

  const moved = (s: string) => t('platforms.application.moved', { status: names.applicationStatusName(s) });
  const sendComment = async () => {
    if (!comment.trim()) { message.error(t('platforms.application.commentRequired')); return; }
    if (await run(() => applicationApi.act(a.id, asking!, comment.trim()), moved(asking === 'return' ? 'returned' : 'refused'))) { setAsking(null); setComment(''); }
  };
  const certify = async () => {
    const v = await certForm.validateFields();
    const ok = await run(() => applicationApi.certify(a.id, { certificateNo: v.certificateNo, certifiedOn: v.certifiedOn?.format('YYYY-MM-DD') ?? null,
      validUntil: v.validUntil?.format('YYYY-MM-DD') ?? null, comment: v.comment ?? null }), t('platforms.application.certified'));
    if (ok) setCertifying(false);
  };

  const actions = (
    <Space wrap>
      {host && (a.status === 'draft' || a.status === 'returned') && (
        <>
          <Button onClick={() => setEditing(true)}>{t('platforms.application.edit')}</Button>
          <Button type="primary" onClick={() => run(() => applicationApi.submit(a.id, a.version), t('platforms.application.submitted'))} data-testid="application-submit-now">
            {t('platforms.application.submit')}
          </Button>
        </>
      )}
      {host && ['draft', 'submitted', 'returned', 'recommended'].includes(a.status) && (
        <Button danger onClick={() => modal.confirm({ title: t('platforms.application.withdrawConfirm', { name: a.name }), onOk: () => run(() => applicationApi.withdraw(a.id), t('platforms.application.withdrawn')) })}>
          {t('platforms.application.withdraw')}
        </Button>
      )}
      {staff && a.status === 'submitted' && (
        <Button type="primary" data-testid="application-recommend"
          onClick={() => modal.confirm({ title: t('platforms.application.recommendConfirm', { name: a.name }), onOk: () => run(() => applicationApi.act(a.id, 'recommend'), moved('recommended')) })}>
          {t('platforms.application.recommend')}
        </Button>
      )}
      {certifying && a.status === 'recommended' && (
        <>
          <Button type="primary" onClick={() => run(() => applicationApi.act(a.id, 'formal-pass'), moved('formal_passed'))} data-testid="application-formal-pass">{t('platforms.application.formalPass')}</Button>
          <Button danger onClick={() => setAsking('formal-fail')}>{t('platforms.application.formalFail')}</Button>
        </>
      )}
      {staff && (a.status === 'submitted' || (certifying && a.status === 'recommended')) && <Button onClick={() => setAsking('return')}>{t('platforms.application.return')}</Button>}
      {certifying && ['formal_passed', 'under_review', 'reviewed'].includes(a.status) && (
        <>
          <Button onClick={() => setAssigning(true)} data-testid="application-assign">{t('platforms.application.assign')}</Button>
          <Button onClick={() => run(async () => { const r = await applicationApi.draw(a.id); message.info(t('platforms.application.drew', { n: r.assigned })); }, t('platforms.application.done'))}>
            {t('platforms.application.draw')}
          </Button>
        </>
      )}
      {certifying && a.status === 'reviewed' && <Button type="primary" onClick={() => setCertifying(true)} data-testid="application-certify">{t('platforms.application.certify')}</Button>}
      {certifying && ['formal_passed', 'under_review', 'reviewed'].includes(a.status) && <Button danger onClick={() => setAsking('refuse')}>{t('platforms.application.refuse')}</Button>}
      {a.status === 'certified' && a.platformId && <Link to={`/platforms/${a.platformId}`}><Button data-testid="application-platform">{t('platforms.application.viewPlatform')}</Button></Link>}
    </Space>
  );

  return (
    <AppPage title={a.name} extra={<Link to="/platforms/applications"><Button icon={<ArrowLeftOutlined />}>{t('platforms.menu.applications')}</Button></Link>}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps size="small" current={STEP[a.status] ?? 0} status={a.status === 'refused' || a.status === 'withdrawn' ? 'error' : a.status === 'certified' ? 'finish' : 'process'}
          direction={wide ? 'horizontal' : 'vertical'}
          items={(['submit', 'recommend', 'check', 'review', 'decide'] as const).map((k) => ({ title: t(`platforms.application.steps.${k}`) }))} />
        <div style={{ marginTop: 12 }}>{actions}</div>
      </Card>
      {a.status === 'returned' && a.decisionReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('platforms.application.returnedBecause', { reason: a.decisionReason })} />}
      {a.status === 'refused' && a.decisionReason && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('platforms.application.refusedBecause', { reason: a.decisionReason })} />}
      {a.status === 'certified' && <Alert type="success" showIcon style={{ marginBottom: 12 }} message={t('platforms.application.certifiedAs', { no: a.certificateNo, until: a.validUntil ?? '—' })} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('platforms.detail.info')}>
            <Descriptions size="small" column={1} bordered={wide} data-testid="application-detail">
              <Descriptions.Item label={t('platforms.common.status')}><ApplicationStatusTag status={a.status} /></Descriptions.Item>
              <Descriptions.Item label={t('platforms.application.org')}>{a.orgName}（{a.regionName}）</Descriptions.Item>
              {a.coHosts.length > 0 && <Descriptions.Item label={t('platforms.common.coHosts')}>{a.coHosts.map((o) => o.name).join('、')}</Descriptions.Item>}
              <Descriptions.Item label={t('platforms.common.type')}>{names.typeName(a.type)}</Descriptions.Item>
              <Descriptions.Item label={t('platforms.common.level')}><LevelTag level={a.level} /></Descriptions.Item>
              <Descriptions.Item label={t('platforms.common.field')}>{a.field ? fieldName(a.field) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('platforms.application.submittedAt')}>{chinaTime(a.submittedAt)}</Descriptions.Item>
              {a.intro ? <Descriptions.Item label={t('platforms.common.intro')}><span style={{ whiteSpace: 'pre-wrap' }}>{a.intro}</span></Descriptions.Item> : null}
            </Descriptions>
          </Card>
          <Card size="small" title={t('platforms.application.files')} style={{ marginTop: 16 }}>
            <List size="small" loading={files.isLoading} dataSource={files.data?.items ?? []} locale={{ emptyText: t('platforms.application.noFiles') }}
              renderItem={(f) => (
                <List.Item><a onClick={() => applicationApi.attachment(a.id, f.id, f.fileName).catch(onError)}><PaperClipOutlined /> {f.fileName}</a>
                  <Typography.Text type="secondary">{Math.ceil(f.size / 1024)} KB</Typography.Text></List.Item>
              )} />
            {host && (a.status === 'draft' || a.status === 'returned') && (
              <Upload accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx" showUploadList={false} beforeUpload={(file) => {
                applicationApi.attach(a.id, file).then(() => { message.success(t('platforms.application.fileAdded')); return files.refetch(); }).catch(onError);
                return false;
              }}>
                <Button icon={<UploadOutlined />} style={{ marginTop: 8 }}>{t('platforms.application.addFile')}</Button>
              </Upload>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('platforms.application.checklist')}><Checklist items={a.checklist} /></Card>
        </Col>
        {(staff && a.assignments.length > 0) || a.opinions.length > 0 ? (
          <Col xs={24} xl={12}>
            <Card size="small" title={t('platforms.application.panel')} extra={a.panelScore != null && <Typography.Text strong>{t('platforms.application.panelScore')} {a.panelScore}</Typography.Text>}>
              {staff ? (
                <Table size="small" rowKey="id" pagination={false} dataSource={a.assignments} scroll={{ x: 'max-content' }} data-testid="application-panel"
                  columns={[
                    { title: t('platforms.application.panel'), dataIndex: 'expertName', render: (v, x) => <>{v}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.expertOrg} {x.expertTitle} · {t(`platforms.application.methods.${x.method}`)}</Typography.Text></div></> },
                    { title: t('platforms.common.status'), dataIndex: 'status', render: (v, x) => <>{t(`platforms.application.assignmentStatus.${v}`)}{x.conflictReason ? <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.conflictReason}</Typography.Text></div> : null}</> },
                    { title: t('platforms.application.score'), dataIndex: 'total', align: 'right', render: (v) => v ?? '—' },
                    { title: t('platforms.application.comment'), dataIndex: 'comment', responsive: ['md'], render: (v) => v || '—' },
                  ]} />
              ) : <List size="small" dataSource={a.opinions} renderItem={(o) => <List.Item>{o}</List.Item>} />}
            </Card>
          </Col>
        ) : null}
        <Col xs={24} xl={12}>
          <Card size="small" title={t('platforms.application.timeline')}>
            <Timeline data-testid="application-timeline" items={a.events.map((e) => ({
              color: ['return', 'formal_fail', 'refuse', 'withdraw'].includes(e.action) ? 'red' : e.action === 'certify' ? 'green' : 'blue',
              children: (
                <div>
                  <Space size={[8, 2]} wrap>
                    <Typography.Text strong>{t(`platforms.application.actions.${e.action}`, { defaultValue: e.action })}</Typography.Text>
                    <ApplicationStatusTag status={e.toStatus as ApplicationDetail['status']} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{chinaTime(e.at)}{e.actorName ? ` · ${e.actorName}` : ''}</Typography.Text>
                  </Space>
                  {e.comment && <div style={{ whiteSpace: 'pre-wrap', marginTop: 2 }}>{e.comment}</div>}
                </div>
              ),
            }))} />
          </Card>
        </Col>
      </Row>

      <Modal open={asking !== null} title={asking === 'return' ? t('platforms.application.return') : asking === 'refuse' ? t('platforms.application.refuse') : t('platforms.application.formalFail')}
        onCancel={() => setAsking(null)} onOk={sendComment} okButtonProps={{ danger: asking !== 'return' }} destroyOnHidden>
        <Input.TextArea rows={4} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} placeholder={t('platforms.application.comment')} data-testid="application-comment" />
      </Modal>
      <Modal open={assigning} title={t('platforms.application.assign')} onCancel={() => setAssigning(false)} destroyOnHidden okButtonProps={{ disabled: !experts.length, 'data-testid': 'assign-ok' } as never}
        onOk={async () => { if (await run(() => applicationApi.assign(a.id, experts), t('platforms.application.assigned', { n: experts.length }))) { setAssigning(false); setExperts([]); } }}>
        <ExpertPicker value={experts} onChange={setExperts} />
      </Modal>
      <Modal open={certifyOpen} title={t('platforms.application.certifyTitle')} onCancel={() => setCertifying(false)} onOk={certify} destroyOnHidden okButtonProps={{ 'data-testid': 'certify-ok' } as never}>
        <Typography.Paragraph type="secondary">{t('platforms.application.certifyHelp')}</Typography.Paragraph>
        <Form form={certForm} layout="vertical" name="platform-certify" preserve={false}>
          <Form.Item name="certificateNo" label={t('platforms.common.certificateNo')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input placeholder={a.level === 'city' ? '庆科发〔2026〕1号' : '甘科基〔2026〕1号'} data-testid="certificate-no" />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="certifiedOn" label={t('platforms.common.certifiedOn')} style={{ flex: 1 }}><DatePicker style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="validUntil" label={t('platforms.common.validUntil')} style={{ flex: 1 }}><DatePicker style={{ width: '100%' }} /></Form.Item>
          </Space.Compact>
          <Form.Item name="comment" label={t('platforms.application.comment')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        </Form>
      </Modal>
      {host && <ApplicationForm open={editing} application={a} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); void reload(); }} />}
    </AppPage>
  );
}
