// One platform report for its expert (/platforms/evaluation-reviews/:id), on the shared panel
// review page: the year's figures and narrative beside the type's rubric; the scores, one
// submission (no declaration step), or a declared conflict with its reason.
import { Card, Descriptions } from 'antd';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import PanelReviewPage from '../../components/PanelReviewPage';
import { useLang, useWide } from '../market/shared';
import { platformEvaluationApi, type MyReviewDetail } from './EvaluationApi';
import { useFigure } from './EvaluationReportDrawer';

const labels = { prefix: 'platformEvaluation.review', plain: true, back: 'platformEvaluation.menu.reviews', criteria: 'platformEvaluation.review.rubric' };
const api = { submit: platformEvaluationApi.submitReview, decline: platformEvaluationApi.declineReview };

function Report({ r }: { r: MyReviewDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const wide = useWide();
  const figure = useFigure();
  return (
    <Card size="small" title={t('platformEvaluation.review.report')}>
      <Descriptions size="small" column={1} bordered={wide}>
        <Descriptions.Item label={t('platformEvaluation.evaluation.host')}>{r.report.hostName}</Descriptions.Item>
        {r.report.metrics.map((m) => <Descriptions.Item key={m.code} label={lang === 'en' ? m.nameEn : m.nameZh}>{figure(m, r.report.figures[m.code])}</Descriptions.Item>)}
        <Descriptions.Item label={t('platformEvaluation.evaluation.narrative')}><span style={{ whiteSpace: 'pre-wrap' }}>{r.report.narrative}</span></Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export default function EvaluationReviewPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  return (
    <PanelReviewPage<MyReviewDetail> queryKey={['platform-evaluation', 'my-review', id]} reloadKey={['platform-evaluation']} load={() => platformEvaluationApi.myReview(Number(id))}
      api={api} labels={labels} backTo="/platforms/evaluation-reviews" item={(r) => <Report r={r} />}
      title={(r) => `${r.report.platformName} · ${t('platformEvaluation.dashboard.yearLabel', { year: r.report.year })}`}
      formName="platform-review" testId="platform-review" />
  );
}
