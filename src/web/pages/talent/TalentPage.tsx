// 人才库: the talent records a user may read (staff their region's by the host's region, a host its
// own, an expert their own), filtered by category, kind, region, host, status and year, sorted,
// paged, to and from Excel. A record opens in a drawer (?talent=<id>) with its service rows (the
// host and staff keep them; days done are their sum) and subsidy payments (staff).
import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, InputNumber, List, Modal, Popconfirm, Progress, Space, Typography, Upload } from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ListQuery } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import ExportButton from '../../components/ExportButton';
import { ImportPreviewModal } from '../../components/ImportPreview';
import { toListQuery } from '../../components/listQuery';
import { useLinkedId } from '../../components/useLinkedId';
import { fulfilmentPercent } from '../../../domain/talent';
import { talentApi, type ServiceRow, type Talent } from './api';
import TalentForm from './TalentForm';
import { CategoryTag, StatusTag, useApiError, useListTableChrome, useMoney, useRegionFilterColumn, useWide, useWords, yearOptions } from './shared';

/** Days done of days due this year, as a bar. */
function Fulfilment({ x }: { x: Pick<Talent, 'done' | 'promised'> }) {
  const percent = fulfilmentPercent(x.done, x.promised);
  return (
    <div style={{ minWidth: 110 }}>
      <Typography.Text style={{ fontSize: 12 }} data-testid="days-done">{x.done} / {x.promised}</Typography.Text>
      {percent !== null && <Progress percent={Math.min(percent, 100)} size="small" showInfo={false} status={percent >= 50 ? 'success' : 'normal'} style={{ margin: 0 }} />}
    </div>
  );
}

type Editing = { kind: 'service'; row?: ServiceRow } | { kind: 'payment' };

