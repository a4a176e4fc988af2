// 重点任务与三张清单: the year's key tasks (milestones, progress reports, overdue alerts) and the
// lists of risks, problems to fix and responsibilities (an item closes only with a reason).
// Staff create and edit tasks, add milestones and mark them done, report progress with
// attachments; on the lists they create items, start, close (with a reason) and reopen them.
import { useRef, useState, type ReactElement } from 'react';
import {
  ModalForm, ProFormDatePicker, ProFormDigit, ProFormList, ProFormSelect, ProFormText, ProFormTextArea, ProFormTreeSelect,
  ProFormUploadButton, ProTable, type ActionType, type ProColumns, type ProFormInstance,
} from '@ant-design/pro-components';
import { App, Button, Checkbox, Descriptions, Drawer, List, Progress, Row, Space, Tabs, Tag, Timeline, Typography, type UploadFile } from 'antd';
import { EditOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useLinkedId } from '../../components/useLinkedId';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import AppPage from '../../components/AppPage';
import { toListQuery } from '../../components/listQuery';
import { indicatorApi, type ItemInput, type ListItem, type MilestoneInput, type TaskDetail, type TaskInput, type TaskRow } from './api';
import { FilterBar, todayInChina, useFormError, useIndicatorRegions } from './shared';

/**
 * A picked date as the API takes it (YYYY-MM-DD): pro-components formats a date picker inside a
 * ProFormList as 'YYYY-MM-DD HH:mm:ss', which the server rightly refuses.
 */
function dateOnly(value: string): string {
  return String(value).slice(0, 10);
}

const TASK_FIELDS = ['regionCode', 'plan', 'title', 'leadDepartment', 'owner', 'dueOn', 'description'];
const MILESTONE_FIELDS = ['title', 'owner', 'dueOn'];
const ITEM_FIELDS = ['regionCode', 'title', 'detail', 'level', 'measure', 'owner', 'deadline', 'evidence'];
const blank = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

type TaskValues = Omit<TaskInput, 'year'>;

/** Creates a key task (with its first milestones) or, given `task`, edits it. */
function TaskForm({ task, region, year, trigger, onSaved, onStale }: {
  task?: TaskDetail; region?: string; year: number; trigger: ReactElement; onSaved: (task: TaskDetail) => void; onStale?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { options } = useIndicatorRegions();
  const formRef = useRef<ProFormInstance<TaskValues>>(undefined);
  const onError = useFormError();
  return (
    <ModalForm<TaskValues>
      title={task ? t('indicators.editTask') : t('indicators.createTask')}
      name={task ? 'editTask' : 'createTask'}
      formRef={formRef}
      width={720}
      trigger={trigger}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      grid
      rowProps={{ gutter: 16 }}
      initialValues={task
        ? { regionCode: task.regionCode, plan: task.plan ?? undefined, title: task.title, leadDepartment: task.leadDepartment, owner: task.owner, dueOn: task.dueOn, description: task.description ?? undefined }
        : { regionCode: region, milestones: [] }}
      onFinish={async (v) => {
        const fields = { plan: blank(v.plan), title: v.title.trim(), description: blank(v.description), leadDepartment: v.leadDepartment.trim(), owner: v.owner.trim(), dueOn: dateOnly(v.dueOn) };
        try {
          const saved = task
            ? await indicatorApi.updateTask(task.id, { ...fields, version: task.version })
            : await indicatorApi.createTask({ ...fields, regionCode: v.regionCode, year,
              milestones: (v.milestones ?? []).map((m) => ({ title: m.title.trim(), owner: blank(m.owner), dueOn: dateOnly(m.dueOn) })) });
          message.success(task ? t('indicators.saved') : t('indicators.taskCreated'));
          onSaved(saved);
          return true;
        } catch (error) {
          return onError(error, formRef.current, TASK_FIELDS, onStale);
        }
      }}
    >
      <ProFormTreeSelect name="regionCode" label={t('indicators.region')} colProps={{ span: 12 }} disabled={!!task} rules={[{ required: true }]}
        fieldProps={{ treeData: options, showSearch: true, treeNodeFilterProp: 'title', treeDefaultExpandAll: true }} />
      <ProFormText name="plan" label={t('indicators.plan')} colProps={{ span: 12 }} fieldProps={{ maxLength: 50 }} />
      <ProFormText name="title" label={t('indicators.taskTitle')} colProps={{ span: 24 }} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 200 }} />
      <ProFormText name="leadDepartment" label={t('indicators.leadDepartment')} colProps={{ span: 8 }} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 100 }} />
      <ProFormText name="owner" label={t('indicators.owner')} colProps={{ span: 8 }} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 50 }} />
      <ProFormDatePicker name="dueOn" label={t('indicators.dueOn')} colProps={{ span: 8 }} rules={[{ required: true }]} fieldProps={{ style: { width: '100%' } }} />
      <ProFormTextArea name="description" label={t('indicators.description')} colProps={{ span: 24 }} fieldProps={{ maxLength: 4000, rows: 3 }} />
      {!task && (
        <ProFormList name="milestones" label={t('indicators.milestones')} colProps={{ span: 24 }}
          creatorButtonProps={{ creatorButtonText: t('indicators.addMilestone') }} copyIconProps={false} alwaysShowItemLabel>
          <Row gutter={12} style={{ flex: 1, marginInline: 0 }}>
          <ProFormText name="title" label={t('indicators.milestoneTitle')} colProps={{ span: 11 }} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 200 }} />
          <ProFormText name="owner" label={t('indicators.milestoneOwner')} colProps={{ span: 6 }} fieldProps={{ maxLength: 50 }} />
          <ProFormDatePicker name="dueOn" label={t('indicators.milestoneDue')} colProps={{ span: 7 }} rules={[{ required: true }]} fieldProps={{ style: { width: '100%' } }} />
          </Row>
        </ProFormList>
      )}
    </ModalForm>
  );
}

