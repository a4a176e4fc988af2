// 政策详情 for signed-in users; staff also see who it reaches (push list).
import { Button, Card, Empty, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import PageLoading from '../../components/PageLoading';
import { policyApi, type MatchedEnterprise } from './api';
import PolicyDetailView from './PolicyDetailView';

function Reach({ id }: { id: number }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['policy-enterprises', id], queryFn: () => policyApi.enterprises(id) });
  if (!q.data) return <PageLoading />;
  if (!q.data.matchable) return <Empty description={t('policies.notMatchable')} />;
  const columns = [
    { title: t('enterprises.name'), dataIndex: 'name' },
    { title: t('enterprises.region'), dataIndex: 'regionName', width: 100 },
    { title: t('policies.contact'), render: (_: unknown, e: MatchedEnterprise) => `${e.contactName} ${e.contactPhone ?? ''}`, width: 180 },
    { title: t('policies.missing'), render: (_: unknown, e: MatchedEnterprise) => e.missing.map((m) => <div key={m.key}><Tag color="orange">{m.required}</Tag>{m.actual}</div>) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button icon={<DownloadOutlined />} onClick={() => policyApi.pushList(id)}>{t('policies.pushList')}</Button>
      <Typography.Title level={5}>{t('policies.qualifying', { count: q.data.qualifies.length })}</Typography.Title>
      <Table rowKey="id" size="small" columns={columns.slice(0, 3)} dataSource={q.data.qualifies} pagination={{ pageSize: 10 }} />
      <Typography.Title level={5}>{t('policies.nearMisses', { count: q.data.near.length })}</Typography.Title>
      <Table rowKey="id" size="small" columns={columns} dataSource={q.data.near} pagination={{ pageSize: 10 }} />
    </Space>
  );
}

export default function PolicyDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const { access } = useAuth();
  const q = useQuery({ queryKey: ['policy', id], queryFn: () => policyApi.get(Number(id)) });
  if (!q.data) return <AppPage><PageLoading /></AppPage>;
  const detail = <PolicyDetailView policy={q.data} linkTo={(x) => `/policies/${x}`} />;
  return (
    <AppPage title={t('menu.policyDetail')} extra={q.data.canEdit ? <Button icon={<EditOutlined />} onClick={() => navigate(`/policies/${id}/edit`)}>{t('policies.edit')}</Button> : undefined}>
      {access.canEditPolicies ? (
        <Tabs items={[{ key: 'text', label: t('policies.tabText'), children: detail },
          { key: 'reach', label: t('policies.tabReach'), children: <Card><Reach id={Number(id)} /></Card> }]} />
      ) : detail}
    </AppPage>
  );
}
