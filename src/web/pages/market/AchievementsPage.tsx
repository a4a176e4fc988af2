// 成果库: published achievements for everyone; an organisation's own (我的成果) with drafts; the
// region's submitted ones for staff to publish or return. Filters, sort, paging; Excel import
// (preview first). An achievement in a drawer (?achievement=<id>) with what its state allows:
// change and submit (owner), publish / return (staff), end (transferred / withdrawn), ask for an
// evaluation, and its recommended demands (精准匹配).
import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Typography, Upload } from 'antd';
import { AimOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import { ImportPreviewModal } from '../../components/ImportPreview';
import { toListQuery } from '../../components/listQuery';
import { useLinkedId } from '../../components/useLinkedId';
import AchievementForm from './AchievementForm';
import ReturnModal from './ReturnModal';
import { EVALUATION_CLASSES, LISTING_STATUSES, achievementApi, evaluationApi, type Achievement, type EvaluationClass } from './api';
import { chinaTime, EvaluationStatusTag, ListingStatusTag, useApiError, useFieldEnum, useFieldName, useLang, useListTableChrome, useMaturity, useRange, useRegionFilterColumn, useWide } from './shared';

function EvaluationRequest({ achievement, open, onClose, onDone }: { achievement: Achievement; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const onError = useApiError();
  const [form] = Form.useForm<{ class: EvaluationClass; note?: string; expertsRequired?: number }>();
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const send = async () => {
    const v = await form.validateFields();
    try {
      await evaluationApi.request(achievement.id, v);
      message.success(t('market.evaluation.requested'));
      onDone();
    } catch (error) { onError(error, form, ['class', 'note']); }
  };
  return (
    <Modal open={open} title={t('market.evaluation.requestTitle')} onCancel={onClose} onOk={send} destroyOnHidden>
      <Typography.Paragraph strong>{achievement.title}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ class: 'technology_development' }}>
        <Form.Item name="class" label={t('market.evaluation.class')} rules={[{ required: true }]}>
          <Select options={EVALUATION_CLASSES.map((c) => ({ value: c, label: t(`market.evaluation.classes.${c}`) }))} />
        </Form.Item>
        {staff && <Form.Item name="expertsRequired" label={t('market.evaluation.expertsRequired')}><InputNumber min={1} max={15} /></Form.Item>}
        <Form.Item name="note" label={t('market.evaluation.note')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}

function AchievementDrawer({ id, onClose, onChanged, onEdit }: { id: number | null; onClose: () => void; onChanged: () => void; onEdit: (a: Achievement) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const fieldName = useFieldName();
  const maturity = useMaturity();
  const range = useRange();
  const onError = useApiError();
  const wide = useWide();
  const client = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [evaluating, setEvaluating] = useState(false);
  const lang = useLang();
  const [endAs, setEndAs] = useState<'transferred' | 'withdrawn'>('transferred');
  const detail = useQuery({ queryKey: ['market', 'achievement', id], queryFn: () => achievementApi.get(id!), enabled: id !== null });
  const a = detail.data;
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const mine = !!a && user?.orgId != null && String(a.orgId) === String(user.orgId);
  const evaluations = useQuery({ queryKey: ['market', 'evaluations', 'of', id], queryFn: () => evaluationApi.list({ achievementId: id!, pageSize: 20 }),
    enabled: id !== null && (staff || mine) });
  const refresh = async () => { await client.invalidateQueries({ queryKey: ['market'] }); onChanged(); };
  const step = async (run: () => Promise<unknown>, done: string) => {
    try { await run(); message.success(done); await refresh(); } catch (error) { onError(error); }
  };

  const actions = a && (
    <Space wrap>
      {mine && a.status === 'draft' && <Button onClick={() => onEdit(a)}>{t('market.common.edit')}</Button>}
      {mine && a.status === 'draft' && (
        <Popconfirm title={t('market.common.submitConfirm', { title: a.title })} onConfirm={() => step(() => achievementApi.submit(a.id), t('market.common.submitted'))}>
          <Button type="primary" data-testid="achievement-submit">{t('market.common.submit')}</Button>
        </Popconfirm>
      )}
      {staff && a.status === 'submitted' && (
        <>
          <Button type="primary" onClick={() => step(() => achievementApi.publish(a.id), t('market.common.published'))} data-testid="achievement-publish">{t('market.common.publish')}</Button>
          <Button onClick={() => setReturning(true)}>{t('market.common.returnAction')}</Button>
          <Button onClick={() => onEdit(a)}>{t('market.common.edit')}</Button>
        </>
      )}
      {(mine || staff) && a.status === 'published' && (
        <>
          <Button onClick={() => setEvaluating(true)}>{t('market.achievement.requestEvaluation')}</Button>
          <Link to={`/market/matching?achievement=${a.id}`}><Button icon={<AimOutlined />}>{t('market.achievement.matches')}</Button></Link>
          <Popconfirm title={<Space direction="vertical"><span>{t('market.achievement.endTitle')}</span>
            <Select size="small" value={endAs} onChange={setEndAs} style={{ width: 160 }}
              options={(['transferred', 'withdrawn'] as const).map((s) => ({ value: s, label: t(`market.status.${s}`) }))} /></Space>}
            onConfirm={() => step(() => achievementApi.end(a.id, endAs), t('market.common.saved'))}>
            <Button>{t('market.common.end')}</Button>
          </Popconfirm>
        </>
      )}
    </Space>
  );

  return (
    <Drawer open={id !== null} onClose={onClose} width={820} destroyOnHidden title={a?.title} extra={wide && actions}>
      {detail.isError && <Alert type="error" showIcon message={(detail.error as Error).message} />}
      {a && (
        <>
          {!wide && <div style={{ marginBottom: 12 }}>{actions}</div>}
          <Descriptions size="small" bordered={wide} column={{ xs: 1, sm: 1, md: 2 }}>
            <Descriptions.Item label={t('market.common.status')}><ListingStatusTag status={a.status} /></Descriptions.Item>
            <Descriptions.Item label={t('market.achievement.owner')}>{a.orgName}（{a.regionName}）</Descriptions.Item>
            <Descriptions.Item label={t('market.achievement.type')}>{t(`market.achievement.types.${a.type}`)}</Descriptions.Item>
            <Descriptions.Item label={t('market.common.field')}>{fieldName(a.field)}</Descriptions.Item>
            <Descriptions.Item label={t('market.maturity.label')}>{maturity(a.maturity)}</Descriptions.Item>
            <Descriptions.Item label={t('market.achievement.price')}>{range(a.priceMin, a.priceMax)}</Descriptions.Item>
            <Descriptions.Item label={t('market.achievement.transferModes')} span={wide ? 2 : 1}>{a.transferModes.map((m) => t(`market.mode.${m}`)).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('market.achievement.ip')}>{a.ip || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('market.achievement.inventors')}>{a.inventors || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('market.achievement.contact')}>{a.contact || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('market.common.publishedAt')}>{chinaTime(a.publishedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('market.achievement.summary')} span={wide ? 2 : 1}><span style={{ whiteSpace: 'pre-wrap' }}>{a.summary || '—'}</span></Descriptions.Item>
            {a.text && <Descriptions.Item label={t('market.achievement.text')} span={wide ? 2 : 1}><span style={{ whiteSpace: 'pre-wrap' }}>{a.text}</span></Descriptions.Item>}
          </Descriptions>
          {(evaluations.data?.items.length ?? 0) > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>{t('market.achievement.evaluations')}</Typography.Title>
              <Table size="small" rowKey="id" pagination={false} dataSource={evaluations.data!.items} scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('market.evaluation.class'), dataIndex: 'class', render: (c: string, e) => <Link to={`/market/evaluations?evaluation=${e.id}`}>{t(`market.evaluation.classes.${c}`)}</Link> },
                  { title: t('market.common.status'), dataIndex: 'status', render: (s) => <EvaluationStatusTag status={s} /> },
                  { title: t('market.evaluation.level'), dataIndex: 'levelName', render: (v, e) => (lang === 'en' && e.levelNameEn ? e.levelNameEn : v) ?? '—' },
                  { title: t('market.evaluation.score'), dataIndex: 'score', align: 'right', render: (v) => v ?? '—' },
                ]} />
            </>
          )}
          <ReturnModal open={returning} onClose={() => setReturning(false)}
            onOk={(reason) => { setReturning(false); void step(() => achievementApi.return(a.id, reason), t('market.common.returned')); }} />
          <EvaluationRequest achievement={a} open={evaluating} onClose={() => setEvaluating(false)} onDone={() => { setEvaluating(false); void refresh(); }} />
        </>
      )}
    </Drawer>
  );
}

