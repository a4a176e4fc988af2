// One platform (/platforms/:id): its details and hosts, the key figures by year (a table with a
// year's column each, entered by a host or staff, and a chart of the main ones), its status history
// and its certification applications; staff put it on 整改, restore it or revoke it (with a reason).
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import PageLoading from '../../components/PageLoading';
import EChart from '../../components/charts/EChart';
import { wanToYuan, yuanToWan } from '../../../domain/money';
import { platformApi, type Metric, type PlatformDetail } from './api';
import {
  ApplicationStatusTag, LevelTag, PlatformStatusTag, chinaTime, useCertifying, metricText, todayInChina, useApiError, useFieldName, useLang, useMetricLabel, usePlatformNames, useWide,
} from './shared';

function FiguresModal({ p, year, onClose, onSaved }: { p: PlatformDetail; year: number | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const label = useMetricLabel();
  const onError = useApiError();
  const [form] = Form.useForm<Record<string, number | null>>();
  const row = p.figures.find((f) => f.year === year);
  const initial = Object.fromEntries(p.metrics.map((m) => {
    const v = row?.figures[m.code];
    return [m.code, v == null ? null : m.kind === 'money' ? yuanToWan(v) : v];
  }));
  const save = async () => {
    const v = await form.validateFields();
    const figures = Object.fromEntries(p.metrics.map((m) => [m.code, v[m.code] == null ? null : m.kind === 'money' ? wanToYuan(Number(v[m.code])) : Number(v[m.code])]));
    try {
      await platformApi.figures(p.id, year!, { figures, version: row?.version ?? null });
      onSaved();
    } catch (error) { onError(error, form); }
  };
  return (
    <Modal open={year !== null} title={t('platforms.detail.editFigures', { year })} onCancel={onClose} onOk={save} destroyOnHidden width={480}>
      <Form form={form} layout="horizontal" labelCol={{ span: 12 }} initialValues={initial} name="platform-figures" preserve={false}>
        {p.metrics.map((m) => (
          <Form.Item key={m.code} name={m.code} label={label(m)}>
            <InputNumber min={0} precision={m.kind === 'money' ? 2 : 0} style={{ width: '100%' }} data-testid={`figure-${m.code}`} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** The main figures over the years: R&D spending (or income) as bars, staff / firms / patents as lines. */
function FiguresChart({ metrics, figures }: { metrics: Metric[]; figures: PlatformDetail['figures'] }) {
  const lang = useLang();
  const years = [...figures].sort((a, b) => a.year - b.year);
  if (years.length < 1) return null;
  const money = metrics.find((m) => m.code === 'rd_spend') ?? metrics.find((m) => m.kind === 'money');
  // counts of a like size (people, firms, projects, patents) share the right axis; instruments and hours would flatten them
  const counts = metrics.filter((m) => ['rd_staff', 'incubated_firms', 'startup_teams', 'projects', 'patents'].includes(m.code)).slice(0, 3);
  const name = (m: Metric) => (lang === 'en' ? m.nameEn : m.nameZh);
  return (
    <EChart height={240} label="platform-figures-chart" option={{
      tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' }, grid: { left: 56, right: 40, top: 56, bottom: 24 },
      xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
      yAxis: [{ type: 'value', name: lang === 'en' ? '10k yuan' : '万元' }, { type: 'value' }],
      series: [
        ...(money ? [{ type: 'bar' as const, name: name(money), data: years.map((y) => (y.figures[money.code] == null ? null : yuanToWan(y.figures[money.code]))), barMaxWidth: 36 }] : []),
        ...counts.map((m) => ({ type: 'line' as const, yAxisIndex: 1, name: name(m), data: years.map((y) => y.figures[m.code] ?? null) })),
      ],
    } as never} />
  );
}

export default function PlatformDetailPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { id } = useParams();
  const { user } = useAuth();
  const wide = useWide();
  const names = usePlatformNames();
  const fieldName = useFieldName();
  const label = useMetricLabel();
  const onError = useApiError();
  const client = useQueryClient();
  const [editing, setEditing] = useState<number | null>(null);
  const [asking, setAsking] = useState<'rectify' | 'revoke' | null>(null);
  const [reason, setReason] = useState('');
  const detail = useQuery({ queryKey: ['platforms', 'platform', id], queryFn: () => platformApi.get(Number(id)) });
  const p = detail.data;
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const host = user?.role === 'enterprise' || user?.role === 'institution';
  const reload = () => client.invalidateQueries({ queryKey: ['platforms'] });
  const certifying = useCertifying(p?.level);

  if (detail.isLoading) return <PageLoading />;
  if (!p) return <AppPage><Alert type="error" showIcon message={(detail.error as Error)?.message} /></AppPage>;

  const thisYear = Number(todayInChina().slice(0, 4));
  const years = [...new Set([...p.figures.map((f) => f.year)])].sort((a, b) => b - a);
  const canFill = (staff || host) && p.status !== 'revoked';
  const changeStatus = async (action: 'rectify' | 'revoke' | 'restore', why?: string) => {
    try {
      await platformApi.status(p.id, action, why);
      message.success(t('platforms.detail.statusChanged'));
      setAsking(null); setReason('');
      await reload();
    } catch (error) { onError(error); }
  };
  const sendReason = () => {
    if (!reason.trim()) { message.error(t('platforms.common.reasonRequired')); return; }
    void changeStatus(asking!, reason.trim());
  };

  const statusActions = certifying && (
    <Space wrap>
      {p.status === 'certified' && <Button onClick={() => setAsking('rectify')} data-testid="platform-rectify">{t('platforms.detail.rectify')}</Button>}
      {p.status === 'rectifying' && (
        <Button onClick={() => modal.confirm({ title: t('platforms.detail.restoreConfirm', { name: p.name }), onOk: () => changeStatus('restore') })}>{t('platforms.detail.restore')}</Button>
      )}
      {p.status !== 'revoked' && <Button danger onClick={() => setAsking('revoke')} data-testid="platform-revoke">{t('platforms.detail.revoke')}</Button>}
    </Space>
  );

  return (
    <AppPage title={p.name} extra={<Space wrap>{wide && statusActions}<Link to="/platforms"><Button icon={<ArrowLeftOutlined />}>{t('platforms.menu.list')}</Button></Link></Space>}>
      {!wide && statusActions && <div style={{ marginBottom: 12 }}>{statusActions}</div>}
      {p.statusReason && p.status !== 'certified' && (
        <Alert type={p.status === 'revoked' ? 'error' : 'warning'} showIcon style={{ marginBottom: 12 }}
          message={`${names.statusName(p.status)}${p.revokedOn ? `（${p.revokedOn}）` : ''}：${p.statusReason}`} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('platforms.detail.info')}>
            <Descriptions size="small" column={1} bordered={wide} data-testid="platform-detail">
              <Descriptions.Item label={t('platforms.common.type')}>{names.typeName(p.type)}</Descriptions.Item>
              <Descriptions.Item label={t('platforms.common.level')}><Space size={6}><LevelTag level={p.level} /><PlatformStatusTag status={p.status} /></Space></Descriptions.Item>
              <Descriptions.Item label={t('platforms.common.host')}>{p.hosts.filter((h) => h.lead).map((h) => h.name).join('、')}</Descriptions.Item>
              {p.coHosts.length > 0 && <Descriptions.Item label={t('platforms.common.coHosts')}>{p.coHosts.join('、')}</Descriptions.Item>}
              <Descriptions.Item label={t('platforms.common.region')}>{p.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('platforms.common.field')}>{p.field ? fieldName(p.field) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('platforms.common.certifiedOn')}>{p.certifiedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('platforms.common.certificateNo')}>{p.certificateNo ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('platforms.common.validUntil')}>{p.validUntil ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('platforms.common.authority')}>{p.authority || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('platforms.common.source')}>{p.source === 'workflow' ? t('platforms.common.sourceWorkflow') : t('platforms.common.sourceEntered')}</Descriptions.Item>
              {p.intro ? <Descriptions.Item label={t('platforms.common.intro')}><span style={{ whiteSpace: 'pre-wrap' }}>{p.intro}</span></Descriptions.Item> : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('platforms.detail.figures')} extra={canFill && (
            <Select size="small" value={null} placeholder={<><EditOutlined /> {t('platforms.detail.fill')}</>} style={{ width: 150 }}
              options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: t('platforms.detail.editFigures', { year: y }) }))}
              onChange={(y) => setEditing(y)} data-testid="figures-edit" />
          )}>
            {years.length ? (
              <>
                <Table size="small" rowKey="code" pagination={false} dataSource={p.metrics} scroll={{ x: 'max-content' }} data-testid="figures-table"
                  columns={[
                    { title: t('platforms.detail.metric'), dataIndex: 'code', render: (_, m) => label(m) },
                    ...years.map((y) => ({ title: String(y), key: String(y), align: 'right' as const,
                      render: (_: unknown, m: Metric) => metricText(m, p.figures.find((f) => f.year === y)?.figures[m.code]) })),
                  ]} />
                <FiguresChart metrics={p.metrics} figures={p.figures} />
              </>
            ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('platforms.detail.noFigures')} />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('platforms.detail.timeline')}>
            <Timeline data-testid="platform-timeline" items={p.events.map((e) => ({
              color: e.action === 'revoke' ? 'red' : e.action === 'rectify' ? 'orange' : 'green',
              children: (
                <div>
                  <Space size={[8, 2]} wrap>
                    <Typography.Text strong>{t(`platforms.detail.actions.${e.action}`, { defaultValue: e.action })}</Typography.Text>
                    <PlatformStatusTag status={e.toStatus as PlatformDetail['status']} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.onDate}{e.actorName ? ` · ${e.actorName}` : ''}</Typography.Text>
                  </Space>
                  {e.comment && <div style={{ whiteSpace: 'pre-wrap', marginTop: 2 }}>{e.comment}</div>}
                </div>
              ),
            }))} />
          </Card>
        </Col>
        {p.applications.length > 0 && (
          <Col xs={24} xl={12}>
            <Card size="small" title={t('platforms.detail.applications')}>
              <Table size="small" rowKey="id" pagination={false} dataSource={p.applications}
                columns={[
                  { title: t('platforms.common.level'), dataIndex: 'level', render: (v) => <LevelTag level={v} /> },
                  { title: t('platforms.common.status'), dataIndex: 'status', render: (v, a) => <Link to={`/platforms/applications/${a.id}`}><ApplicationStatusTag status={v} /></Link> },
                  { title: t('platforms.application.submittedAt'), dataIndex: 'submittedAt', render: (v) => chinaTime(v) },
                  { title: t('platforms.common.certifiedOn'), dataIndex: 'certifiedOn', render: (v) => v ?? '—' },
                ]} />
            </Card>
          </Col>
        )}
      </Row>
      <FiguresModal p={p} year={editing} onClose={() => setEditing(null)}
        onSaved={() => { message.success(t('platforms.detail.figuresSaved', { year: editing })); setEditing(null); void reload(); }} />
      <Modal open={asking !== null} title={asking === 'revoke' ? t('platforms.detail.revokeTitle') : t('platforms.detail.rectifyTitle')} onCancel={() => setAsking(null)} onOk={sendReason}
        okButtonProps={{ danger: asking === 'revoke', 'data-testid': 'status-reason-ok' } as never} destroyOnHidden>
        <Typography.Paragraph type="secondary">{asking === 'revoke' ? t('platforms.detail.revokeHelp') : t('platforms.detail.rectifyHelp')}</Typography.Paragraph>
        <Input.TextArea rows={4} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} placeholder={t('platforms.common.reason')} data-testid="status-reason" />
      </Modal>
    </AppPage>
  );
}
