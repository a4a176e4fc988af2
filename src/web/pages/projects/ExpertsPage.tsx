// 专家库: the experts of the province (staff keep those of their own subtree), filtered by field,
// title rank, status, region and a keyword; add and change an expert; the relations an expert
// declared (an organisation or a person to be kept away from); suspend and activate; create the
// expert's sign-in; export the filtered list.
import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Col, Form, Input, Modal, Popconfirm, Row, Select, Space, Tag, TreeSelect, Typography, Upload } from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { ImportPreviewModal } from '../../components/ImportPreview';
import { useTranslation } from 'react-i18next';
import type { ListQuery } from '../../api';
import AppPage from '../../components/AppPage';
import ExportButton from '../../components/ExportButton';
import { toListQuery } from '../../components/listQuery';
import { passwordRule, phoneRule, USERNAME_PATTERN } from '../../components/rules';
import { useScopedRegions, useRegions } from '../../components/useRegions';
import { TITLE_RANKS, expertApi, type Expert, type ExpertInput } from './api';
import RelationsDrawer from './ExpertRelations';
import { OrgPicker, fieldLabel, useApiError, useFieldOptions } from './shared';

const EXPERT_FIELDS = ['name', 'orgId', 'orgName', 'title', 'titleRank', 'fields', 'regionCode', 'phone', 'idNumber'];

