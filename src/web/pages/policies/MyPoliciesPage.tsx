// 可享政策: what the enterprise enjoys now (it holds the status each benefit needs), what it may
// apply for (it meets the conditions; the benefit follows a status it does not hold yet), and the
// policies it misses by one condition. Conditions read as the server words them, never as codes.
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, ExclamationCircleTwoTone } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import PageLoading from '../../components/PageLoading';
import { policyApi, type Benefit, type MatchedPolicy } from './api';

type Section = 'enjoy' | 'apply' | 'near';

function BenefitLine({ b, after }: { b: Benefit; after?: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <Tag color={after ? 'blue' : 'gold'}>{t(`policies.benefitKind.${b.kind}`)}</Tag>{b.description} {b.amount && <b>{b.amount}</b>}
      {after && <Typography.Text type="secondary">（{after}）</Typography.Text>}
    </div>
  );
}

function Matched({ m, section }: { m: MatchedPolicy; section: Section }) {
  const { t } = useTranslation();
  return (
    <List.Item data-testid={section === 'near' ? 'near-policy' : section === 'enjoy' ? 'enjoy-policy' : 'apply-policy'}>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap><Link to={`/policies/${m.policy.id}`} style={{ fontWeight: 500, fontSize: 15 }}>{m.policy.title}</Link>
          {m.policy.docNumber && <Typography.Text type="secondary">{m.policy.docNumber}</Typography.Text>}</Space>
        {/* each card shows only its own benefits: what is enjoyed now never sits beside what needs a status first */}
        {section === 'enjoy' && m.enjoyNow.map((b, i) => <BenefitLine key={i} b={b} />)}
        {section === 'apply' && m.applyFor.map((b, i) => <BenefitLine key={i} b={b} after={b.after} />)}
        {section === 'near' && m.enjoyNow.map((b, i) => <BenefitLine key={`e${i}`} b={b} />)}
        {section === 'near' && m.applyFor.map((b, i) => <BenefitLine key={`a${i}`} b={b} after={b.after} />)}
        <Space wrap size={4}>
          {m.met.map((c) => <Tag key={c.key} icon={<CheckCircleTwoTone twoToneColor="#52c41a" />} color="success" title={c.actual}>{c.required}</Tag>)}
          {m.missing.map((c) => <Tag key={c.key} icon={<ExclamationCircleTwoTone twoToneColor="#fa8c16" />} color="warning">{t('policies.conditionShort', { required: c.required, actual: c.actual })}</Tag>)}
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
  const enjoy = q.data.qualifies.filter((m) => m.enjoyNow.length > 0);
  // conditions met: what follows a status still to obtain, or a policy that names no benefit
  const apply = q.data.qualifies.filter((m) => m.applyFor.length > 0 || m.policy.benefits.length === 0);
  return (
    <AppPage>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('policies.matchBasis', { name: q.data.enterpriseName, year: q.data.statYear ?? '—' })}</Typography.Text>
        <Card title={t('policies.qualifiesNow', { count: enjoy.length })} data-testid="enjoy-card">
          {enjoy.length ? <List dataSource={enjoy} renderItem={(m) => <Matched m={m} section="enjoy" />} /> : <Empty description={t('policies.enjoyNone')} />}
        </Card>
        <Card title={t('policies.canApply', { count: apply.length })} data-testid="apply-card">
          <Typography.Paragraph type="secondary">{t('policies.canApplyHint')}</Typography.Paragraph>
          {apply.length ? <List dataSource={apply} renderItem={(m) => <Matched m={m} section="apply" />} /> : <Empty />}
        </Card>
        <Card title={t('policies.almost', { count: q.data.near.length })} data-testid="near-card">
          {q.data.near.length ? <List dataSource={q.data.near} renderItem={(m) => <Matched m={m} section="near" />} /> : <Empty />}
        </Card>
      </Space>
    </AppPage>
  );
}
