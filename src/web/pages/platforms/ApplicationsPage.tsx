// 认定申请: a host's own certification applications (drafts included) and its "申请认定"; the staff's
// applications of their region (never drafts) by status, type, level and region. A row opens its
// page (/platforms/applications/:id), where each side acts.
import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Button, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import { toListQuery } from '../../components/listQuery';
import { applicationApi, type Application } from './api';
import ApplicationForm from './ApplicationForm';
import { ApplicationStatusTag, LevelTag, chinaTime, useListTableChrome, usePlatformNames, useRegionFilterColumn, useWide } from './shared';

export default function ApplicationsPage() {
  const { t } = useTranslation();
  const chrome = useListTableChrome();
  const wide = useWide();
  const { user } = useAuth();
  const navigate = useNavigate();
  const names = usePlatformNames();
  const actionRef = useRef<ActionType>(undefined);
  const [creating, setCreating] = useState(false);
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const host = user?.role === 'enterprise' || user?.role === 'institution';
  const regionFilter = useRegionFilterColumn<Application>(staff);

  const columns: ProColumns<Application>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true },
    { title: t('platforms.common.name'), dataIndex: 'name', sorter: true, hideInSearch: true, render: (_, a) => (
      <div style={{ minWidth: 200, maxWidth: wide ? 380 : 270, whiteSpace: 'normal' }}>
        <Link to={`/platforms/applications/${a.id}`} data-testid={`application-${a.id}`}>{a.name}</Link>
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.orgName} · {names.typeName(a.type)}</Typography.Text></div>
        {!wide && <Space size={6} style={{ marginTop: 4 }}><LevelTag level={a.level} /><ApplicationStatusTag status={a.status} /></Space>}
      </div>
    ) },
    { title: t('platforms.common.type'), dataIndex: 'type', valueType: 'select', valueEnum: names.typeEnum, hideInTable: true },
    { title: t('platforms.common.level'), dataIndex: 'level', valueType: 'select', valueEnum: names.levelEnum, width: 90, responsive: ['md'], render: (_, a) => <LevelTag level={a.level} /> },
    { title: t('platforms.common.status'), dataIndex: 'status', valueType: 'select', valueEnum: names.applicationStatusEnum, width: 120, responsive: ['md'],
      render: (_, a) => <ApplicationStatusTag status={a.status} /> },
    { title: t('platforms.common.region'), dataIndex: 'regionName', hideInSearch: true, width: 90, responsive: ['lg'] },
    { title: t('platforms.application.panel'), dataIndex: 'experts', hideInSearch: true, width: 110, responsive: ['lg'],
      render: (_, a) => (a.experts.active ? t('platforms.application.expertProgress', { submitted: a.experts.submitted, active: a.experts.active }) : '—') },
    { title: t('platforms.application.score'), dataIndex: 'score', sorter: true, hideInSearch: true, width: 80, align: 'right', responsive: ['md'], render: (_, a) => a.score ?? '—' },
    { title: t('platforms.application.submittedAt'), dataIndex: 'submittedAt', sorter: true, hideInSearch: true, width: 150, responsive: ['md'], render: (_, a) => chinaTime(a.submittedAt) },
    ...regionFilter,
  ];

  return (
    <AppPage>
      <ProTable<Application>
        rowKey="id" actionRef={actionRef} columns={columns} {...chrome}
        request={async (params, sort) => {
          const page = await applicationApi.list(toListQuery(params, sort));
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => (host ? [<Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="application-create">{t('platforms.application.create')}</Button>] : [])}
      />
      {host && <ApplicationForm open={creating} onClose={() => setCreating(false)} onSaved={(id) => { setCreating(false); navigate(`/platforms/applications/${id}`); }} />}
    </AppPage>
  );
}