function TalentDrawer({ id, year, onClose, onChanged, onEdit }: { id: number | null; year: number; onClose: () => void; onChanged: () => void; onEdit: (x: Talent) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const money = useMoney();
  const words = useWords();
  const wide = useWide();
  const onError = useApiError();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm();
  const detail = useQuery({ queryKey: ['talent', 'record', id, year], queryFn: () => talentApi.get(id!, year), enabled: id !== null });
  const x = detail.data;
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const host = (user?.role === 'enterprise' || user?.role === 'institution') && String(x?.hostOrgId) === String(user?.orgId);
  const refresh = async () => { await client.invalidateQueries({ queryKey: ['talent', 'record', id] }); onChanged(); };

  const open = (e: Editing) => {
    form.resetFields();
    if (e.kind === 'service' && e.row) form.setFieldsValue(e.row);
    setEditing(e);
  };
  const save = async () => {
    const v = await form.validateFields();
    try {
      if (editing?.kind === 'payment') await talentApi.addPayment(x!.id, { date: v.date, amount: v.amount, note: v.note });
      else if (editing?.row) await talentApi.updateService(x!.id, editing.row.id, { date: v.date, days: v.days, content: v.content, version: editing.row.version });
      else await talentApi.addService(x!.id, { date: v.date, days: v.days, content: v.content });
      message.success(t('talent.common.saved'));
      setEditing(null);
      await refresh();
    } catch (error) { onError(error, form, ['date', 'days', 'content', 'amount']); }
  };
  const remove = async (run: () => Promise<unknown>) => {
    try { await run(); await refresh(); } catch (error) { onError(error); }
  };

  return (
    <Drawer open={id !== null} onClose={onClose} width={wide ? 760 : '100%'} destroyOnHidden title={x ? `${x.name} · ${x.hostName}` : t('talent.list.detail')}
      extra={x && staff && <Button onClick={() => onEdit(x)}>{t('talent.common.edit')}</Button>}>
      {detail.isError && <Alert type="error" showIcon message={(detail.error as Error).message} />}
      {x && (
        <div data-testid="talent-detail">
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}>
            <Descriptions.Item label={t('talent.common.category')}>
              <Space size={4} wrap>{words.category(x.category)}{x.flexibleKind && <CategoryTag category={x.category} kind={x.flexibleKind} />}</Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('talent.common.status')}><StatusTag status={x.status} /></Descriptions.Item>
            <Descriptions.Item label={t('talent.common.org')}>{x.personOrg} · {x.title}</Descriptions.Item>
            <Descriptions.Item label={t('talent.common.phone')}>{x.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('talent.common.host')}>{x.hostName}（{x.regionName}）</Descriptions.Item>
            <Descriptions.Item label={t('talent.common.agreementNo')}>{x.agreementNo || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('talent.common.period')}>{x.from} ~ {x.to}</Descriptions.Item>
            <Descriptions.Item label={t('talent.common.daysPerYear')}>{x.daysPerYear}</Descriptions.Item>
            <Descriptions.Item label={`${t('talent.common.done')} (${x.year})`}><Fulfilment x={x} /></Descriptions.Item>
            <Descriptions.Item label={t('talent.common.paid')}>{money(x.paid)}</Descriptions.Item>
            <Descriptions.Item label={t('talent.common.outcomes')} span={wide ? 2 : 1}>
              {x.outcomes.length ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{x.outcomes.map((o) => <li key={o}>{o}</li>)}</ul> : t('talent.common.none')}
            </Descriptions.Item>
          </Descriptions>

          <Space style={{ marginTop: 16, width: '100%', justifyContent: 'space-between' }} wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>{t('talent.list.services')}（{x.services.length}）</Typography.Title>
            {(staff || host) && <Button size="small" icon={<PlusOutlined />} onClick={() => open({ kind: 'service' })} data-testid="service-add">{t('talent.list.addService')}</Button>}
          </Space>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0' }}>{t('talent.list.servicesHelp')}</Typography.Paragraph>
          <List size="small" dataSource={x.services} locale={{ emptyText: t('talent.common.none') }} pagination={x.services.length > 8 ? { pageSize: 8, size: 'small' } : false}
            renderItem={(s) => (
              <List.Item actions={(staff || host) ? [
                <a key="edit" onClick={() => open({ kind: 'service', row: s })}>{t('talent.common.edit')}</a>,
                <Popconfirm key="remove" title={t('talent.common.removeConfirm')} onConfirm={() => remove(() => talentApi.removeService(x.id, s.id))}><a>{t('talent.common.remove')}</a></Popconfirm>,
              ] : undefined}>
                <List.Item.Meta title={<Space size={8}><span>{s.date}</span><Typography.Text type="secondary">{s.days} {t('talent.common.dayUnit')}</Typography.Text></Space>} description={s.content} />
              </List.Item>
            )} />

          <Space style={{ marginTop: 16, width: '100%', justifyContent: 'space-between' }} wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>{t('talent.list.payments')}</Typography.Title>
            {staff && <Button size="small" icon={<PlusOutlined />} onClick={() => open({ kind: 'payment' })} data-testid="payment-add">{t('talent.list.addPayment')}</Button>}
          </Space>
          <List size="small" dataSource={x.payments} locale={{ emptyText: t('talent.common.none') }}
            footer={x.payments.length ? <Typography.Text strong>{t('talent.list.paidTotal', { amount: money(x.paid) })}</Typography.Text> : undefined}
            renderItem={(p) => (
              <List.Item actions={staff ? [<Popconfirm key="remove" title={t('talent.common.removeConfirm')} onConfirm={() => remove(() => talentApi.removePayment(x.id, p.id))}><a>{t('talent.common.remove')}</a></Popconfirm>] : undefined}>
                <Space size={12} wrap><span>{p.date}</span><Typography.Text strong>{money(p.amount)}</Typography.Text><Typography.Text type="secondary">{p.note}</Typography.Text></Space>
              </List.Item>
            )} />

          <Modal open={editing !== null} destroyOnHidden onCancel={() => setEditing(null)} onOk={save} okText={t('talent.common.save')} cancelText={t('talent.common.cancel')}
            title={editing?.kind === 'payment' ? t('talent.list.addPayment') : editing?.row ? t('talent.list.editService') : t('talent.list.addService')}>
            <Form form={form} layout="vertical">
              <Form.Item name="date" label={t('talent.common.date')} rules={[{ required: true, message: t('talent.common.required') }]}><Input type="date" /></Form.Item>
              {editing?.kind === 'payment' ? (
                <>
                  <Form.Item name="amount" label={t('talent.common.amount')} rules={[{ required: true, message: t('talent.common.required') }]}>
                    <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name="note" label={t('talent.common.note')}><Input maxLength={200} /></Form.Item>
                </>
              ) : (
                <>
                  <Form.Item name="days" label={t('talent.common.days')} rules={[{ required: true, message: t('talent.common.required') }]}>
                    <InputNumber min={0.5} max={31} step={0.5} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name="content" label={t('talent.common.content')} rules={[{ required: true, message: t('talent.common.required') }]}>
                    <Input.TextArea rows={3} maxLength={500} />
                  </Form.Item>
                </>
              )}
            </Form>
          </Modal>
        </div>
      )}
    </Drawer>
  );
}

