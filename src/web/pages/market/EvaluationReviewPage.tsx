// One achievement evaluation for its expert (/market/evaluation-reviews/:id), on the shared panel
// review page: the pledge and the declaration of no conflict (or a recusal with its reason) open
// the achievement's details; then the scores, a draft, one submission.
import { Card, Descriptions, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import PanelReviewPage from '../../components/PanelReviewPage';
import { evaluationApi, type EvaluationReview } from './api';
import { useFieldName, useMaturity, useWide } from './shared';

const labels = { prefix: 'market.evaluation', back: 'menu.marketEvaluationReviews', saveDraft: 'market.common.saveDraft', saved: 'market.evaluation.scoreSaved',
  submit: 'market.evaluation.submitScores', submitted: 'market.evaluation.scoresSubmitted' };
const api = { declare: evaluationApi.declare, save: evaluationApi.save, submit: evaluationApi.submitReview };

function Achievement({ r }: { r: EvaluationReview }) {
  const { t } = useTranslation();
  const fieldName = useFieldName();
  const maturity = useMaturity();
  const wide = useWide();
  const a = r.achievement;
  return (
    <Card size="small" title={t('market.evaluation.achievement')}>
      <Descriptions size="small" column={1} bordered={wide}>
        <Descriptions.Item label={t('market.common.org')}>{a.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('market.achievement.type')}>{t(`market.achievement.types.${a.type}`)}</Descriptions.Item>
        <Descriptions.Item label={t('market.common.field')}>{fieldName(a.field)} · {maturity(a.maturity)}</Descriptions.Item>
        <Descriptions.Item label={t('market.evaluation.class')}>{t(`market.evaluation.classes.${r.class}`)}</Descriptions.Item>
        <Descriptions.Item label={t('market.achievement.inventors')}>{a.inventors || '—'}</Descriptions.Item>
        {a.summary !== null ? (
          <>
            <Descriptions.Item label={t('market.achievement.ip')}>{a.ip || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('market.achievement.summary')}><span style={{ whiteSpace: 'pre-wrap' }}>{a.summary || '—'}</span></Descriptions.Item>
            {a.text && <Descriptions.Item label={t('market.achievement.text')}><span style={{ whiteSpace: 'pre-wrap' }}>{a.text}</span></Descriptions.Item>}
          </>
        ) : <Descriptions.Item label={t('market.achievement.summary')}><Typography.Text type="secondary">{t('market.evaluation.hiddenUntilDeclared')}</Typography.Text></Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

export default function EvaluationReviewPage() {
  const { id } = useParams();
  return (
    <PanelReviewPage<EvaluationReview> queryKey={['market', 'evaluation-review', id]} reloadKey={['market']} load={() => evaluationApi.myReview(Number(id))}
      api={api} labels={labels} backTo="/market/evaluation-reviews" title={(r) => r.achievement.title} item={(r) => <Achievement r={r} />}
      formName="evaluation-scores" testId="evaluation" />
  );
}
