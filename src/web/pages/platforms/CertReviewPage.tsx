// One certification review for its expert (/platforms/certification-reviews/:id), on the shared
// panel review page: the pledge and the declaration of no conflict (or a recusal with its reason)
// open the application's intro and checklist; then the scores, a draft, one submission.
import { Card, Descriptions, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import PanelReviewPage from '../../components/PanelReviewPage';
import { certReviewApi, type CertReview } from './api';
import { LevelTag, useFieldName, useLang, usePlatformNames, useWide } from './shared';

const labels = { prefix: 'platforms.review', back: 'platforms.menu.reviews', saved: 'platforms.review.savedMessage', submitted: 'platforms.review.submittedMessage' };
const api = { declare: certReviewApi.declare, save: certReviewApi.save, submit: certReviewApi.submit };

function Application({ r }: { r: CertReview }) {
  const { t } = useTranslation();
  const lang = useLang();
  const names = usePlatformNames();
  const fieldName = useFieldName();
  const wide = useWide();
  const a = r.application;
  return (
    <Card size="small" title={t('platforms.review.application')}>
      <Descriptions size="small" column={1} bordered={wide}>
        <Descriptions.Item label={t('platforms.application.org')}>{a.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('platforms.common.type')}>{names.typeName(a.type)}</Descriptions.Item>
        <Descriptions.Item label={t('platforms.common.level')}><LevelTag level={a.level} /></Descriptions.Item>
        <Descriptions.Item label={t('platforms.common.field')}>{a.field ? fieldName(a.field) : '—'}</Descriptions.Item>
        {a.checklist ? (
          <>
            <Descriptions.Item label={t('platforms.common.intro')}><span style={{ whiteSpace: 'pre-wrap' }}>{a.intro || '—'}</span></Descriptions.Item>
            <Descriptions.Item label={t('platforms.application.checklist')}>
              {a.checklist.map((c) => (
                <div key={c.code}>{lang === 'en' ? c.textEn : c.textZh}：<Typography.Text strong>
                  {c.value == null ? '—' : c.answer === 'yes_no' ? (c.value ? t('platforms.common.yes') : t('platforms.common.no')) : `${c.value} ${lang === 'en' ? c.unitEn : c.unitZh}`}
                </Typography.Text></div>
              ))}
            </Descriptions.Item>
          </>
        ) : <Descriptions.Item label={t('platforms.common.intro')}><Typography.Text type="secondary">{t('platforms.review.hidden')}</Typography.Text></Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

export default function CertReviewPage() {
  const { id } = useParams();
  return (
    <PanelReviewPage<CertReview> queryKey={['platforms', 'cert-review', id]} reloadKey={['platforms']} load={() => certReviewApi.get(Number(id))}
      api={api} labels={labels} backTo="/platforms/certification-reviews" title={(r) => r.application.name} item={(r) => <Application r={r} />}
      formName="cert-scores" testId="cert" />
  );
}
