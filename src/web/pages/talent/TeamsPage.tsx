// 人才团队 (创新创业团队): teams with their host, field, agreement, leader and members (people of the
// expert registry) and subsidy; a team opens in a drawer (?team=<id>) with members and payments.
import { useEffect, useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, InputNumber, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import { toListQuery } from '../../components/listQuery';
import { useLinkedId } from '../../components/useLinkedId';
import { teamApi, type TeamDetail, type Team } from './api';
import { ExpertPicker, OrgPicker, StatusTag, useApiError, useListTableChrome, useMoney, useRegionFilterColumn, useWide, useWords } from './shared';

function TeamForm({ open, team, onClose, onSaved }: { open: boolean; team?: TeamDetail; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const words = useWords();
  const onError = useApiError();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (team) {
      form.setFieldsValue({ ...team, outcomes: team.outcomes.join('\n'), leaderId: team.members.find((m) => m.leader)?.expertId,
        memberIds: team.members.filter((m) => !m.leader).map((m) => m.expertId) });
    }
  }, [open, team, form]);
  const save = async () => {
    const v = await form.validateFields();
    const body = { ...v, memberIds: v.memberIds ?? [], outcomes: String(v.outcomes ?? '').split('\n').map((s: string) => s.trim()).filter(Boolean) };
    try {
      if (team) { await teamApi.update(team.id, { ...body, version: team.version }); onSaved(team.id); } else onSaved((await teamApi.create(body)).id);
    } catch (error) { onError(error, form, ['hostOrgId', 'memberIds', 'to']); }
  };
  const required = [{ required: true, message: t('talent.common.required') }];
  const people = team?.members.map((m) => ({ id: m.expertId, name: m.name })) ?? [];
  return (
    <Modal open={open} title={team ? `${t('talent.common.edit')} · ${team.name}` : t('talent.teams.create')} onCancel={onClose} onOk={save} destroyOnHidden width={640}
      okText={t('talent.common.save')} cancelText={t('talent.common.cancel')}>
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('talent.teams.name')} rules={required}><Input maxLength={80} /></Form.Item>
        <Form.Item name="hostOrgId" label={t('talent.common.host')} rules={required}><OrgPicker initial={team ? [{ id: team.hostOrgId, name: team.hostName }] : []} /></Form.Item>
        <Form.Item name="field" label={t('talent.common.field')} rules={required}><Input maxLength={40} /></Form.Item>
        <Form.Item name="leaderId" label={t('talent.teams.leader')} rules={required}><ExpertPicker initial={people} /></Form.Item>
        <Form.Item name="memberIds" label={t('talent.teams.members')} extra={t('talent.teams.membersHelp')}><ExpertPicker multiple initial={people} /></Form.Item>
        <Form.Item name="agreementNo" label={t('talent.common.agreementNo')}><Input maxLength={60} /></Form.Item>
        <Space wrap>
          <Form.Item name="from" label={t('talent.common.from')} rules={required}><Input type="date" /></Form.Item>
          <Form.Item name="to" label={t('talent.common.to')} rules={required}><Input type="date" /></Form.Item>
        </Space>
        <Form.Item name="outcomes" label={t('talent.common.outcomes')} extra={t('talent.list.outcomesHelp')}><Input.TextArea rows={3} /></Form.Item>
        {team && <Form.Item name="status" label={t('talent.common.status')}><Select options={words.statusOptions} /></Form.Item>}
      </Form>
    </Modal>
  );
}

