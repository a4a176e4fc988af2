// 门户政策详情: one published policy with its interpretation, for everyone.
import { Breadcrumb, Result } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import PageLoading from '../../components/PageLoading';
import { portalApi } from '../policies/api';
import PolicyDetailView from '../policies/PolicyDetailView';
import PortalLayout from './PortalLayout';

export default function PortalPolicyPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useQuery({ queryKey: ['portal-policy', id], queryFn: () => portalApi.get(Number(id)) });
  return (
    <PortalLayout>
      <Breadcrumb style={{ marginBottom: 16 }} items={[{ title: <Link to="/portal">{t('policies.portal.library')}</Link> }, { title: q.data?.title ?? '…' }]} />
      {q.isError ? <Result status="404" title={t('policies.portal.notFound')} /> : q.data ? <PolicyDetailView policy={q.data} linkTo={(x) => `/portal/policies/${x}`} /> : <PageLoading />}
    </PortalLayout>
  );
}
