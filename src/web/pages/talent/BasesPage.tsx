// 引才引智基地: host organisations designated as bases (level, date, document number); a base opens
// in a drawer (?base=<id>) listing the talent records its organisation hosts — kept once, in 人才库.
import { useEffect, useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import { toListQuery } from '../../components/listQuery';
import { useLinkedId } from '../../components/useLinkedId';
import { baseApi, type Base } from './api';
import { CategoryTag, OrgPicker, useApiError, useListTableChrome, useRegionFilterColumn, useWide, useWords } from './shared';

function BaseForm({ open, base, onClose, onSaved }: { open: boolean; base?: Base; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const words = useWords();
  const onError = useApiError();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(base ?? { level: 'city' });
  }, [open, base, form]);
  const save = async () => {
    const v = await form.validateFields();
    try {
      if (base) { await baseApi.update(base.id, { ...v, version: base.version }); onSaved(base.id); } else onSaved((await baseApi.create(v)).id);
    } catch (error) { onError(error, form, ['orgId', 'designatedOn']); }
  };
  const required = [{ required: true, message: t('talent.common.required') }];
  return (
    <Modal open={open} title={base ? `${t('talent.common.edit')} · ${base.orgName}` : t('talent.bases.create')} onCancel={onClose} onOk={save} destroyOnHidden
      okText={t('talent.common.save')} cancelText={t('talent.common.cancel')}>
      <Form form={form} layout="vertical">
        {!base && <Form.Item name="orgId" label={t('talent.bases.org')} rules={required}><OrgPicker /></Form.Item>}
        <Form.Item name="level" label={t('talent.bases.level')} rules={required}><Select options={words.levelOptions} /></Form.Item>
        <Form.Item name="designatedOn" label={t('talent.bases.designatedOn')} rules={required}><Input type="date" /></Form.Item>
        <Form.Item name="documentNo" label={t('talent.bases.documentNo')}><Input maxLength={80} /></Form.Item>
        <Form.Item name="field" label={t('talent.bases.field')}><Input maxLength={40} /></Form.Item>
        {base && (
          <Form.Item name="status" label={t('talent.common.status')}>
            <Select options={[{ value: 'active', label: t('talent.bases.active') }, { value: 'revoked', label: t('talent.bases.revoked') }]} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function BaseDrawer({ id, onClose, onEdit }: { id: number | null; onClose: () => void; onEdit: (b: Base) => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const words = useWords();
  const wide = useWide();
  const navigate = useNavigate();
  const detail = useQuery({ queryKey: ['talent', 'base', id], queryFn: () => baseApi.get(id!), enabled: id !== null });
  const b = detail.data;
  const staff = user?.role === 'staff' || user?.role === 'admin';
  return (
    <Drawer open={id !== null} onClose={onClose} width={wide ? 680 : '100%'} destroyOnHidden title={b?.orgName ?? t('talent.bases.detail')}
      extra={b && staff && <Button onClick={() => onEdit(b)}>{t('talent.common.edit')}</Button>}>
      {detail.isError && <Alert type="error" showIcon message={(detail.error as Error).message} />}
      {b && (
        <div data-testid="base-detail">
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}>
            <Descriptions.Item label={t('talent.bases.level')}>{words.level(b.level)}</Descriptions.Item>
            <Descriptions.Item label={t('talent.common.region')}>{b.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('talent.bases.designatedOn')}>{b.designatedOn}</Descriptions.Item>
            <Descriptions.Item label={t('talent.bases.documentNo')}>{b.documentNo || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('talent.bases.field')}>{b.field || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('talent.common.status')}>{b.status === 'active' ? t('talent.bases.active') : t('talent.bases.revoked')}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('talent.bases.talent')}（{b.talent.length}）</Typography.Title>
          <List size="small" dataSource={b.talent} locale={{ emptyText: t('talent.common.none') }} renderItem={(x) => (
            <List.Item onClick={() => navigate(`/talent?talent=${x.id}`)} style={{ cursor: 'pointer' }}>
              <List.Item.Meta title={<Space size={6} wrap><a>{x.name}</a><CategoryTag category={x.category} kind={x.flexibleKind} />{x.status === 'ended' && <Tag>{words.status(x.status)}</Tag>}</Space>}
                description={`${x.personOrg} · ${x.from} ~ ${x.to} · ${x.done} / ${x.promised} ${t('talent.common.dayUnit')}`} />
            </List.Item>
          )} />
        </div>
      )}
    </Drawer>
  );
}

export default function BasesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const chrome = useListTableChrome();
  const wide = useWide();
  const words = useWords();
  const actionRef = useRef<ActionType>(undefined);
  const [openId, setOpenId] = useLinkedId('base');
  const [editing, setEditing] = useState<{ base?: Base } | null>(null);
  const client = useQueryClient();
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const regionFilter = useRegionFilterColumn<Base>(staff);
  const reload = () => actionRef.current?.reload();

  const columns: ProColumns<Base>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true },
    { title: t('talent.bases.org'), dataIndex: 'name', sorter: true, hideInSearch: true, render: (_, b) => (
      <div style={{ minWidth: 180, maxWidth: wide ? undefined : 'calc(100vw - 140px)', whiteSpace: 'normal' }}>
        <a onClick={() => setOpenId(b.id)} data-testid={`base-${b.id}`}>{b.orgName}</a>
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.regionName}{b.field && ` · ${b.field}`}</Typography.Text></div>
        {!wide && <Space size={6}><Tag color="blue" style={{ marginInlineEnd: 0 }}>{words.level(b.level)}</Tag>
          <Typography.Text style={{ fontSize: 12 }}>{t('talent.bases.activeTalent')} {b.activeTalent}</Typography.Text></Space>}
      </div>
    ) },
    { title: t('talent.bases.level'), dataIndex: 'level', valueType: 'select', valueEnum: words.levelEnum, width: 90, responsive: ['md'],
      render: (_, b) => <Tag color="blue" style={{ marginInlineEnd: 0 }}>{words.level(b.level)}</Tag> },
    { title: t('talent.bases.designatedOn'), dataIndex: 'designatedOn', sorter: true, hideInSearch: true, width: 110, responsive: ['md'] },
    { title: t('talent.bases.documentNo'), dataIndex: 'documentNo', hideInSearch: true, width: 170, responsive: ['lg'] },
    { title: t('talent.bases.activeTalent'), dataIndex: 'talent', sorter: true, hideInSearch: true, width: 100, align: 'right', responsive: ['md'], render: (_, b) => b.activeTalent },
    { title: t('talent.common.status'), dataIndex: 'status', hideInSearch: true, width: 80, responsive: ['md'],
      render: (_, b) => (b.status === 'active' ? <Tag color="success">{t('talent.bases.active')}</Tag> : <Tag>{t('talent.bases.revoked')}</Tag>) },
    ...regionFilter,
  ];

  return (
    <AppPage>
      <ProTable<Base>
        rowKey="id" actionRef={actionRef} columns={columns} {...chrome}
        request={async (params, sort) => {
          const page = await baseApi.list(toListQuery(params, sort));
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => (staff ? [<Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>{t('talent.bases.create')}</Button>] : [])}
      />
      <BaseDrawer id={openId} onClose={() => setOpenId(null)} onEdit={(b) => setEditing({ base: b })} />
      <BaseForm open={!!editing} base={editing?.base} onClose={() => setEditing(null)} onSaved={(id) => {
        message.success(t('talent.common.saved'));
        setEditing(null); reload();
        void client.invalidateQueries({ queryKey: ['talent', 'base', id] });
        setOpenId(id);
      }} />
    </AppPage>
  );
}
