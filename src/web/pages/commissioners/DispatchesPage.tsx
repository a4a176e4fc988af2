// 派驻管理 of the bureau: dispatches of its region with their villages and organisations (each
// one's confirmation), new ones (villages picked by township), the township's confirmation given
// by the county's staff, and ending one early.
import { useMemo, useRef, useState } from 'react';
import { App, Button, DatePicker, Drawer, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, ClockCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import { toListQuery } from '../../components/listQuery';
import { useScopedRegions } from '../../components/useRegions';
import type { RegionNode } from '../../components/regionTree';
import { commissionerApi, DISPATCH_STATUSES, type Dispatch } from './api';
import VillagePicker from './VillagePicker';
import { DispatchStatusTag, FROM_MD, OrgPicker, placeOf, todayInChina, useApiError, useListTableChrome, useRegionFilterColumn, useWide } from './shared';

/** Villages and organisations named in a row; the rest as "+n" (their names on hover). */
const SHOWN_TARGETS = 8;

export default function DispatchesPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const chrome = useListTableChrome();
  const regionFilter = useRegionFilterColumn<Dispatch>(true);
  const apiError = useApiError();
  const actionRef = useRef<ActionType>(undefined);
  const [creating, setCreating] = useState(false);
  const [ending, setEnding] = useState<Dispatch | null>(null);

  const confirm = (d: Dispatch) => modal.confirm({
    title: t('commissioners.staff.confirmTownship'), content: d.targets.filter((x) => x.villageCode && !x.confirmedAt).map(placeOf).join('、'),
    onOk: async () => {
      try { await commissionerApi.confirmDispatch(d.id); message.success(t('commissioners.common.confirmed')); actionRef.current?.reload(); } catch (e) { apiError(e); }
    },
  });

  const mark = (confirmed: string | null) => (confirmed ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <ClockCircleOutlined style={{ color: '#faad14' }} />);
  const columns: ProColumns<Dispatch>[] = [
    { title: t('commissioners.staff.commissioner'), dataIndex: 'commissionerName', hideInSearch: true, render: (_, d) => (
      <div style={{ minWidth: 120 }}>
        {d.commissionerName}
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`commissioners.kindShort.${d.commissionerKind}`)}{d.agreementNo ? ` · ${d.agreementNo}` : ''}</Typography.Text></div>
      </div>
    ) },
    { title: t('commissioners.common.period'), dataIndex: 'from', hideInSearch: true, width: 200, render: (_, d) => `${d.from} ~ ${d.endedOn ?? d.to}` },
    { title: t('commissioners.common.villages'), dataIndex: 'targets', hideInSearch: true, responsive: FROM_MD, render: (_, d) => (
      <Space wrap size={[4, 4]} style={{ maxWidth: 420 }}>
        {d.commissionerConfirmedAt !== undefined && <Tag style={{ marginInlineEnd: 0 }}>{mark(d.commissionerConfirmedAt)} {t('commissioners.staff.commissioner')}</Tag>}
        {d.targets.slice(0, SHOWN_TARGETS).map((x) => <Tag key={x.id} style={{ marginInlineEnd: 0 }}>{mark(x.confirmedAt)} {placeOf(x)}</Tag>)}
        {d.targets.length > SHOWN_TARGETS && (
          <Tag style={{ marginInlineEnd: 0 }} title={d.targets.slice(SHOWN_TARGETS).map(placeOf).join('、')}>+{d.targets.length - SHOWN_TARGETS}</Tag>
        )}
      </Space>
    ) },
    { title: t('commissioners.common.status'), dataIndex: 'status', valueType: 'select', width: 90,
      valueEnum: Object.fromEntries(DISPATCH_STATUSES.map((s) => [s, { text: t(`commissioners.dispatchStatus.${s}`) }])),
      render: (_, d) => <DispatchStatusTag status={d.status} /> },
    { title: t('commissioners.common.actions'), valueType: 'option', width: 150, render: (_, d) => (
      <Space size={4} wrap>
        {d.status === 'proposed' && d.targets.some((x) => x.villageCode && !x.confirmedAt) && <a onClick={() => confirm(d)}>{t('commissioners.staff.confirmTownship')}</a>}
        {(d.status === 'active' || d.status === 'proposed') && <a onClick={() => setEnding(d)}>{t('commissioners.staff.end')}</a>}
      </Space>
    ) },
    ...regionFilter,
  ];

  return (
    <AppPage>
      <ProTable<Dispatch>
        rowKey="id" actionRef={actionRef} columns={columns} {...chrome}
        request={async (params, sort) => {
          const page = await commissionerApi.dispatches(toListQuery(params, sort, { regionCode: 'region' }));
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => [
          <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="dispatch-create">{t('commissioners.staff.newDispatch')}</Button>,
        ]}
      />
      <DispatchForm open={creating} onClose={() => setCreating(false)}
        onSaved={() => { setCreating(false); message.success(t('commissioners.common.saved')); actionRef.current?.reload(); }} />
      <EndModal item={ending} onClose={() => setEnding(null)} onDone={() => { setEnding(null); actionRef.current?.reload(); }} />
    </AppPage>
  );
}