function MilestoneForm({ task, onSaved }: { task: TaskDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formRef = useRef<ProFormInstance<MilestoneInput>>(undefined);
  const onError = useFormError();
  return (
    <ModalForm<MilestoneInput> title={t('indicators.addMilestone')} name="addMilestone" formRef={formRef} width={480} modalProps={{ destroyOnHidden: true }}
      trigger={<Button size="small" icon={<PlusOutlined />}>{t('indicators.addMilestone')}</Button>}
      onFinish={async (v) => {
        try {
          await indicatorApi.addMilestone(task.id, { title: v.title.trim(), owner: blank(v.owner), dueOn: dateOnly(v.dueOn) });
          message.success(t('indicators.milestoneAdded'));
          onSaved();
          return true;
        } catch (error) {
          return onError(error, formRef.current, MILESTONE_FIELDS, onSaved);
        }
      }}>
      <ProFormText name="title" label={t('indicators.milestoneTitle')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 200 }} />
      <ProFormText name="owner" label={t('indicators.milestoneOwner')} extra={t('indicators.milestoneOwnerHelp')} fieldProps={{ maxLength: 50 }} />
      <ProFormDatePicker name="dueOn" label={t('indicators.milestoneDue')} rules={[{ required: true }]} fieldProps={{ style: { width: '100%' } }} />
    </ModalForm>
  );
}

/** 报告进展: text and percentage, then each attached file uploaded onto the new report. */
function ReportForm({ task, onSaved }: { task: TaskDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formRef = useRef<ProFormInstance<{ text: string; progress: number; files?: UploadFile[] }>>(undefined);
  const onError = useFormError();
  return (
    <ModalForm<{ text: string; progress: number; files?: UploadFile[] }> title={t('indicators.report')} name="report" formRef={formRef} width={560}
      trigger={<Button type="primary" size="small">{t('indicators.report')}</Button>}
      initialValues={{ progress: task.progress }} modalProps={{ destroyOnHidden: true, maskClosable: false }}
      onFinish={async (v) => {
        let reportId: number;
        try {
          reportId = (await indicatorApi.report_(task.id, { text: v.text.trim(), progress: v.progress })).id;
        } catch (error) {
          return onError(error, formRef.current, ['text', 'progress'], onSaved);
        }
        for (const f of v.files ?? []) {
          if (!f.originFileObj) continue;
          try {
            await indicatorApi.attach(task.id, reportId, f.originFileObj);
          } catch (error) {
            message.error(t('indicators.attachFailed', { name: f.name, message: isApiError(error) ? error.message : String(error) }));
          }
        }
        message.success(t('indicators.reported'));
        onSaved();
        return true;
      }}>
      <ProFormTextArea name="text" label={t('indicators.reportText')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 4000, rows: 4 }} />
      <ProFormDigit name="progress" label={t('indicators.reportProgress')} min={0} max={100} fieldProps={{ precision: 0, addonAfter: '%' }} rules={[{ required: true }]} />
      <ProFormUploadButton name="files" label={t('indicators.attachments')} title={t('indicators.chooseFiles')} extra={t('indicators.attachmentHelp')} max={5}
        fieldProps={{ multiple: true, beforeUpload: () => false }} />
    </ModalForm>
  );
}

