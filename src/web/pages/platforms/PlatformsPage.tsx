// 平台库: the platforms a user may read (staff their region's, a host its own) with filters by type,
// level, status, field and region, sort, paging and Excel with the same columns; staff enter a
// platform certified before the system. A row opens its page (/platforms/:id).
import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, TreeSelect, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ListQuery } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import ExportButton from '../../components/ExportButton';
import { toListQuery } from '../../components/listQuery';
import { useScopedRegions } from '../../components/useRegions';
import { PLATFORM_STATUSES } from '../../../domain/platforms';
import { platformApi, type Platform, type PlatformInput } from './api';
import {
  LevelTag, OrgPicker, PlatformStatusTag, useApiError, useFieldEnum, useFieldName, useListTableChrome, useMarketFieldOptions, usePlatformNames, useRegionFilterColumn, useWide,
} from './shared';

type EntryForm = Omit<PlatformInput, 'certifiedOn' | 'validUntil'> & { certifiedOn?: { format: (f: string) => string } | null; validUntil?: { format: (f: string) => string } | null };

function EntryModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EntryForm>();
  const names = usePlatformNames();
  const fieldOptions = useMarketFieldOptions();
  const regions = useScopedRegions();
  const onError = useApiError();
  const status = Form.useWatch('status', form);
  const save = async () => {
    const v = await form.validateFields();
    try {
      const { id } = await platformApi.create({ ...v, certifiedOn: v.certifiedOn?.format('YYYY-MM-DD') ?? null, validUntil: v.validUntil?.format('YYYY-MM-DD') ?? null });
      form.resetFields();
      onSaved(id);
    } catch (error) { onError(error, form); }
  };
  return (
    <Modal open={open} title={t('platforms.list.createTitle')} onCancel={onClose} onOk={save} width={640} destroyOnHidden okButtonProps={{ 'data-testid': 'platform-entry-save' } as never}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('platforms.list.createHelp')} />
      <Form form={form} layout="vertical" initialValues={{ status: 'certified', level: 'provincial' }} name="platform-entry">
        <Form.Item name="name" label={t('platforms.common.name')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input /></Form.Item>
        <Space.Compact block>
          <Form.Item name="type" label={t('platforms.common.type')} rules={[{ required: true }]} style={{ flex: 2 }}><Select options={names.typeOptions} /></Form.Item>
          <Form.Item name="level" label={t('platforms.common.level')} rules={[{ required: true }]} style={{ flex: 1 }}><Select options={names.levelOptions} /></Form.Item>
        </Space.Compact>
        <Form.Item name="hostOrgId" label={t('platforms.common.host')} rules={[{ required: true }]}><OrgPicker /></Form.Item>
        <Form.Item name="coHostOrgIds" label={t('platforms.common.coHosts')}><OrgPicker multiple /></Form.Item>
        <Form.Item name="regionCode" label={t('platforms.common.region')} rules={[{ required: true }]}>
          <TreeSelect treeData={regions.scopedOptions} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
        </Form.Item>
        <Form.Item name="field" label={t('platforms.common.field')}><Select allowClear options={fieldOptions} /></Form.Item>
        <Form.Item name="status" label={t('platforms.common.status')} rules={[{ required: true }]}>
          <Select options={PLATFORM_STATUSES.filter((s) => s !== 'revoked').map((s) => ({ value: s, label: names.statusName(s) }))} />
        </Form.Item>
        {status !== 'preparing' && (
          <>
            <Space.Compact block>
              <Form.Item name="certifiedOn" label={t('platforms.common.certifiedOn')} rules={[{ required: true }]} style={{ flex: 1 }}><DatePicker style={{ width: '100%' }} /></Form.Item>
              <Form.Item name="validUntil" label={t('platforms.common.validUntil')} style={{ flex: 1 }}><DatePicker style={{ width: '100%' }} /></Form.Item>
            </Space.Compact>
            <Form.Item name="certificateNo" label={t('platforms.common.certificateNo')}><Input placeholder="甘科基〔2024〕12号" /></Form.Item>
            <Form.Item name="authority" label={t('platforms.common.authority')}><Input placeholder="甘肃省科学技术厅" /></Form.Item>
          </>
        )}
        <Form.Item name="intro" label={t('platforms.common.intro')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
      </Form>
    </Modal>
  );
}

