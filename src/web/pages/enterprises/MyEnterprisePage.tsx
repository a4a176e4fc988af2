import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import EnterpriseView from './EnterpriseView';

/** 我的企业: an enterprise user's own record, the same page as the staff's detail. */
export default function MyEnterprisePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const id = Number(user?.orgId);
  if (!user?.orgId || !Number.isInteger(id)) {
    return (
      <AppPage>
        <Result status="info" title={t('enterprises.noOrg')} />
      </AppPage>
    );
  }
  return <EnterpriseView id={id} own />;
}
