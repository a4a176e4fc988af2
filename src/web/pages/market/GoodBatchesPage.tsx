// 好成果发布: the region's monthly or quarterly lists of good achievements (drafts and published).
// A list is made from the concluded evaluations of published achievements, in the order chosen,
// each with a note; a draft is changed or deleted; publishing (once) puts it on the portal.
import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Col, Form, Input, Modal, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import { toListQuery } from '../../components/listQuery';
import { goodBatchApi, type GoodBatch, type GoodBatchInput } from './api';
import { chinaTime, useApiError, useFieldName, useWide } from './shared';

interface Chosen { evaluationId: number; title: string; orgName: string; levelName: string | null; score: number | null; note?: string }

function BatchForm({ batch, open, onClose, onSaved }: { batch?: GoodBatch; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const onError = useApiError();
  const fieldName = useFieldName();
  const wide = useWide();
  const [form] = Form.useForm<Omit<GoodBatchInput, 'items'>>();
  const [chosen, setChosen] = useState<Chosen[] | null>(null);
  const [busy, setBusy] = useState(false);
  const candidates = useQuery({ queryKey: ['market', 'good-candidates'], queryFn: goodBatchApi.candidates, enabled: open });
  useQuery({
    queryKey: ['market', 'good-batch', batch?.id], enabled: open && !!batch && chosen === null,
    queryFn: async () => {
      const full = await goodBatchApi.get(batch!.id);
      setChosen(full.items.map((i) => ({ evaluationId: i.evaluationId, title: i.title, orgName: i.orgName, levelName: i.levelName, score: i.score, note: i.note ?? undefined })));
      return full;
    },
  });
  const items = chosen ?? [];
  const move = (i: number, by: number) => setChosen((c) => { const next = [...(c ?? [])]; const [x] = next.splice(i, 1); next.splice(i + by, 0, x); return next; });
  const save = async () => {
    const v = await form.validateFields();
    const body: GoodBatchInput = { ...v, items: items.map((i) => ({ evaluationId: i.evaluationId, note: i.note })) };
    setBusy(true);
    try {
      if (batch) await goodBatchApi.update(batch.id, { ...body, version: batch.version }); else await goodBatchApi.create(body);
      setChosen(null);
      onSaved();
    } catch (error) { onError(error, form, ['title', 'period', 'periodOf', 'intro']); } finally { setBusy(false); }
  };
  const now = new Date();
  return (
    <Modal open={open} title={batch ? t('market.good.editTitle') : t('market.good.create')} onCancel={() => { setChosen(null); onClose(); }} onOk={save} confirmLoading={busy}
      width={900} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}
        initialValues={batch ?? { period: 'monthly', periodOf: `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}` }}>
        <Row gutter={16}>
          <Col xs={24} sm={12}><Form.Item name="title" label={t('market.good.title')} rules={[{ required: true, whitespace: true, max: 120 }]}><Input /></Form.Item></Col>
          <Col xs={12} sm={6}><Form.Item name="period" label={t('market.good.period')}>
            <Select options={(['monthly', 'quarterly'] as const).map((p) => ({ value: p, label: t(`market.good.periods.${p}`) }))} />
          </Form.Item></Col>
          <Col xs={12} sm={6}><Form.Item name="periodOf" label={t('market.good.periodOf')} tooltip={t('market.good.periodOfHelp')} rules={[{ required: true }]}><Input /></Form.Item></Col>
          <Col span={24}><Form.Item name="intro" label={t('market.good.intro')}><Input.TextArea rows={2} maxLength={5000} /></Form.Item></Col>
        </Row>
      </Form>
      <Typography.Title level={5}>{t('market.good.items')}</Typography.Title>
      <Table<Chosen> size="small" rowKey="evaluationId" pagination={false} dataSource={items} locale={{ emptyText: t('market.good.empty') }} scroll={{ x: 'max-content' }}
        columns={[
          { title: '#', key: 'n', width: 40, render: (_, __, i) => i + 1 },
          { title: t('market.achievement.title'), dataIndex: 'title', render: (v, x) => <>{v}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.orgName}</Typography.Text></div></> },
          { title: t('market.evaluation.level'), dataIndex: 'levelName', width: 100, render: (v) => (v ? <Tag color="gold">{v}</Tag> : '—') },
          { title: t('market.common.note'), dataIndex: 'note', width: wide ? 200 : 140, render: (v, _x, i) => (
            <Input size="small" value={v} maxLength={500} onChange={(e) => setChosen((c) => (c ?? []).map((y, j) => (j === i ? { ...y, note: e.target.value } : y)))} />
          ) },
          { title: '', key: 'x', width: 130, render: (_, _x, i) => (
            <Space size={0}>
              <Button type="link" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} />
              <Button type="link" size="small" icon={<ArrowDownOutlined />} disabled={i === items.length - 1} onClick={() => move(i, 1)} />
              <Button type="link" size="small" danger onClick={() => setChosen((c) => (c ?? []).filter((_, j) => j !== i))}>{t('market.good.remove')}</Button>
            </Space>
          ) },
        ]} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('market.good.candidates')}</Typography.Title>
      <Table size="small" rowKey="evaluationId" loading={candidates.isLoading} pagination={{ pageSize: 8, hideOnSinglePage: true }} scroll={{ x: 'max-content' }}
        dataSource={(candidates.data?.items ?? []).filter((c) => !items.some((i) => i.evaluationId === c.evaluationId))} locale={{ emptyText: t('market.good.noCandidates') }}
        columns={[
          { title: t('market.achievement.title'), dataIndex: 'title', render: (v, x) => <>{v}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.orgName} · {fieldName(x.field)}</Typography.Text></div></> },
          { title: t('market.evaluation.level'), dataIndex: 'levelName', width: 100, render: (v) => (v ? <Tag color="gold">{v}</Tag> : '—') },
          { title: t('market.evaluation.score'), dataIndex: 'score', width: 70, align: 'right' },
          { title: '', key: 'add', width: 70, render: (_, x) => (
            <Button type="link" size="small" onClick={() => setChosen((c) => [...(c ?? []), { evaluationId: x.evaluationId, title: x.title, orgName: x.orgName, levelName: x.levelName, score: x.score }])}>
              {t('market.good.add')}
            </Button>
          ) },
        ]} />
    </Modal>
  );
}