export default function TalentPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const chrome = useListTableChrome();
  const wide = useWide();
  const money = useMoney();
  const words = useWords();
  const actionRef = useRef<ActionType>(undefined);
  const lastQuery = useRef<ListQuery>({});
  const [openId, setOpenId] = useLinkedId('talent');
  const [year, setYear] = useState(new Date().getFullYear());
  const [editing, setEditing] = useState<{ talent?: Talent } | null>(null);
  const [importing, setImporting] = useState<File | null>(null);
  const client = useQueryClient();
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const regionFilter = useRegionFilterColumn<Talent>(staff);
  const reload = () => actionRef.current?.reload();

  const columns: ProColumns<Talent>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: t('talent.common.keyword') } },
    { title: t('talent.common.name'), dataIndex: 'name', sorter: true, hideInSearch: true, render: (_, x) => (
      <div style={{ minWidth: 150, maxWidth: wide ? undefined : 'calc(100vw - 140px)', whiteSpace: 'normal' }}>
        <a onClick={() => setOpenId(x.id)} data-testid={`talent-${x.id}`}>{x.name}</a>
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.personOrg} · {x.title}</Typography.Text></div>
        {!wide && (
          <>
            <Space size={6} wrap style={{ marginTop: 4 }}>
              <CategoryTag category={x.category} kind={x.flexibleKind} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.done} / {x.promised} {t('talent.common.dayUnit')}</Typography.Text>
            </Space>
            <div><Typography.Text style={{ fontSize: 12 }}>{x.hostName}</Typography.Text></div>
          </>
        )}
      </div>
    ) },
    { title: t('talent.common.category'), dataIndex: 'category', valueType: 'select', valueEnum: words.categoryEnum, width: 120, responsive: ['md'],
      render: (_, x) => <CategoryTag category={x.category} kind={x.flexibleKind} /> },
    { title: t('talent.common.kind'), dataIndex: 'flexibleKind', valueType: 'select', valueEnum: words.kindEnum, hideInTable: true },
    { title: t('talent.common.host'), dataIndex: 'host', sorter: true, hideInSearch: true, responsive: ['md'], render: (_, x) => (
      <div style={{ minWidth: 160 }}>{x.hostName}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.regionName}</Typography.Text></div></div>
    ) },
    { title: t('talent.common.period'), dataIndex: 'from', sorter: true, hideInSearch: true, width: 120, responsive: ['lg'],
      render: (_, x) => <span style={{ fontSize: 12 }}>{x.from}<br />{x.to}</span> },
    { title: t('talent.common.done'), dataIndex: 'done', sorter: true, hideInSearch: true, width: 130, responsive: ['md'], render: (_, x) => <Fulfilment x={x} /> },
    { title: t('talent.common.paid'), dataIndex: 'paid', sorter: true, hideInSearch: true, width: 120, align: 'right', responsive: ['md'], render: (_, x) => money(x.paid) },
    { title: t('talent.common.status'), dataIndex: 'status', valueType: 'select', valueEnum: words.statusEnum, width: 90, responsive: ['md'], render: (_, x) => <StatusTag status={x.status} /> },
    { title: t('talent.common.year'), dataIndex: 'year', valueType: 'select', hideInTable: true, initialValue: year, fieldProps: { options: yearOptions(), allowClear: false } },
    ...regionFilter,
  ];

  return (
    <AppPage>
      <ProTable<Talent>
        rowKey="id" actionRef={actionRef} columns={columns} {...chrome}
        request={async (params, sort) => {
          const query = toListQuery(params, sort);
          if (query.year) setYear(Number(query.year));
          lastQuery.current = query;
          const page = await talentApi.list(query);
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => [
          ...(staff ? [<Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="talent-create">{t('talent.list.create')}</Button>] : []),
          // importing is a desk task: a phone gets the list, the record and the export
          ...(staff && wide ? [
            <Upload key="import" accept=".xlsx" showUploadList={false} beforeUpload={(file) => { setImporting(file); return false; }}>
              <Button icon={<ImportOutlined />}>{t('talent.common.import')}</Button>
            </Upload>,
            <Button key="template" type="link" onClick={() => talentApi.template()}>{t('talent.common.template')}</Button>,
          ] : []),
          ...(user?.role !== 'expert' ? [<ExportButton key="export" run={talentApi.export} query={() => lastQuery.current} />] : []),
        ]}
      />
      <TalentDrawer id={openId} year={year} onClose={() => setOpenId(null)} onChanged={reload} onEdit={(x) => setEditing({ talent: x })} />
      <TalentForm open={!!editing} talent={editing?.talent} onClose={() => setEditing(null)} onSaved={(id) => {
        message.success(t('talent.common.saved'));
        setEditing(null); reload();
        void client.invalidateQueries({ queryKey: ['talent', 'record', id] });
        setOpenId(id);
      }} />
      <ImportPreviewModal file={importing} send={talentApi.import} title={t('talent.common.import')} onClose={() => setImporting(null)} onDone={reload} />
    </AppPage>
  );
}
