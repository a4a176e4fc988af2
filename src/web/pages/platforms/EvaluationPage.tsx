// 绩效评价 (/platforms/evaluation): staff see the yearly rounds with who has not reported, the
// results by year (rating reports, Excel) and the revocation proposals; a host organisation sees its
// platforms and writes the year's report.
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import EvaluationHostView from './EvaluationHostView';
import EvaluationProposals from './EvaluationProposals';
import EvaluationResults from './EvaluationResults';
import EvaluationRounds from './EvaluationRounds';

export default function EvaluationPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  if (user?.role !== 'staff' && user?.role !== 'admin') return <AppPage><EvaluationHostView /></AppPage>;
  const tab = params.get('tab') ?? (params.get('report') ? 'results' : 'rounds');
  return (
    <AppPage>
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })} items={[
        { key: 'rounds', label: t('platformEvaluation.evaluation.rounds'), children: <EvaluationRounds /> },
        { key: 'results', label: t('platformEvaluation.evaluation.results'), children: <EvaluationResults /> },
        { key: 'proposals', label: t('platformEvaluation.evaluation.proposals'), children: <EvaluationProposals /> },
      ]} />
    </AppPage>
  );
}