function TeamDrawer({ id, onClose, onChanged, onEdit }: { id: number | null; onClose: () => void; onChanged: () => void; onEdit: (x: TeamDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const money = useMoney();
  const wide = useWide();
  const onError = useApiError();
  const client = useQueryClient();
  const [paying, setPaying] = useState(false);
  const [form] = Form.useForm();
  const detail = useQuery({ queryKey: ['talent', 'team', id], queryFn: () => teamApi.get(id!), enabled: id !== null });
  const x = detail.data;
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const pay = async () => {
    const v = await form.validateFields();
    try {
      await teamApi.addPayment(x!.id, v);
      message.success(t('talent.common.saved'));
      setPaying(false);
      await client.invalidateQueries({ queryKey: ['talent', 'team', id] });
      onChanged();
    } catch (error) { onError(error, form, ['date', 'amount']); }
  };
  return (
    <Drawer open={id !== null} onClose={onClose} width={wide ? 720 : '100%'} destroyOnHidden title={x?.name ?? t('talent.teams.detail')}
      extra={x && staff && <Button onClick={() => onEdit(x)}>{t('talent.common.edit')}</Button>}>
      {detail.isError && <Alert type="error" showIcon message={(detail.error as Error).message} />}
      {x && (
        <div data-testid="team-detail">
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}>
            <Descriptions.Item label={t('talent.common.host')}>{x.hostName}（{x.regionName}）</Descriptions.Item>
            <Descriptions.Item label={t('talent.common.field')}>{x.field}</Descriptions.Item>
            <Descriptions.Item label={t('talent.common.agreementNo')}>{x.agreementNo || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('talent.common.period')}>{x.from} ~ {x.to}</Descriptions.Item>
            <Descriptions.Item label={t('talent.common.status')}><StatusTag status={x.status} /></Descriptions.Item>
            <Descriptions.Item label={t('talent.common.paid')}>{money(x.paid)}</Descriptions.Item>
            <Descriptions.Item label={t('talent.common.outcomes')} span={wide ? 2 : 1}>
              {x.outcomes.length ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{x.outcomes.map((o) => <li key={o}>{o}</li>)}</ul> : t('talent.common.none')}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('talent.teams.members')}（{x.members.length}）</Typography.Title>
          <List size="small" dataSource={x.members} renderItem={(m) => (
            <List.Item>
              <List.Item.Meta title={<Space size={6}>{m.name}{m.leader && <Tag color="gold">{t('talent.teams.leaderTag')}</Tag>}</Space>} description={`${m.org} · ${m.title}`} />
            </List.Item>
          )} />
          <Space style={{ marginTop: 16, width: '100%', justifyContent: 'space-between' }} wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>{t('talent.list.payments')}</Typography.Title>
            {staff && <Button size="small" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setPaying(true); }}>{t('talent.list.addPayment')}</Button>}
          </Space>
          <List size="small" dataSource={x.payments} locale={{ emptyText: t('talent.common.none') }} renderItem={(p) => (
            <List.Item><Space size={12} wrap><span>{p.date}</span><Typography.Text strong>{money(p.amount)}</Typography.Text><Typography.Text type="secondary">{p.note}</Typography.Text></Space></List.Item>
          )} />
          <Modal open={paying} title={t('talent.list.addPayment')} onCancel={() => setPaying(false)} onOk={pay} destroyOnHidden okText={t('talent.common.save')} cancelText={t('talent.common.cancel')}>
            <Form form={form} layout="vertical">
              <Form.Item name="date" label={t('talent.common.date')} rules={[{ required: true, message: t('talent.common.required') }]}><Input type="date" /></Form.Item>
              <Form.Item name="amount" label={t('talent.common.amount')} rules={[{ required: true, message: t('talent.common.required') }]}><InputNumber min={1} precision={0} style={{ width: '100%' }} /></Form.Item>
              <Form.Item name="note" label={t('talent.common.note')}><Input maxLength={200} /></Form.Item>
            </Form>
          </Modal>
        </div>
      )}
    </Drawer>
  );
}

export default function TeamsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const chrome = useListTableChrome();
  const wide = useWide();
  const money = useMoney();
  const words = useWords();
  const actionRef = useRef<ActionType>(undefined);
  const [openId, setOpenId] = useLinkedId('team');
  const [editing, setEditing] = useState<{ team?: TeamDetail } | null>(null);
  const client = useQueryClient();
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const regionFilter = useRegionFilterColumn<Team>(staff);
  const reload = () => actionRef.current?.reload();

  const columns: ProColumns<Team>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true },
    { title: t('talent.teams.name'), dataIndex: 'name', sorter: true, hideInSearch: true, render: (_, x) => (
      <div style={{ minWidth: 170, maxWidth: wide ? undefined : 'calc(100vw - 140px)', whiteSpace: 'normal' }}>
        <a onClick={() => setOpenId(x.id)} data-testid={`team-${x.id}`}>{x.name}</a>
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.field}{!wide && ` · ${x.hostName}`}</Typography.Text></div>
        {!wide && <Typography.Text style={{ fontSize: 12 }}>{t('talent.teams.leader')} {x.leaderName} · {x.memberCount} · {money(x.paid)}</Typography.Text>}
      </div>
    ) },
    { title: t('talent.common.host'), dataIndex: 'host', sorter: true, hideInSearch: true, responsive: ['md'], render: (_, x) => (
      <div style={{ minWidth: 150 }}>{x.hostName}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.regionName}</Typography.Text></div></div>
    ) },
    { title: t('talent.teams.leader'), dataIndex: 'leaderName', hideInSearch: true, width: 90, responsive: ['md'] },
    { title: t('talent.teams.memberCount'), dataIndex: 'memberCount', hideInSearch: true, width: 70, align: 'right', responsive: ['md'] },
    { title: t('talent.common.period'), dataIndex: 'from', sorter: true, hideInSearch: true, width: 120, responsive: ['lg'], render: (_, x) => <span style={{ fontSize: 12 }}>{x.from}<br />{x.to}</span> },
    { title: t('talent.common.paid'), dataIndex: 'paid', sorter: true, hideInSearch: true, width: 120, align: 'right', responsive: ['md'], render: (_, x) => money(x.paid) },
    { title: t('talent.common.status'), dataIndex: 'status', valueType: 'select', valueEnum: words.statusEnum, width: 90, responsive: ['md'], render: (_, x) => <StatusTag status={x.status} /> },
    ...regionFilter,
  ];

  return (
    <AppPage>
      <ProTable<Team>
        rowKey="id" actionRef={actionRef} columns={columns} {...chrome}
        request={async (params, sort) => {
          const page = await teamApi.list(toListQuery(params, sort));
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => (staff ? [<Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>{t('talent.teams.create')}</Button>] : [])}
      />
      <TeamDrawer id={openId} onClose={() => setOpenId(null)} onChanged={reload} onEdit={(x) => setEditing({ team: x })} />
      <TeamForm open={!!editing} team={editing?.team} onClose={() => setEditing(null)} onSaved={(id) => {
        message.success(t('talent.common.saved'));
        setEditing(null); reload();
        void client.invalidateQueries({ queryKey: ['talent', 'team', id] });
        setOpenId(id);
      }} />
    </AppPage>
  );
}
