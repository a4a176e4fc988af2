// 重点任务与三张清单: the year's key tasks (milestones, progress reports, overdue alerts) and the
// lists of risks, problems to fix and responsibilities (an item closes only with a reason).
import { useRef, useState } from 'react';
import { ModalForm, ProFormDigit, ProFormTextArea, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Checkbox, Descriptions, Drawer, List, Progress, Space, Tabs, Tag, Timeline, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import AppPage from '../../components/AppPage';
import { toListQuery } from '../../components/listQuery';
import { indicatorApi, type ListItem, type TaskRow } from './api';
import { FilterBar, useIndicatorRegions } from './shared';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function TaskDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const task = useQuery({ queryKey: ['indicators', 'task', id], queryFn: () => indicatorApi.task(id!), enabled: id !== null });
  const d = task.data;
  const refresh = async () => { await client.invalidateQueries({ queryKey: ['indicators', 'task', id] }); onChanged(); };
  return (
    <Drawer open={id !== null} onClose={onClose} width={640} title={d?.title} destroyOnHidden>
      {d && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('indicators.region')}>{d.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('indicators.plan')}>{d.plan ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('indicators.leadDepartment')}>{d.leadDepartment}</Descriptions.Item>
            <Descriptions.Item label={t('indicators.owner')}>{d.owner}</Descriptions.Item>
            <Descriptions.Item label={t('indicators.dueOn')}>{d.dueOn}</Descriptions.Item>
            <Descriptions.Item label={t('indicators.progress')}><Progress percent={d.progress} size="small" /></Descriptions.Item>
          </Descriptions>
          {d.description && <Typography.Paragraph style={{ marginTop: 12 }}>{d.description}</Typography.Paragraph>}
          <Typography.Title level={5}>{t('indicators.milestones')}</Typography.Title>
          <Timeline items={d.milestoneList.map((m) => ({
            color: m.doneOn ? 'green' : m.overdue ? 'red' : 'blue',
            children: (
              <Space wrap>
                <Checkbox checked={!!m.doneOn} onChange={async (e) => {
                  try {
                    await indicatorApi.milestoneDone(d.id, m.id, e.target.checked ? today() : null, m.version);
                    await refresh();
                  } catch (error) { if (isApiError(error)) message.error(error.message); else throw error; }
                }}>{m.title}</Checkbox>
                <Typography.Text type="secondary">{m.dueOn}</Typography.Text>
                {m.doneOn ? <Tag color="success">{t('indicators.doneOn', { date: m.doneOn })}</Tag> : m.overdue ? <Tag color="error">{t('indicators.overdueTag')}</Tag> : null}
              </Space>
            ),
          }))} />
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>{t('indicators.reports')}</Typography.Title>
            <ModalForm<{ text: string; progress: number }> title={t('indicators.report')} trigger={<Button type="primary" size="small">{t('indicators.report')}</Button>}
              initialValues={{ progress: d.progress }} modalProps={{ destroyOnHidden: true }}
              onFinish={async (v) => {
                await indicatorApi.report_(d.id, v);
                message.success(t('indicators.reported'));
                await refresh();
                return true;
              }}>
              <ProFormTextArea name="text" label={t('indicators.reportText')} rules={[{ required: true, whitespace: true }]} />
              <ProFormDigit name="progress" label={t('indicators.reportProgress')} min={0} max={100} rules={[{ required: true }]} />
            </ModalForm>
          </Space>
          <List size="small" dataSource={d.reports} renderItem={(r) => (
            <List.Item>
              <List.Item.Meta title={`${r.reportedOn} · ${r.progress}% · ${r.reporter ?? ''}`} description={
                <>
                  {r.text}
                  {r.attachments.map((a) => <div key={a.id}><a href={`/api/v1/indicators/attachments/${a.id}`}>{a.fileName}</a></div>)}
                </>
              } />
            </List.Item>
          )} />
        </>
      )}
    </Drawer>
  );
}

function CloseItem({ item, onDone }: { item: ListItem; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <ModalForm<{ reason: string; evidence?: string }> title={`${t('indicators.close')}：${item.title}`} modalProps={{ destroyOnHidden: true }}
      trigger={<Button size="small" type="link">{t('indicators.close')}</Button>} initialValues={{ evidence: item.evidence ?? undefined }}
      onFinish={async (v) => {
        try {
          await indicatorApi.moveItem(item.id, 'close', { version: item.version, reason: v.reason, evidence: v.evidence });
          message.success(t('indicators.closed'));
          onDone();
          return true;
        } catch (error) {
          if (isApiError(error)) { message.error(error.message); return false; }
          throw error;
        }
      }}>
      <ProFormTextArea name="reason" label={t('indicators.closeReason')} rules={[{ required: true, whitespace: true, message: t('indicators.closeReasonRequired') }]} />
      {item.list === 'problem' && <ProFormTextArea name="evidence" label={t('indicators.evidence')} rules={[{ required: true, whitespace: true }]} />}
    </ModalForm>
  );
}

