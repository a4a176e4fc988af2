// 年度考核: each commissioner's year — days, visits, the served parties' satisfaction, the score and
// the rating computed from them against the region's minimum — and the bureau's decision (a
// decision that differs from the computed rating needs a note).
import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import { useAuth } from '../../auth/AuthContext';
import { commissionerApi, RATINGS, type Rating, type RatingRow } from './api';
import RegionDateBar from './RegionDateBar';
import { FROM_MD, RatingTag, todayInChina, useApiError } from './shared';

export default function RatingsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const client = useQueryClient();
  const [region, setRegion] = useState(user?.regionCode ?? '');
  const [day, setDay] = useState(todayInChina());
  const year = Number(day.slice(0, 4));
  const key = ['commissioners', 'ratings', region, year];
  const ratings = useQuery({ queryKey: key, queryFn: () => commissionerApi.ratings(year, region), enabled: !!region });
  const [deciding, setDeciding] = useState<RatingRow | null>(null);
  return (
    <AppPage>
      <RegionDateBar region={region} onRegion={setRegion} date={day} onDate={setDay} picker="year" />
      {ratings.isError && <Alert type="error" showIcon message={(ratings.error as Error).message} />}
      <Table size="small" rowKey="commissionerId" dataSource={ratings.data?.items ?? []} loading={ratings.isFetching} scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: t('commissioners.common.name'), dataIndex: 'name' },
          { title: t('commissioners.common.kind'), dataIndex: 'kind', responsive: FROM_MD, render: (k: string) => t(`commissioners.kindShort.${k}`) },
          { title: t('commissioners.common.days'), dataIndex: 'days' },
          { title: t('commissioners.common.visits'), dataIndex: 'visits', responsive: FROM_MD },
          { title: t('commissioners.staff.feedbackAvg'), dataIndex: 'feedbackAvg', responsive: FROM_MD, render: (v: number | null) => (v == null ? '—' : v.toFixed(1)) },
          { title: t('commissioners.staff.score'), dataIndex: 'score', responsive: FROM_MD, render: (v: number) => Math.round(v * 10) / 10 },
          { title: t('commissioners.staff.computed'), dataIndex: 'computed', render: (r: Rating) => <RatingTag rating={r} /> },
          { title: t('commissioners.staff.decided'), dataIndex: 'rating', render: (r: Rating | null, row) => (
            <div style={{ maxWidth: 220 }}>
              <RatingTag rating={r} />
              {row.note && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{row.note}</Typography.Text>}
            </div>
          ) },
          { title: t('commissioners.common.actions'), key: 'act', render: (_, row) => <a onClick={() => setDeciding(row)}>{t('commissioners.staff.decide')}</a> },
        ]} />
      <DecideModal item={deciding} year={year} onClose={() => setDeciding(null)}
        onDone={() => { setDeciding(null); void client.invalidateQueries({ queryKey: key }); }} />
    </AppPage>
  );
}

function DecideModal({ item, year, onClose, onDone }: { item: RatingRow | null; year: number; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const apiError = useApiError();
  const [form] = Form.useForm<{ rating: Rating; note?: string }>();
  const rating = Form.useWatch('rating', form);
  const differs = !!item && !!rating && rating !== item.computed;
  return (
    <Modal open={!!item} title={`${t('commissioners.staff.decide')} · ${item?.name ?? ''} · ${year}`} onCancel={onClose} destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await commissionerApi.decideRating({ commissionerId: item!.commissionerId, year, rating: v.rating, note: v.note?.trim() || undefined });
          message.success(t('commissioners.common.saved'));
          onDone();
        } catch (e) { apiError(e, form, ['rating', 'note']); }
      }}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ rating: item?.rating ?? item?.computed, note: item?.note ?? '' }}>
        <Form.Item label={t('commissioners.staff.computed')}><RatingTag rating={item?.computed} /></Form.Item>
        <Form.Item name="rating" label={t('commissioners.staff.decided')} rules={[{ required: true }]}>
          <Select options={RATINGS.map((r) => ({ value: r, label: t(`commissioners.rating.${r}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('commissioners.common.note')}
          rules={[{ required: differs, whitespace: true, message: t('commissioners.staff.noteRequired') }]}
          extra={differs ? t('commissioners.staff.noteRequired') : undefined}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
