// 申报管理: the calls that take applications (published or closed), newest closing first, each with
// its number of applications; a call opens its board (/projects/calls/:id).
import { useState } from 'react';
import { Card, Input, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import { projectApi, type Call } from './api';
import { CallStateTag, FROM_MD, chinaTime, useWide, wanText } from './shared';

export default function CallsPage() {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [state, setState] = useState<string | undefined>(undefined);
  const [q, setQ] = useState('');
  const wide = useWide();
  const calls = useQuery({ queryKey: ['projects', 'calls', { year, state, q }], queryFn: () => projectApi.calls({ year, state, q: q || undefined }) });
  const items = (calls.data?.items ?? []).filter((c) => c.status !== 'draft');
  return (
    <AppPage>
      <Card size="small" title={
        <Space wrap style={{ paddingBlock: 4 }}>
          <Select aria-label={t('projects.call.year')} allowClear placeholder={t('projects.call.allYears')} style={{ width: 110 }} value={year} onChange={setYear}
            options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: String(y) }))} />
          <Select aria-label={t('projects.call.state')} allowClear placeholder={t('projects.call.allStates')} style={{ width: 110 }} value={state} onChange={setState}
            options={(['upcoming', 'open', 'closed'] as const).map((s) => ({ value: s, label: t(`projects.callState.${s}`) }))} />
          <Input.Search allowClear placeholder={t('projects.call.search')} style={{ width: 200 }} onSearch={setQ} />
        </Space>
      }>
        <Table<Call> rowKey="id" size="middle" loading={calls.isLoading} dataSource={items} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={wide ? { x: 760 } : undefined}
          columns={[
            { title: t('projects.call.title'), dataIndex: 'title', render: (v, c) => (
              <>
                <Link to={`/projects/calls/${c.id}`} data-testid={`call-link-${c.id}`}>{v}</Link>
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.programmeName} · {c.regionName} · {c.year}</Typography.Text></div>
              </>
            ) },
            { title: t('projects.call.closesAt'), dataIndex: 'closesAt', width: 140, responsive: FROM_MD, render: (v) => chinaTime(v) },
            { title: t('projects.call.budgetWan'), dataIndex: 'budget', width: 120, align: 'right', responsive: FROM_MD, render: (v) => wanText(v) },
            { title: t('projects.call.state'), dataIndex: 'state', width: 90, render: (s) => <CallStateTag state={s} /> },
            { title: t('projects.call.applications'), dataIndex: 'applications', width: 90, align: 'right', render: (v, c) => <Link to={`/projects/calls/${c.id}?tab=applications`}>{v ?? 0}</Link> },
          ]} />
      </Card>
    </AppPage>
  );
}
