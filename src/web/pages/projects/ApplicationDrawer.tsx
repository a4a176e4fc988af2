// An application in a drawer for the bureau: its facts and timeline, the actions its state allows,
// and the experts on it (with their scores once submitted; one may be taken off before submitting).
import { useState } from 'react';
import { Alert, App, Button, Drawer, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ApplicationView, { ApplicationDocuments } from './ApplicationView';
import { ActionModal, StaffActionButtons, type StaffAction } from './StaffActions';
import { projectApi, type Assignment } from './api';
import { ReviewStatusTag, useApiError, useWide } from './shared';

export default function ApplicationDrawer({ id, budgetLeft, onClose, onChanged }: {
  id: number | null; budgetLeft?: number; onClose: () => void; onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const onError = useApiError();
  const [action, setAction] = useState<StaffAction | null>(null);
  const [reason, setReason] = useState('');
  const wide = useWide();
  const detail = useQuery({ queryKey: ['projects', 'application', id], queryFn: () => projectApi.application(id!), enabled: id !== null });
  const app = detail.data;
  const assignments = useQuery({ queryKey: ['projects', 'assignments', app?.callId], queryFn: () => projectApi.assignments(app!.callId), enabled: !!app });
  const mine = (assignments.data?.items ?? []).filter((a) => a.applicationId === id);
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['projects'] });
    onChanged();
  };

  const experts = (
    <Table<Assignment> size="small" rowKey="id" pagination={false} dataSource={mine} scroll={{ x: 'max-content' }} loading={assignments.isLoading}
      columns={[
        { title: t('projects.assign.expert'), dataIndex: 'expertName', render: (v, a) => <>{v}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.expertOrg}</Typography.Text></div></> },
        { title: t('projects.assign.method'), dataIndex: 'method', width: 80, render: (m) => <Tag>{t(`projects.assign.methods.${m}`)}</Tag> },
        { title: t('projects.assign.status'), dataIndex: 'status', width: 100, render: (s, a) => <><ReviewStatusTag status={s} />{a.conflictReason && <div style={{ fontSize: 12 }}>{a.conflictReason}</div>}</> },
        { title: t('projects.assign.total'), dataIndex: 'total', width: 70, align: 'right', render: (v) => v ?? '—' },
        {
          title: '', key: 'x', width: 70,
          render: (_, a) => (a.status === 'assigned' || a.status === 'declared') && (
            <Popconfirm title={<Space direction="vertical"><span>{t('projects.assign.removeConfirm', { name: a.expertName })}</span>
              <Input size="small" placeholder={t('projects.assign.removeReason')} value={reason} onChange={(e) => setReason(e.target.value)} /></Space>}
              onConfirm={async () => {
                try {
                  await projectApi.unassign(a.id, reason.trim() || t('projects.assign.removeDefault'));
                  message.success(t('projects.assign.removed'));
                  setReason('');
                  await refresh();
                } catch (error) { onError(error); }
              }}>
              <Button type="link" size="small" danger>{t('projects.assign.remove')}</Button>
            </Popconfirm>
          ),
        },
      ]} />
  );

  return (
    <Drawer open={id !== null} onClose={onClose} width={880} destroyOnHidden title={app?.title}
      extra={wide && app && <ApplicationDocuments app={app} />}>
      {detail.isError && <Alert type="error" showIcon message={(detail.error as Error).message} />}
      {app && (
        <>
          {!wide && <div style={{ marginBottom: 8 }}><ApplicationDocuments app={app} /></div>}
          <div style={{ marginBottom: 16 }}><StaffActionButtons app={app} onPick={setAction} /></div>
          <ApplicationView app={app} staff defaultTab="timeline"
            extraTabs={mine.length ? [{ key: 'experts', label: `${t('projects.assign.experts')} (${mine.filter((a) => a.status !== 'declined').length})`, children: experts }] : []} />
          <ActionModal action={action} app={app} budgetLeft={budgetLeft} onClose={() => setAction(null)}
            onDone={async () => { setAction(null); await refresh(); }} />
        </>
      )}
    </Drawer>
  );
}