function TaskDrawer({ id, year, onClose, onChanged }: { id: number | null; year: number; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const task = useQuery({ queryKey: ['indicators', 'task', id], queryFn: () => indicatorApi.task(id!), enabled: id !== null });
  const d = task.data;
  const refresh = async () => { await client.invalidateQueries({ queryKey: ['indicators', 'task', id] }); onChanged(); };
  return (
    <Drawer open={id !== null} onClose={onClose} width={680} title={d?.title} destroyOnHidden
      extra={d && <TaskForm task={d} year={year} trigger={<Button icon={<EditOutlined />}>{t('indicators.editTask')}</Button>} onSaved={refresh} onStale={refresh} />}>
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
          <Space style={{ justifyContent: 'space-between', width: '100%', margin: '16px 0 12px' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>{t('indicators.milestones')}</Typography.Title>
            <MilestoneForm task={d} onSaved={refresh} />
          </Space>
          <Timeline items={d.milestoneList.map((m) => ({
            color: m.doneOn ? 'green' : m.overdue ? 'red' : 'blue',
            children: (
              <Space wrap>
                <Checkbox checked={!!m.doneOn} onChange={async (e) => {
                  try {
                    await indicatorApi.milestoneDone(d.id, m.id, e.target.checked ? todayInChina() : null, m.version);
                    message.success(e.target.checked ? t('indicators.milestoneMarked') : t('indicators.milestoneUnmarked'));
                  } catch (error) {
                    if (!isApiError(error)) throw error;
                    message.error(error.message);
                    if (error.code === 'STALE_VERSION') message.info(t('indicators.staleReloaded'));
                  }
                  await refresh();
                }}>{m.title}</Checkbox>
                <Typography.Text type="secondary">{m.owner ? `${m.owner} · ` : ''}{m.dueOn}</Typography.Text>
                {m.doneOn ? <Tag color="success">{t('indicators.doneOn', { date: m.doneOn })}</Tag> : m.overdue ? <Tag color="error">{t('indicators.overdueTag')}</Tag> : null}
              </Space>
            ),
          }))} />
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>{t('indicators.reports')}</Typography.Title>
            <ReportForm task={d} onSaved={refresh} />
          </Space>
          <List size="small" dataSource={d.reports} renderItem={(r) => (
            <List.Item>
              <List.Item.Meta title={`${r.reportedOn} · ${r.progress}% · ${r.reporter ?? ''}`} description={
                <>
                  {r.text}
                  {r.attachments.map((a) => (
                    <div key={a.id}><a href={`/api/v1/indicators/attachments/${a.id}`}><PaperClipOutlined /> {a.fileName}</a>
                      <Typography.Text type="secondary"> （{(a.size / 1024).toFixed(1)} KB）</Typography.Text></div>
                  ))}
                </>
              } />
            </List.Item>
          )} />
        </>
      )}
    </Drawer>
  );
}

type ItemValues = Omit<ItemInput, 'year' | 'list'>;

function ItemForm({ list, region, year, onSaved }: { list: ListItem['list']; region?: string; year: number; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { options } = useIndicatorRegions();
  const formRef = useRef<ProFormInstance<ItemValues>>(undefined);
  const onError = useFormError();
  return (
    <ModalForm<ItemValues> title={`${t('indicators.createItem')} · ${t(`indicators.list.${list}`)}`} name={`createItem-${list}`} formRef={formRef} width={640}
      trigger={<Button type="primary" icon={<PlusOutlined />}>{t('indicators.createItem')}</Button>}
      modalProps={{ destroyOnHidden: true, maskClosable: false }} grid rowProps={{ gutter: 16 }}
      initialValues={{ regionCode: region, level: list === 'risk' ? 'medium' : undefined }}
      onFinish={async (v) => {
        try {
          await indicatorApi.createItem({ regionCode: v.regionCode, year, list, title: v.title.trim(), detail: blank(v.detail), level: list === 'risk' ? v.level : null,
            measure: blank(v.measure), owner: v.owner.trim(), deadline: v.deadline || null, evidence: blank(v.evidence) });
          message.success(t('indicators.itemCreated'));
          onSaved();
          return true;
        } catch (error) {
          return onError(error, formRef.current, ITEM_FIELDS);
        }
      }}>
      <ProFormTreeSelect name="regionCode" label={t('indicators.region')} colProps={{ span: 12 }} rules={[{ required: true }]}
        fieldProps={{ treeData: options, showSearch: true, treeNodeFilterProp: 'title', treeDefaultExpandAll: true }} />
      {list === 'risk' && (
        <ProFormSelect name="level" label={t('indicators.level')} colProps={{ span: 12 }} rules={[{ required: true }]} allowClear={false}
          options={(['high', 'medium', 'low'] as const).map((l) => ({ value: l, label: t(`indicators.levels.${l}`) }))} />
      )}
      {list === 'problem' && (
        <ProFormDatePicker name="deadline" label={t('indicators.deadline')} colProps={{ span: 12 }} rules={[{ required: true }]} fieldProps={{ style: { width: '100%' } }} />
      )}
      <ProFormText name="title" label={t('indicators.itemTitle')} colProps={{ span: 24 }} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 200 }} />
      <ProFormTextArea name="detail" label={t('indicators.detail')} colProps={{ span: 24 }} fieldProps={{ maxLength: 4000, rows: 2 }} />
      {list !== 'responsibility' && <ProFormTextArea name="measure" label={t('indicators.measure')} colProps={{ span: 24 }} fieldProps={{ maxLength: 2000, rows: 2 }} />}
      <ProFormText name="owner" label={list === 'responsibility' ? t('indicators.responsible') : t('indicators.owner')} colProps={{ span: 12 }}
        rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 100 }} />
      {list !== 'problem' && (
        <ProFormDatePicker name="deadline" label={t('indicators.deadlineOptional')} colProps={{ span: 12 }} fieldProps={{ style: { width: '100%' } }} />
      )}
    </ModalForm>
  );
}

