// 可享政策: the policies an enterprise qualifies for now, with the conditions it meets, and those it narrowly misses.
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, ExclamationCircleTwoTone } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import PageLoading from '../../components/PageLoading';
import { policyApi, type MatchedPolicy } from './api';

function Matched({ m, near }: { m: MatchedPolicy; near?: boolean }) {
  const { t } = useTranslation();
  return (
    <List.Item data-testid={near ? 'near-policy' : 'qualified-policy'}>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap><Link to={`/policies/${m.policy.id}`} style={{ fontWeight: 500, fontSize: 15 }}>{m.policy.title}</Link>
          {m.policy.docNumber && <Typography.Text type="secondary">{m.policy.docNumber}</Typography.Text>}</Space>
        {m.policy.benefits.map((b, i) => <div key={i}><Tag color="gold">{t(`policies.benefitKind.${b.kind}`)}</Tag>{b.description} {b.amount && <b>{b.amount}</b>}</div>)}
        <Space wrap size={4}>
          {m.met.map((c) => <Tag key={c.key} icon={<CheckCircleTwoTone twoToneColor="#52c41a" />} color="success" title={c.actual}>{c.required}</Tag>)}
          {m.missing.map((c) => <Tag key={c.key} icon={<ExclamationCircleTwoTone twoToneColor="#fa8c16" />} color="warning">{c.required}：{t('policies.youHave')} {c.actual}</Tag>)}
        </Space>
      </Space>
    </List.Item>
  );
}

export default function MyPoliciesPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const q = useQuery({ queryKey: ['my-policies', user?.orgId], queryFn: () => policyApi.forEnterprise(user!.orgId!), enabled: Boolean(user?.orgId) });
  if (!q.data) return <AppPage><PageLoading /></AppPage>;
  return (
    <AppPage>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('policies.matchBasis', { name: q.data.enterpriseName, year: q.data.statYear ?? '—' })}</Typography.Text>
        <Card title={t('policies.qualifiesNow', { count: q.data.qualifies.length })}>
          {q.data.qualifies.length ? <List dataSource={q.data.qualifies} renderItem={(m) => <Matched m={m} />} /> : <Empty />}
        </Card>
        <Card title={t('policies.almost', { count: q.data.near.length })}>
          {q.data.near.length ? <List dataSource={q.data.near} renderItem={(m) => <Matched m={m} near />} /> : <Empty />}
        </Card>
      </Space>
    </AppPage>
  );
}