export default function TasksPage() {
  const { t } = useTranslation();
  const { defaultCode } = useIndicatorRegions();
  const [filter, setFilter] = useState<{ region?: string; year: number }>({ year: new Date().getFullYear() });
  const region = filter.region ?? defaultCode;
  const [open, setOpen] = useState<number | null>(null);
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const tasksRef = useRef<ActionType>(undefined);
  const listsRef = useRef<ActionType>(undefined);

  const taskColumns: ProColumns<TaskRow>[] = [
    { title: t('indicators.taskTitle'), dataIndex: 'title', render: (_, r) => (
      <Space direction="vertical" size={0}>
        <Typography.Link onClick={() => setOpen(r.id)}>{r.title}</Typography.Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.regionName}{r.plan ? ` · ${r.plan}` : ''}</Typography.Text>
      </Space>) },
    { title: t('indicators.leadDepartment'), dataIndex: 'leadDepartment', width: 130 },
    { title: t('indicators.owner'), dataIndex: 'owner', width: 90 },
    { title: t('indicators.milestones'), dataIndex: 'milestones', width: 90, render: (_, r) => `${r.milestonesDone} / ${r.milestones}` },
    { title: t('indicators.nextMilestone'), dataIndex: 'nextMilestone', width: 200, render: (_, r) => (r.nextMilestone ? `${r.nextMilestone.title}（${r.nextMilestone.dueOn}）` : '—') },
    { title: t('indicators.progress'), dataIndex: 'progress', width: 150, sorter: true, render: (_, r) => <Progress percent={r.progress} size="small" /> },
    { title: t('indicators.dueOn'), dataIndex: 'dueOn', width: 110, sorter: true },
    { title: t('indicators.status'), dataIndex: 'status', width: 120, render: (_, r) => (
      <Space size={4}>
        <Tag color={r.status === 'done' ? 'success' : 'processing'}>{t(`indicators.taskStatus.${r.status}`)}</Tag>
        {(r.overdue || r.overdueMilestones > 0) && <Tag color="error">{t('indicators.overdueTag')}</Tag>}
      </Space>) },
  ];

  const itemColumns = (list: ListItem['list']): ProColumns<ListItem>[] => [
    { title: t('indicators.itemTitle'), dataIndex: 'title', render: (_, r) => (
      <Space direction="vertical" size={0}>
        <span>{r.title}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.regionName}{r.detail ? ` · ${r.detail}` : ''}</Typography.Text>
      </Space>) },
    ...(list === 'risk' ? [{ title: t('indicators.level'), dataIndex: 'level', width: 70, render: (_: unknown, r: ListItem) =>
      <Tag color={r.level === 'high' ? 'error' : r.level === 'medium' ? 'warning' : 'default'}>{r.level ? t(`indicators.levels.${r.level}`) : '—'}</Tag> } as ProColumns<ListItem>] : []),
    ...(list !== 'responsibility' ? [{ title: t('indicators.measure'), dataIndex: 'measure', ellipsis: true } as ProColumns<ListItem>] : []),
    { title: t('indicators.owner'), dataIndex: 'owner', width: 140 },
    ...(list === 'problem' ? [{ title: t('indicators.deadline'), dataIndex: 'deadline', width: 110, render: (_: unknown, r: ListItem) =>
      <span style={{ color: r.overdue ? '#cf1322' : undefined }}>{r.deadline}</span> } as ProColumns<ListItem>] : []),
    { title: t('indicators.status'), dataIndex: 'status', width: 200, render: (_, r) => (
      <Space direction="vertical" size={0}>
        <Tag color={r.status === 'closed' ? 'default' : r.status === 'in_progress' ? 'processing' : 'warning'}>{t(`indicators.itemStatus.${r.status}`)}</Tag>
        {r.closeReason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.closeReason}</Typography.Text>}
      </Space>) },
    { title: '', valueType: 'option', width: 70, render: (_, r) => (r.status !== 'closed' ? <CloseItem item={r} onDone={() => listsRef.current?.reload()} /> : null) },
  ];

  const lists = (['risk', 'problem', 'responsibility'] as const).map((list) => ({
    key: list, label: t(`indicators.list.${list}`),
    children: (
      <ProTable<ListItem> rowKey="id" actionRef={listsRef} search={false} options={false} size="small" columns={itemColumns(list)}
        params={{ region, year: filter.year, list }} pagination={{ pageSize: 20 }}
        request={async (params, sort) => {
          const page = await indicatorApi.lists({ ...toListQuery(params, sort), region, year: filter.year, list });
          return { data: page.items, total: page.total, success: true };
        }} />
    ),
  }));

  return (
    <AppPage extra={<FilterBar region={region} year={filter.year} withPeriod={false} onChange={(n) => setFilter((f) => ({ ...f, ...n }))} />}>
      <Tabs items={[
        { key: 'tasks', label: t('indicators.taskPanel'), children: (
          <ProTable<TaskRow> rowKey="id" actionRef={tasksRef} search={false} size="small" columns={taskColumns}
            params={{ region, year: filter.year, onlyOverdue }}
            toolBarRender={() => [<Checkbox key="o" checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.target.checked)}>{t('indicators.onlyOverdue')}</Checkbox>]}
            request={async (params, sort) => {
              const page = await indicatorApi.tasks({ ...toListQuery(params, sort), region, year: filter.year, overdue: onlyOverdue ? 'true' : undefined });
              return { data: page.items, total: page.total, success: true };
            }} />
        ) },
        { key: 'lists', label: t('indicators.lists'), children: <Tabs type="card" items={lists} /> },
      ]} />
      <TaskDrawer id={open} onClose={() => setOpen(null)} onChanged={() => tasksRef.current?.reload()} />
    </AppPage>
  );
}