/** 销号 (reason required; a problem also the evidence of its fix) or 重新打开 (reason required). */
function MoveItem({ item, action, onDone }: { item: ListItem; action: 'close' | 'reopen'; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formRef = useRef<ProFormInstance<{ reason: string; evidence?: string }>>(undefined);
  const onError = useFormError();
  const closing = action === 'close';
  return (
    <ModalForm<{ reason: string; evidence?: string }> title={`${t(`indicators.${action}`)}：${item.title}`} formRef={formRef} width={560}
      name={`${action}Item`} modalProps={{ destroyOnHidden: true }}
      trigger={<Button size="small" type="link">{t(`indicators.${action}`)}</Button>} initialValues={{ evidence: item.evidence ?? undefined }}
      onFinish={async (v) => {
        try {
          await indicatorApi.moveItem(item.id, action, { version: item.version, reason: v.reason.trim(), evidence: closing ? blank(v.evidence) ?? undefined : undefined });
          message.success(closing ? t('indicators.closed') : t('indicators.reopened'));
          onDone();
          return true;
        } catch (error) {
          return onError(error, formRef.current, ['reason', 'evidence'], onDone);
        }
      }}>
      <ProFormTextArea name="reason" label={closing ? t('indicators.closeReason') : t('indicators.reopenReason')} fieldProps={{ maxLength: 2000, rows: 3 }}
        rules={[{ required: true, whitespace: true, message: closing ? t('indicators.closeReasonRequired') : t('indicators.reasonRequired') }]} />
      {closing && item.list === 'problem' && (
        <ProFormTextArea name="evidence" label={t('indicators.evidence')} extra={t('indicators.evidenceHelp')} fieldProps={{ maxLength: 4000, rows: 3 }}
          rules={[{ required: true, whitespace: true, message: t('indicators.evidenceRequired') }]} />
      )}
    </ModalForm>
  );
}

function ItemTable({ list, region, year }: { list: ListItem['list']; region?: string; year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const ref = useRef<ActionType>(undefined);
  const reload = () => ref.current?.reload();
  const start = async (item: ListItem) => {
    try {
      await indicatorApi.moveItem(item.id, 'start', { version: item.version });
      message.success(t('indicators.started'));
    } catch (error) {
      if (!isApiError(error)) throw error;
      message.error(error.message);
    }
    reload();
  };
  const columns: ProColumns<ListItem>[] = [
    { title: t('indicators.itemTitle'), dataIndex: 'title', render: (_, r) => (
      <Space direction="vertical" size={0}>
        <span>{r.title}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.regionName}{r.detail ? ` · ${r.detail}` : ''}</Typography.Text>
      </Space>) },
    ...(list === 'risk' ? [{ title: t('indicators.level'), dataIndex: 'level', width: 70, render: (_: unknown, r: ListItem) =>
      <Tag color={r.level === 'high' ? 'error' : r.level === 'medium' ? 'warning' : 'default'}>{r.level ? t(`indicators.levels.${r.level}`) : '—'}</Tag> } as ProColumns<ListItem>] : []),
    ...(list !== 'responsibility' ? [{ title: t('indicators.measure'), dataIndex: 'measure', ellipsis: true } as ProColumns<ListItem>] : []),
    { title: list === 'responsibility' ? t('indicators.responsible') : t('indicators.owner'), dataIndex: 'owner', width: 140 },
    ...(list === 'problem' ? [{ title: t('indicators.deadline'), dataIndex: 'deadline', width: 110, render: (_: unknown, r: ListItem) =>
      <span style={{ color: r.overdue ? '#cf1322' : undefined }}>{r.deadline}</span> } as ProColumns<ListItem>] : []),
    { title: t('indicators.status'), dataIndex: 'status', width: 220, render: (_, r) => (
      <Space direction="vertical" size={0}>
        <Tag color={r.status === 'closed' ? 'default' : r.status === 'in_progress' ? 'processing' : 'warning'}>{t(`indicators.itemStatus.${r.status}`)}</Tag>
        {r.closeReason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.closeReason}</Typography.Text>}
      </Space>) },
    { title: t('common.actions'), valueType: 'option', width: 150, render: (_, r) => [
      r.status === 'open' && <Button key="start" size="small" type="link" onClick={() => start(r)}>{t('indicators.start')}</Button>,
      r.status !== 'closed' && <MoveItem key="close" item={r} action="close" onDone={reload} />,
      r.status === 'closed' && <MoveItem key="reopen" item={r} action="reopen" onDone={reload} />,
    ].filter(Boolean) },
  ];
  return (
    <ProTable<ListItem> rowKey="id" actionRef={ref} search={false} options={false} size="small" columns={columns}
      params={{ region, year, list }} pagination={{ pageSize: 20 }}
      toolBarRender={() => [<ItemForm key="create" list={list} region={region} year={year} onSaved={reload} />]}
      request={async (params, sort) => {
        const page = await indicatorApi.lists({ ...toListQuery(params, sort), region, year, list });
        return { data: page.items, total: page.total, success: true };
      }} />
  );
}