/** Counties of the user's scope (a county's staff: their own county). */
function useCounties() {
  const regions = useScopedRegions();
  return useMemo(() => {
    const out: { value: string; label: string }[] = [];
    const walk = (nodes: RegionNode[]) => nodes.forEach((n) => { if (n.level === 3) out.push({ value: n.code, label: n.name }); if (n.children) walk(n.children); });
    walk(regions.scopedTree);
    return out;
  }, [regions.scopedTree]);
}

interface DispatchValues { commissionerId: number; county: string; villageCodes: string[]; orgIds?: number[]; period: [Dayjs, Dayjs]; agreementNo?: string; tasks?: string }

function DispatchForm({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const wide = useWide();
  const apiError = useApiError();
  const [form] = Form.useForm<DispatchValues>();
  const counties = useCounties();
  const county = Form.useWatch('county', form);
  const picked = Form.useWatch('villageCodes', form) ?? [];
  const [q, setQ] = useState('');
  const people = useQuery({ queryKey: ['commissioners', 'pick', q], enabled: open, queryFn: () => commissionerApi.list({ q: q || undefined, status: 'active', pageSize: 30 }) });
  const required = [{ required: true, message: t('commissioners.log.required') }];
  const year = dayjs(todayInChina()).year();

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await commissionerApi.createDispatch({
        commissionerId: v.commissionerId, villageCodes: v.villageCodes ?? [], orgIds: v.orgIds?.length ? v.orgIds : undefined,
        from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD'), agreementNo: v.agreementNo || undefined, tasks: v.tasks || undefined,
      });
      form.resetFields();
      onSaved();
    } catch (error) {
      apiError(error, form, ['commissionerId', 'villageCodes', 'orgIds']);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} destroyOnHidden width={wide ? 600 : '100%'} title={t('commissioners.staff.newDispatch')}
      extra={<Space><Button onClick={onClose}>{t('commissioners.common.cancel')}</Button><Button type="primary" onClick={() => void submit()} data-testid="dispatch-save">{t('commissioners.common.save')}</Button></Space>}>
      <Form form={form} layout="vertical" initialValues={{ county: counties.length === 1 ? counties[0].value : undefined, period: [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)] }}>
        <Form.Item name="commissionerId" label={t('commissioners.staff.commissioner')} rules={required}>
          <Select showSearch filterOption={false} onSearch={setQ} loading={people.isFetching}
            options={(people.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${t(`commissioners.kindShort.${c.kind}`)}${c.orgName ? ` · ${c.orgName}` : ''}` }))} />
        </Form.Item>
        <Form.Item name="county" label={t('commissioners.staff.county')}>
          <Select options={counties} onChange={() => form.setFieldValue('villageCodes', [])} />
        </Form.Item>
        <Form.Item name="villageCodes" label={t('commissioners.staff.villagePicker')} extra={t('commissioners.staff.villagesPicked', { count: picked.length })}>
          <VillagePicker county={county} />
        </Form.Item>
        <Form.Item name="orgIds" label={t('commissioners.common.orgs')}><OrgPicker multiple /></Form.Item>
        <Form.Item name="period" label={t('commissioners.common.period')} rules={required}>
          <DatePicker.RangePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="agreementNo" label={t('commissioners.mine.agreement')}><Input maxLength={50} /></Form.Item>
        <Form.Item name="tasks" label={t('commissioners.mine.tasks')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </Drawer>
  );
}

function EndModal({ item, onClose, onDone }: { item: Dispatch | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const [form] = Form.useForm<{ endedOn: Dayjs; reason: string }>();
  const required = [{ required: true, message: t('commissioners.log.required') }];
  return (
    <Modal open={!!item} title={`${t('commissioners.staff.end')} · ${item?.commissionerName ?? ''}`} onCancel={onClose} destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        try { await commissionerApi.endDispatch(item!.id, { endedOn: v.endedOn.format('YYYY-MM-DD'), reason: v.reason }); onDone(); } catch (e) { apiError(e, form, ['endedOn', 'reason']); }
      }}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ endedOn: dayjs(todayInChina()) }}>
        <Form.Item name="endedOn" label={t('commissioners.staff.endedOn')} rules={required}><DatePicker style={{ width: '100%' }} inputReadOnly /></Form.Item>
        <Form.Item name="reason" label={t('commissioners.staff.reason')} rules={required}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}
