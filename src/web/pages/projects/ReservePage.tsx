// 项目储备库: ideas and candidate projects per level (中央 / 省级 / 市级) with field, lead organisation,
// estimated investment (万元), maturity, 论证 notes and status (储备 / 论证中 / 已申报 / 已立项 / 放弃);
// add, change, export the filtered list.
import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, AutoComplete, Button, Col, Form, Input, InputNumber, Modal, Row, Segmented, Select, TreeSelect, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ListQuery } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import ExportButton from '../../components/ExportButton';
import { toListQuery } from '../../components/listQuery';
import { useScopedRegions } from '../../components/useRegions';
import { RESERVE_LEVELS, RESERVE_STATUSES, reserveApi, type ReserveInput, type ReserveItem, type ReserveLevel } from './api';
import { OrgPicker, ReserveStatusTag, fieldLabel, useApiError, useFieldOptions, wanText, wanToYuan, yuanToWan } from './shared';

type Values = Omit<ReserveInput, 'estimatedInvestment'> & { investmentWan: number };
const FIELDS = ['level', 'regionCode', 'title', 'field', 'leadOrgId', 'leadOrgName', 'maturity', 'notes', 'status'];
const MATURITY = ['idea', 'arguing', 'ready'] as const;

function ReserveForm({ item, level, open, onClose, onSaved }: { item?: ReserveItem; level?: ReserveLevel; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const onError = useApiError();
  const regions = useScopedRegions();
  const fieldOptions = useFieldOptions();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    const { investmentWan, ...rest } = v;
    const body: ReserveInput = { ...rest, title: v.title.trim(), field: v.field.trim(), leadOrgName: v.leadOrgName.trim(), leadOrgId: v.leadOrgId ?? null,
      estimatedInvestment: wanToYuan(investmentWan), maturity: v.maturity ?? '', notes: v.notes ?? '' };
    setBusy(true);
    try {
      if (item) await reserveApi.update(item.id, { ...body, status: v.status ?? item.status, version: item.version });
      else await reserveApi.create(body);
      onSaved();
    } catch (error) {
      const e = error as { fields?: Record<string, string> };
      if (e.fields?.estimatedInvestment) form.setFields([{ name: 'investmentWan', errors: [e.fields.estimatedInvestment] }]);
      onError(error, form, FIELDS);
    } finally { setBusy(false); }
  };
  return (
    <Modal open={open} title={item ? t('projects.reserve.edit') : t('projects.reserve.create')} onCancel={onClose} onOk={save} confirmLoading={busy} width={680} destroyOnHidden>
      <Form form={form} layout="vertical" name="reserve" preserve={false}
        initialValues={item ? { ...item, investmentWan: yuanToWan(item.estimatedInvestment) } : { level: level ?? 'city', regionCode: user?.regionCode ?? undefined, status: 'reserve' }}>
        <Row gutter={16}>
          <Col span={24}><Form.Item name="title" label={t('projects.reserve.title')} rules={[{ required: true, whitespace: true, max: 120 }]}><Input /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="level" label={t('projects.reserve.level')} rules={[{ required: true }]}>
            <Select options={RESERVE_LEVELS.map((l) => ({ value: l, label: t(`projects.level.${l}`) }))} />
          </Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="field" label={t('projects.app.field')} rules={[{ required: true, whitespace: true, max: 40 }]}><AutoComplete options={fieldOptions} /></Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name="regionCode" label={t('projects.reserve.region')} rules={[{ required: true }]}>
            <TreeSelect treeData={regions.scopedOptions} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
          </Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="leadOrgName" label={t('projects.reserve.leadOrg')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="leadOrgId" label={t('projects.reserve.leadOrgLink')} extra={t('projects.reserve.leadOrgLinkHelp')}>
            <OrgPicker initial={item?.leadOrgId ? [{ id: item.leadOrgId, name: item.leadOrgName }] : []} />
          </Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="investmentWan" label={t('projects.reserve.investmentWan')} rules={[{ required: true }]}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="maturity" label={t('projects.reserve.maturity')} rules={[{ max: 40 }]}>
            <AutoComplete options={MATURITY.map((m) => ({ value: t(`projects.reserve.maturities.${m}`) }))} />
          </Form.Item></Col>
          {item && <Col xs={24} sm={8}><Form.Item name="status" label={t('projects.reserve.status')} rules={[{ required: true }]}>
            <Select options={RESERVE_STATUSES.map((s) => ({ value: s, label: t(`projects.reserveStatus.${s}`) }))} />
          </Form.Item></Col>}
          <Col span={24}><Form.Item name="notes" label={t('projects.reserve.notes')}><Input.TextArea rows={4} maxLength={5000} showCount /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

export default function ReservePage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const regions = useScopedRegions();
  const actionRef = useRef<ActionType>(undefined);
  const lastQuery = useRef<ListQuery>({});
  const [level, setLevel] = useState<ReserveLevel | ''>('');
  const [editing, setEditing] = useState<{ item?: ReserveItem } | null>(null);

  const columns: ProColumns<ReserveItem>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: t('projects.reserve.keyword') } },
    { title: t('projects.reserve.title'), dataIndex: 'title', sorter: true, hideInSearch: true, render: (_, x) => (
      <div style={{ minWidth: 180 }}>
        <a onClick={() => setEditing({ item: x })}>{x.title}</a>
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.leadOrgName}</Typography.Text></div>
      </div>
    ) },
    { title: t('projects.reserve.level'), dataIndex: 'level', hideInSearch: true, width: 70, render: (_, x) => t(`projects.level.${x.level}`) },
    { title: t('projects.app.field'), dataIndex: 'field', hideInSearch: true, width: 120, render: (_, x) => fieldLabel(x.field, i18n.language) },
    { title: t('projects.reserve.investmentWan'), dataIndex: 'estimatedInvestment', sorter: true, hideInSearch: true, width: 120, align: 'right', render: (_, x) => wanText(x.estimatedInvestment) },
    { title: t('projects.reserve.maturity'), dataIndex: 'maturity', hideInSearch: true, width: 100 },
    { title: t('projects.reserve.status'), dataIndex: 'status', valueType: 'select', width: 90,
      valueEnum: Object.fromEntries(RESERVE_STATUSES.map((s) => [s, { text: t(`projects.reserveStatus.${s}`) }])), render: (_, x) => <ReserveStatusTag status={x.status} /> },
    { title: t('projects.reserve.region'), dataIndex: 'regionCode', valueType: 'treeSelect', width: 90,
      fieldProps: { treeData: regions.scopedOptions, showSearch: true, treeNodeFilterProp: 'title', treeDefaultExpandAll: true }, render: (_, x) => x.regionName },
    { title: t('projects.reserve.notes'), dataIndex: 'notes', hideInSearch: true, ellipsis: true, width: 220 },
  ];

  return (
    <AppPage>
      <ProTable<ReserveItem>
        rowKey="id" actionRef={actionRef} columns={columns} scroll={{ x: 1040 }} params={{ level }}
        headerTitle={<Segmented value={level} onChange={(v) => setLevel(v as ReserveLevel | '')} data-testid="reserve-level"
          options={[{ value: '', label: t('projects.reserve.allLevels') }, ...RESERVE_LEVELS.map((l) => ({ value: l, label: t(`projects.level.${l}`) }))]} />}
        search={{ labelWidth: 'auto', span: { xs: 24, sm: 12, md: 8, lg: 8, xl: 6, xxl: 6 } }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        options={{ density: true, reload: true, setting: true }}
        request={async (params, sort) => {
          const query = toListQuery(params, sort);
          lastQuery.current = query;
          const page = await reserveApi.list(query);
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => [
          <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>{t('projects.reserve.create')}</Button>,
          <ExportButton key="export" run={reserveApi.export} query={() => lastQuery.current} />,
        ]}
      />
      <ReserveForm open={!!editing} item={editing?.item} level={level || undefined} onClose={() => setEditing(null)}
        onSaved={() => { message.success(t('projects.reserve.saved')); setEditing(null); actionRef.current?.reload(); }} />
    </AppPage>
  );
}