export default function TasksPage() {
  const { t } = useTranslation();
  const { defaultCode } = useIndicatorRegions();
  const [filter, setFilter] = useState<{ region?: string; year: number }>({ year: new Date().getFullYear() });
  const region = filter.region ?? defaultCode;
  // a 待办 links here as ?task=<id> (opens the task) or ?tab=lists&list=<list> (that list)
  const [search] = useSearchParams();
  const [open, setOpen] = useLinkedId('task');
  const linkedList = search.get('list');
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const tasksRef = useRef<ActionType>(undefined);

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

  const lists = (['risk', 'problem', 'responsibility'] as const).map((list) => ({
    key: list, label: t(`indicators.list.${list}`), children: <ItemTable list={list} region={region} year={filter.year} />,
  }));

  return (
    <AppPage extra={<FilterBar region={region} year={filter.year} withPeriod={false} onChange={(n) => setFilter((f) => ({ ...f, ...n }))} />}>
      <Tabs defaultActiveKey={search.get('tab') === 'lists' ? 'lists' : 'tasks'} items={[
        { key: 'tasks', label: t('indicators.taskPanel'), children: (
          <ProTable<TaskRow> rowKey="id" actionRef={tasksRef} search={false} size="small" columns={taskColumns}
            params={{ region, year: filter.year, onlyOverdue }}
            toolBarRender={() => [
              <Checkbox key="o" checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.target.checked)}>{t('indicators.onlyOverdue')}</Checkbox>,
              <TaskForm key="create" region={region} year={filter.year} trigger={<Button type="primary" icon={<PlusOutlined />}>{t('indicators.createTask')}</Button>}
                onSaved={(task) => { tasksRef.current?.reload(); setOpen(task.id); }} />,
            ]}
            request={async (params, sort) => {
              const page = await indicatorApi.tasks({ ...toListQuery(params, sort), region, year: filter.year, overdue: onlyOverdue ? 'true' : undefined });
              return { data: page.items, total: page.total, success: true };
            }} />
        ) },
        { key: 'lists', label: t('indicators.lists'), children: <Tabs type="card" defaultActiveKey={lists.some((l) => l.key === linkedList) ? linkedList! : undefined} items={lists} /> },
      ]} />
      <TaskDrawer id={open} year={filter.year} onClose={() => setOpen(null)} onChanged={() => tasksRef.current?.reload()} />
    </AppPage>
  );
}