export default function GoodBatchesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiError();
  const actionRef = useRef<ActionType>(undefined);
  const [editing, setEditing] = useState<{ batch?: GoodBatch } | null>(null);
  const reload = () => actionRef.current?.reload();
  const run = async (call: () => Promise<unknown>, done: string) => { try { await call(); message.success(done); reload(); } catch (error) { onError(error); } };
  const columns: ProColumns<GoodBatch>[] = [
    { title: t('market.good.title'), dataIndex: 'title', sorter: true, hideInSearch: true, render: (_, b) => (
      <div style={{ minWidth: 160 }}>
        {b.status === 'draft' ? <a onClick={() => setEditing({ batch: b })}>{b.title}</a> : <Typography.Text strong>{b.title}</Typography.Text>}
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.regionName} · {t('market.good.itemCount', { count: b.itemCount })}</Typography.Text></div>
      </div>
    ) },
    { title: t('market.good.period'), dataIndex: 'period', valueType: 'select', width: 90,
      valueEnum: { monthly: { text: t('market.good.periods.monthly') }, quarterly: { text: t('market.good.periods.quarterly') } }, render: (_, b) => t(`market.good.periods.${b.period}`) },
    { title: t('market.good.periodOf'), dataIndex: 'periodOf', sorter: true, hideInSearch: true, width: 90 },
    { title: t('market.common.status'), dataIndex: 'status', valueType: 'select', width: 90,
      valueEnum: { draft: { text: t('market.good.status.draft') }, published: { text: t('market.good.status.published') } },
      render: (_, b) => <Tag color={b.status === 'published' ? 'success' : 'default'}>{t(`market.good.status.${b.status}`)}</Tag> },
    { title: t('market.common.publishedAt'), dataIndex: 'publishedAt', sorter: true, hideInSearch: true, width: 150, responsive: ['md'], render: (_, b) => chinaTime(b.publishedAt) },
    { title: t('market.common.actions'), key: 'actions', hideInSearch: true, width: 170, render: (_, b) => b.status === 'draft' && (
      <Space size={8} wrap>
        <Popconfirm title={t('market.good.publishConfirm', { title: b.title })} onConfirm={() => run(() => goodBatchApi.publish(b.id), t('market.good.published'))}>
          <a>{t('market.good.publish')}</a>
        </Popconfirm>
        <Popconfirm title={t('market.good.deleteConfirm')} onConfirm={() => run(() => goodBatchApi.remove(b.id), t('market.good.deleted'))}><a>{t('market.good.remove')}</a></Popconfirm>
      </Space>
    ) },
  ];
  return (
    <AppPage>
      <ProTable<GoodBatch>
        rowKey="id" actionRef={actionRef} columns={columns} search={{ labelWidth: 'auto' }} scroll={{ x: 'max-content' }}
        pagination={{ defaultPageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        request={async (params, sort) => {
          const page = await goodBatchApi.list(toListQuery(params, sort));
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => [<Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>{t('market.good.create')}</Button>]}
      />
      <BatchForm open={!!editing} batch={editing?.batch} onClose={() => setEditing(null)} onSaved={() => { message.success(t('market.common.saved')); setEditing(null); reload(); }} />
    </AppPage>
  );
}