export default function AchievementsPage() {
  const { t } = useTranslation();
  const chrome = useListTableChrome();
  const { message } = App.useApp();
  const { user } = useAuth();
  const fieldEnum = useFieldEnum();
  const fieldName = useFieldName();
  const maturity = useMaturity();
  const actionRef = useRef<ActionType>(undefined);
  const [openId, setOpenId] = useLinkedId('achievement');
  const org = user?.role === 'enterprise' || user?.role === 'institution';
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const regionFilter = useRegionFilterColumn<Achievement>(staff);
  const [tab, setTab] = useState<'mine' | 'all'>(org ? 'mine' : 'all');
  const [editing, setEditing] = useState<{ item?: Achievement } | null>(null);
  const [importing, setImporting] = useState<File | null>(null);
  const client = useQueryClient();
  const reload = () => { actionRef.current?.reload(); void client.invalidateQueries({ queryKey: ['market', 'achievement'] }); };
  const canAdd = org || staff;

  const columns: ProColumns<Achievement>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: t('market.common.keyword') } },
    { title: t('market.achievement.title'), dataIndex: 'title', sorter: true, hideInSearch: true, render: (_, a) => (
      <div style={{ minWidth: 180 }}>
        <a onClick={() => setOpenId(a.id)} data-testid={`achievement-${a.id}`}>{a.title}</a>
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.orgName} · {a.regionName}</Typography.Text></div>
      </div>
    ) },
    { title: t('market.achievement.type'), dataIndex: 'type', hideInSearch: true, width: 100, responsive: ['md'], render: (_, a) => t(`market.achievement.types.${a.type}`) },
    { title: t('market.common.field'), dataIndex: 'field', valueType: 'select', valueEnum: fieldEnum, width: 140, render: (_, a) => fieldName(a.field) },
    { title: t('market.maturity.label'), dataIndex: 'maturity', hideInSearch: true, width: 110, responsive: ['lg'], render: (_, a) => maturity(a.maturity) },
    { title: t('market.common.status'), dataIndex: 'status', valueType: 'select', width: 90, hideInSearch: !staff && tab === 'all',
      valueEnum: Object.fromEntries(LISTING_STATUSES.filter((s) => s !== 'closed').map((s) => [s, { text: t(`market.status.${s}`) }])),
      render: (_, a) => <ListingStatusTag status={a.status} /> },
    { title: t('market.common.updatedAt'), dataIndex: 'updatedAt', sorter: true, hideInSearch: true, width: 150, responsive: ['lg'], render: (_, a) => chinaTime(a.updatedAt) },
    ...regionFilter,
  ];

  return (
    <AppPage>
      <ProTable<Achievement>
        rowKey="id" actionRef={actionRef} columns={columns} params={{ tab }}
        headerTitle={org ? (
          <Select value={tab} onChange={setTab} style={{ width: 130 }} data-testid="achievement-tab"
            options={[{ value: 'mine', label: t('market.achievement.mineTab') }, { value: 'all', label: t('market.achievement.allTab') }]} />
        ) : undefined}
        {...chrome}
        request={async ({ tab: which, ...params }, sort) => {
          const query = toListQuery(params, sort);
          if (which === 'mine' && org) query.mine = 'true';
          else if (!staff && !query.status) query.status = 'published';
          const page = await achievementApi.list(query);
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => (canAdd ? [
          <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>{t('market.achievement.create')}</Button>,
          <Upload key="import" accept=".xlsx" showUploadList={false} beforeUpload={(file) => { setImporting(file); return false; }}>
            <Button icon={<UploadOutlined />}>{t('market.achievement.import')}</Button>
          </Upload>,
          <Button key="template" type="link" icon={<DownloadOutlined />} onClick={() => achievementApi.template()}>{t('market.achievement.template')}</Button>,
        ] : [])}
      />
      <AchievementDrawer id={openId} onClose={() => setOpenId(null)} onChanged={reload} onEdit={(a) => setEditing({ item: a })} />
      <AchievementForm open={!!editing} item={editing?.item} onClose={() => setEditing(null)}
        onSaved={(id) => { message.success(t('market.common.saved')); setEditing(null); reload(); setOpenId(id); }} />
      <ImportPreviewModal file={importing} send={achievementApi.import} title={t('market.achievement.import')} onClose={() => setImporting(null)}
        onDone={() => { message.success(t('market.achievement.imported')); setImporting(null); reload(); }} />
    </AppPage>
  );
}
