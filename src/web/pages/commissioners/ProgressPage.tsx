// 双过半: each commissioner's service days this year against what is due by the chosen day (half
// of the yearly minimum at mid-year), those behind first.
import { useMemo, useState } from 'react';
import { Alert, Progress, Switch, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import { useAuth } from '../../auth/AuthContext';
import { commissionerApi } from './api';
import RegionDateBar from './RegionDateBar';
import { FROM_MD, todayInChina } from './shared';
import './commissioners.css';

export default function ProgressPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [region, setRegion] = useState(user?.regionCode ?? '');
  const [date, setDate] = useState(todayInChina());
  const [onlyBehind, setOnlyBehind] = useState(false);
  const progress = useQuery({ queryKey: ['commissioners', 'progress', region, date], queryFn: () => commissionerApi.progress(region, date), enabled: !!region });
  const p = progress.data;
  const rows = useMemo(() => (p?.items ?? []).filter((i) => !onlyBehind || i.behind)
    .sort((a, b) => Number(b.behind) - Number(a.behind) || a.days - b.days), [p, onlyBehind]);
  return (
    <AppPage>
      <RegionDateBar region={region} onRegion={setRegion} date={date} onDate={setDate} />
      {progress.isError && <Alert type="error" showIcon message={(progress.error as Error).message} />}
      {p && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Typography.Text>{t('commissioners.staff.progressSummary', { date: p.date, share: Math.round(p.expectedShare * 100) })}</Typography.Text>
            <Tag color="error">{t('commissioners.staff.behind')} {p.behind}</Tag>
            <Space size={4}><Switch size="small" checked={onlyBehind} onChange={setOnlyBehind} />{t('commissioners.staff.onlyBehind')}</Space>
          </Space>
          <Table size="small" rowKey="commissionerId" dataSource={rows} loading={progress.isFetching} pagination={{ pageSize: 50, showSizeChanger: false }} scroll={{ x: 'max-content' }}
            columns={[
              { title: t('commissioners.common.name'), dataIndex: 'name', render: (n: string, r) => (
                <div>{n}<div className="kc-meta">{r.orgName}</div></div>
              ) },
              { title: t('commissioners.common.kind'), dataIndex: 'kind', responsive: FROM_MD, render: (k: string) => t(`commissioners.kindShort.${k}`) },
              { title: t('commissioners.common.days'), dataIndex: 'days', render: (d: number, r) => (
                <div style={{ minWidth: 120 }}>
                  <Progress percent={Math.min(100, Math.round((d / Math.max(r.minDays, 1)) * 100))} size="small"
                    status={r.behind ? 'exception' : 'normal'} format={() => `${d}/${r.minDays}`} />
                </div>
              ) },
              { title: t('commissioners.staff.expectedDays'), dataIndex: 'expectedDays', responsive: FROM_MD, render: (v: number) => Math.round(v * 10) / 10 },
              { title: t('commissioners.common.visits'), dataIndex: 'visits', responsive: FROM_MD, render: (v: number, r) => `${v}/${r.minVisits}（${r.expectedVisits}）` },
              { title: t('commissioners.common.status'), dataIndex: 'behind', render: (b: boolean) => (b ? <Tag color="error">{t('commissioners.staff.behind')}</Tag> : <Tag color="success">{t('commissioners.staff.onTrack')}</Tag>) },
            ]} />
        </>
      )}
    </AppPage>
  );
}