function ExpertForm({ expert, open, onClose, onSaved }: { expert?: Expert; open: boolean; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ExpertInput>();
  const onError = useApiError();
  const regions = useScopedRegions();
  const fieldOptions = useFieldOptions();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    const body: ExpertInput = { ...v, name: v.name.trim(), title: v.title.trim(), orgId: v.orgId ?? null, orgName: v.orgName?.trim() || null, idNumber: v.idNumber?.trim() || null };
    setBusy(true);
    try {
      if (expert) { await expertApi.update(expert.id, { ...body, version: expert.version }); onSaved(expert.id); }
      else onSaved((await expertApi.create(body)).id);
    } catch (error) { onError(error, form, EXPERT_FIELDS); } finally { setBusy(false); }
  };
  return (
    <Modal open={open} title={expert ? t('projects.expert.edit') : t('projects.expert.create')} onCancel={onClose} onOk={save} confirmLoading={busy} width={680} destroyOnHidden>
      <Form form={form} layout="vertical" name="expert" preserve={false}
        initialValues={expert ? { ...expert, phone: undefined, idNumber: undefined } : { titleRank: '副高', fields: [] }}>
        <Row gutter={16}>
          <Col xs={24} sm={12}><Form.Item name="name" label={t('projects.expert.name')} rules={[{ required: true, whitespace: true, max: 40 }]}><Input /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="phone" label={t('projects.expert.phone')} rules={[{ required: true }, phoneRule(t)]} extra={expert ? t('projects.expert.phoneAgain', { masked: expert.phone }) : undefined}><Input maxLength={11} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="orgId" label={t('projects.expert.orgLink')} extra={t('projects.expert.orgLinkHelp')}><OrgPicker initial={expert?.orgId ? [{ id: expert.orgId, name: expert.orgName }] : []} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="orgName" label={t('projects.expert.org')} dependencies={['orgId']}
            rules={[({ getFieldValue }) => ({ required: !getFieldValue('orgId'), whitespace: true, max: 100 })]}><Input /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="title" label={t('projects.expert.title')} rules={[{ required: true, whitespace: true, max: 40 }]}><Input placeholder={t('projects.expert.titlePlaceholder')} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="titleRank" label={t('projects.expert.titleRank')} rules={[{ required: true }]}>
            <Select options={TITLE_RANKS.map((r) => ({ value: r, label: t(`projects.titleRank.${r}`) }))} />
          </Form.Item></Col>
          <Col span={24}><Form.Item name="fields" label={t('projects.expert.fields')} rules={[{ required: true, type: 'array', min: 1, max: 10 }]} extra={t('projects.expert.fieldsHelp')}>
            <Select mode="tags" options={fieldOptions} tokenSeparators={[',', '，', '、']} />
          </Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="regionCode" label={t('projects.expert.region')} rules={[{ required: true }]}>
            <TreeSelect treeData={regions.scopedOptions} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
          </Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="idNumber" label={t('projects.expert.idNumber')} rules={[{ pattern: /^\d{17}[\dXx]$/, message: t('projects.expert.idNumberRule') }]}
            extra={expert?.idNumber ? t('projects.expert.idNumberKept', { masked: expert.idNumber }) : t('projects.expert.idNumberHelp')}><Input maxLength={18} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

function AccountModal({ expert, onClose, onDone }: { expert: Expert | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await expertApi.createAccount(expert!.id, v);
      message.success(t('projects.expert.accountCreated', { username: v.username }));
      onDone();
    } catch (error) { onError(error, form, ['username', 'password']); }
  };
  return (
    <Modal open={expert !== null} title={t('projects.expert.account', { name: expert?.name ?? '' })} onCancel={onClose} onOk={save} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('projects.expert.accountHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="expert-account" preserve={false}>
        <Form.Item name="username" label={t('projects.expert.username')} rules={[{ required: true }, { pattern: USERNAME_PATTERN, message: t('projects.expert.usernameRule') }]}><Input autoComplete="off" /></Form.Item>
        <Form.Item name="password" label={t('projects.expert.initialPassword')} rules={[{ required: true }, passwordRule(t, () => form.getFieldValue('username'))]}><Input.Password autoComplete="new-password" /></Form.Item>
      </Form>
    </Modal>
  );
}

export default function ExpertsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiError();
  const regions = useScopedRegions();
  const all = useRegions();
  const fieldOptions = useFieldOptions();
  const actionRef = useRef<ActionType>(undefined);
  const lastQuery = useRef<ListQuery>({});
  const [editing, setEditing] = useState<{ expert?: Expert } | null>(null);
  const [relations, setRelations] = useState<number | null>(null);
  const [account, setAccount] = useState<Expert | null>(null);
  const [importing, setImporting] = useState<File | null>(null);
  const reload = () => actionRef.current?.reload();

  const setStatus = async (x: Expert) => {
    try {
      await (x.status === 'active' ? expertApi.suspend(x.id) : expertApi.activate(x.id));
      message.success(t(x.status === 'active' ? 'projects.expert.suspended' : 'projects.expert.activated', { name: x.name }));
      reload();
    } catch (error) { onError(error); }
  };

  const columns: ProColumns<Expert>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: t('projects.expert.keyword') } },
    { title: t('projects.expert.name'), dataIndex: 'name', sorter: true, hideInSearch: true, width: 120, render: (_, x) => (
      <>{x.name}{x.username && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.username}</Typography.Text></div>}</>
    ) },
    { title: t('projects.expert.org'), dataIndex: 'orgName', hideInSearch: true, ellipsis: true },
    { title: t('projects.expert.title'), dataIndex: 'titleRank', valueType: 'select', width: 130,
      valueEnum: Object.fromEntries(TITLE_RANKS.map((r) => [r, { text: t(`projects.titleRank.${r}`) }])),
      render: (_, x) => <>{x.title}<div><Tag style={{ marginInlineEnd: 0 }}>{t(`projects.titleRank.${x.titleRank}`)}</Tag></div></> },
    { title: t('projects.expert.fields'), dataIndex: 'field', valueType: 'select', width: 200, fieldProps: { options: fieldOptions, showSearch: true },
      render: (_, x) => <Space size={[4, 4]} wrap>{x.fields.map((f) => <Tag key={f} color="blue" style={{ marginInlineEnd: 0 }}>{fieldLabel(f, i18n.language)}</Tag>)}</Space> },
    { title: t('projects.expert.region'), dataIndex: 'regionCode', valueType: 'treeSelect', width: 100, sorter: true,
      fieldProps: { treeData: all.options, showSearch: true, treeNodeFilterProp: 'title' }, render: (_, x) => x.regionName ?? x.regionCode },
    { title: t('projects.expert.phone'), dataIndex: 'phone', hideInSearch: true, width: 120 },
    { title: t('projects.expert.status'), dataIndex: 'status', valueType: 'select', width: 80,
      valueEnum: { active: { text: t('projects.expert.active'), status: 'Success' }, suspended: { text: t('projects.expert.suspendedTag'), status: 'Default' } } },
    { title: t('projects.expert.reviews'), dataIndex: 'reviews', sorter: true, hideInSearch: true, width: 80, align: 'right' },
    {
      title: t('common.actions'), key: 'actions', hideInSearch: true, width: 200, fixed: 'right',
      render: (_, x) => (
        <Space size={8} wrap>
          <a onClick={() => setEditing({ expert: x })}>{t('projects.expert.editAction')}</a>
          <a onClick={() => setRelations(x.id)}>{t('projects.expert.relations')}</a>
          <Popconfirm title={t(x.status === 'active' ? 'projects.expert.suspendConfirm' : 'projects.expert.activateConfirm', { name: x.name })} onConfirm={() => setStatus(x)}>
            <a>{x.status === 'active' ? t('projects.expert.suspend') : t('projects.expert.activate')}</a>
          </Popconfirm>
          {!x.username && <a onClick={() => setAccount(x)}>{t('projects.expert.createAccount')}</a>}
        </Space>
      ),
    },
  ];

  return (
    <AppPage>
      <ProTable<Expert>
        rowKey="id" actionRef={actionRef} columns={columns} scroll={{ x: 1180 }}
        search={{ labelWidth: 'auto', defaultCollapsed: false, span: { xs: 24, sm: 12, md: 8, lg: 8, xl: 6, xxl: 6 } }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        options={{ density: true, reload: true, setting: true }}
        request={async (params, sort) => {
          const query = toListQuery(params, sort);
          lastQuery.current = query;
          const page = await expertApi.list(query);
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => [
          <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} disabled={!regions.scopedOptions.length}>{t('projects.expert.create')}</Button>,
          <Upload key="import" accept=".xlsx" showUploadList={false} beforeUpload={(file) => { setImporting(file); return false; }}>
            <Button icon={<ImportOutlined />}>{t('projects.expert.import')}</Button>
          </Upload>,
          <Button key="template" type="link" onClick={() => expertApi.template()}>{t('projects.expert.template')}</Button>,
          <ExportButton key="export" run={expertApi.export} query={() => lastQuery.current} />,
        ]}
      />
      <ImportPreviewModal file={importing} send={expertApi.import} title={t('projects.expert.import')} onClose={() => setImporting(null)} onDone={reload} />
      <ExpertForm open={!!editing} expert={editing?.expert} onClose={() => setEditing(null)}
        onSaved={() => { message.success(t('projects.expert.saved')); setEditing(null); reload(); }} />
      <RelationsDrawer id={relations} onClose={() => setRelations(null)} onChanged={reload} />
      <AccountModal expert={account} onClose={() => setAccount(null)} onDone={() => { setAccount(null); reload(); }} />
    </AppPage>
  );
}