export default function PlatformsPage() {
  const { t } = useTranslation();
  const chrome = useListTableChrome();
  const wide = useWide();
  const { message } = App.useApp();
  const { user } = useAuth();
  const navigate = useNavigate();
  const names = usePlatformNames();
  const fieldEnum = useFieldEnum();
  const fieldName = useFieldName();
  const actionRef = useRef<ActionType>(undefined);
  const lastQuery = useRef<ListQuery>({});
  const [entering, setEntering] = useState(false);
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const regionFilter = useRegionFilterColumn<Platform>(staff);

  const columns: ProColumns<Platform>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: t('platforms.common.keyword') } },
    { title: t('platforms.common.name'), dataIndex: 'name', sorter: true, hideInSearch: true, render: (_, p) => (
      <div style={{ minWidth: 200, maxWidth: wide ? 360 : 270, whiteSpace: 'normal' }}>
        <Link to={`/platforms/${p.id}`} data-testid={`platform-${p.id}`}>{p.name}</Link>
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.hostName}{p.coHosts.length ? `、${p.coHosts.join('、')}` : ''}</Typography.Text></div>
        {!wide && <Space size={6} wrap style={{ marginTop: 4 }}><LevelTag level={p.level} /><PlatformStatusTag status={p.status} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{names.typeName(p.type)} · {p.regionName}</Typography.Text></Space>}
      </div>
    ) },
    { title: t('platforms.common.type'), dataIndex: 'type', valueType: 'select', valueEnum: names.typeEnum, width: 150, responsive: ['md'], render: (_, p) => names.typeName(p.type) },
    { title: t('platforms.common.level'), dataIndex: 'level', valueType: 'select', valueEnum: names.levelEnum, width: 90, sorter: true, responsive: ['md'], render: (_, p) => <LevelTag level={p.level} /> },
    { title: t('platforms.common.status'), dataIndex: 'status', valueType: 'select', valueEnum: names.statusEnum, width: 80, responsive: ['md'], render: (_, p) => <PlatformStatusTag status={p.status} /> },
    { title: t('platforms.common.region'), dataIndex: 'regionName', hideInSearch: true, width: 90, responsive: ['lg'] },
    { title: t('platforms.common.field'), dataIndex: 'field', valueType: 'select', valueEnum: fieldEnum, width: 130, responsive: ['lg'], render: (_, p) => (p.field ? fieldName(p.field) : '—') },
    { title: t('platforms.common.certifiedOn'), dataIndex: 'certifiedOn', sorter: true, hideInSearch: true, width: 110, responsive: ['md'], render: (_, p) => p.certifiedOn ?? '—' },
    { title: t('platforms.common.certificateNo'), dataIndex: 'certificateNo', hideInSearch: true, width: 160, responsive: ['xl'], render: (_, p) => p.certificateNo ?? '—' },
    { title: t('platforms.common.validUntil'), dataIndex: 'validUntil', sorter: true, hideInSearch: true, width: 110, responsive: ['lg'], render: (_, p) => p.validUntil ?? '—' },
    ...regionFilter,
  ];

  return (
    <AppPage>
      <ProTable<Platform>
        rowKey="id" actionRef={actionRef} columns={columns} {...chrome}
        headerTitle={staff ? undefined : t('platforms.list.mine')}
        request={async (params, sort) => {
          const query = toListQuery(params, sort);
          lastQuery.current = query;
          const page = await platformApi.list(query);
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => [
          ...(staff ? [<Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEntering(true)} data-testid="platform-create">{t('platforms.list.create')}</Button>] : []),
          <ExportButton key="export" run={platformApi.export} query={() => lastQuery.current} />,
        ]}
      />
      {staff && <EntryModal open={entering} onClose={() => setEntering(false)} onSaved={(id) => { setEntering(false); message.success(t('platforms.list.created')); navigate(`/platforms/${id}`); }} />}
    </AppPage>
  );
}
