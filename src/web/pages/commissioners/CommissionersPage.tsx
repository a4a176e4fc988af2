// 特派员名录 of the bureau: individuals, organisations and teams of its region, filtered by kind,
// status and region; new and changed records (teams with members), a sign-in account for a
// commissioner, and the list in Excel.
import { useRef, useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import { toListQuery } from '../../components/listQuery';
import type { ListQuery } from '../../api';
import { commissionerApi, KINDS, type Commissioner } from './api';
import CommissionerForm from './CommissionerForm';
import { FROM_MD, useApiError, useListTableChrome, useRegionFilterColumn } from './shared';

export default function CommissionersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const chrome = useListTableChrome();
  const regionFilter = useRegionFilterColumn<Commissioner>(true);
  const actionRef = useRef<ActionType>(undefined);
  const lastQuery = useRef<ListQuery>({});
  const [editing, setEditing] = useState<{ item?: Commissioner } | null>(null);
  const [account, setAccount] = useState<Commissioner | null>(null);
  const apiError = useApiError();

  const columns: ProColumns<Commissioner>[] = [
    { title: t('commissioners.common.name'), dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: t('commissioners.common.keyword') } },
    { title: t('commissioners.common.name'), dataIndex: 'name', hideInSearch: true, render: (_, c) => (
      <div style={{ minWidth: 140 }}>
        <a onClick={() => setEditing({ item: c })}>{c.name}</a>
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{[c.orgName, c.title].filter(Boolean).join(' · ')}</Typography.Text></div>
      </div>
    ) },
    { title: t('commissioners.common.kind'), dataIndex: 'kind', valueType: 'select', width: 90,
      valueEnum: Object.fromEntries(KINDS.map((k) => [k, { text: t(`commissioners.kindShort.${k}`) }])),
      render: (_, c) => <Tag style={{ marginInlineEnd: 0 }}>{t(`commissioners.kindShort.${c.kind}`)}</Tag> },
    { title: t('commissioners.common.fields'), dataIndex: 'fields', hideInSearch: true, responsive: FROM_MD, render: (_, c) => c.fields.join('、') },
    { title: t('commissioners.staff.leader'), dataIndex: 'leaderName', hideInSearch: true, responsive: ['lg'],
      render: (_, c) => (c.kind === 'team' ? `${c.leaderName ?? '—'}（${t('commissioners.staff.memberCount')} ${c.memberCount}）` : '—') },
    { title: t('commissioners.common.region'), dataIndex: 'regionName', hideInSearch: true, responsive: FROM_MD },
    { title: t('commissioners.staff.activeDispatches'), dataIndex: 'activeDispatches', hideInSearch: true, width: 80 },
    { title: t('commissioners.staff.daysThisYear'), dataIndex: 'daysThisYear', hideInSearch: true, width: 110, responsive: FROM_MD },
    { title: t('commissioners.common.status'), dataIndex: 'status', valueType: 'select', width: 80,
      valueEnum: { active: { text: t('commissioners.status.active') }, suspended: { text: t('commissioners.status.suspended') }, ended: { text: t('commissioners.status.ended') } } },
    { title: t('commissioners.staff.username'), dataIndex: 'username', hideInSearch: true, responsive: ['lg'], render: (_, c) => c.username ?? '—' },
    { title: t('commissioners.common.actions'), valueType: 'option', width: 170, render: (_, c) => (
      <Space size={4} wrap>
        <a onClick={() => setEditing({ item: c })}>{t('commissioners.common.edit')}</a>
        {!c.userId && c.kind !== 'team' && <a onClick={() => setAccount(c)}>{t('commissioners.staff.account')}</a>}
      </Space>
    ) },
    ...regionFilter,
  ];

  return (
    <AppPage>
      <ProTable<Commissioner>
        rowKey="id" actionRef={actionRef} columns={columns} {...chrome}
        request={async (params, sort) => {
          const query = toListQuery(params, sort, { regionCode: 'region' });
          lastQuery.current = query;
          const page = await commissionerApi.list(query);
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => [
          <Button key="export" icon={<DownloadOutlined />} onClick={() => commissionerApi.export({ ...lastQuery.current, page: undefined, pageSize: undefined }).catch((e) => apiError(e))}>
            {t('commissioners.common.exportExcel')}
          </Button>,
          <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="commissioner-create">{t('commissioners.staff.create')}</Button>,
        ]}
      />
      <CommissionerForm open={!!editing} item={editing?.item} onClose={() => setEditing(null)}
        onSaved={() => { message.success(t('commissioners.common.saved')); setEditing(null); actionRef.current?.reload(); }} />
      <AccountModal item={account} onClose={() => setAccount(null)} onDone={() => { setAccount(null); actionRef.current?.reload(); }} />
    </AppPage>
  );
}

/** Creates the commissioner's sign-in (role commissioner); the first password must be changed at sign-in. */
function AccountModal({ item, onClose, onDone }: { item: Commissioner | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const apiError = useApiError();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const required = [{ required: true, message: t('commissioners.log.required') }];
  return (
    <Modal open={!!item} title={`${t('commissioners.staff.account')} · ${item?.name ?? ''}`} onCancel={onClose} destroyOnHidden
      onOk={async () => {
        const values = await form.validateFields();
        try {
          await commissionerApi.account(item!.id, values);
          message.success(t('commissioners.staff.accountDone'));
          onDone();
        } catch (error) {
          apiError(error, form, ['username', 'password']);
        }
      }}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="username" label={t('commissioners.staff.username')} rules={required}><Input autoComplete="off" /></Form.Item>
        <Form.Item name="password" label={t('commissioners.staff.password')} rules={required}><Input.Password autoComplete="new-password" /></Form.Item>
      </Form>
    </Modal>
  );
}
