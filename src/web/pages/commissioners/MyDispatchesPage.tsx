// 我的派驻 of a commissioner (phone first): each dispatch with its period, the villages and
// organisations it serves (each one's confirmation), its status, and the commissioner's own
// confirmation of a proposed one.
import { useEffect } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Space, Spin, Tag } from 'antd';
import { CheckCircleTwoTone, ClockCircleOutlined, FormOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import { registerServiceWorker } from '../../offline/registerServiceWorker';
import { commissionerApi, ME_KEY, type Dispatch } from './api';
import { DispatchStatusTag, placeOf, useApiError } from './shared';
import './commissioners.css';

export default function MyDispatchesPage() {
  const { t } = useTranslation();
  const me = useQuery({ queryKey: ME_KEY, queryFn: commissionerApi.me, staleTime: 60_000 });
  useEffect(() => { registerServiceWorker(['/api/v1/commissioners/me']); }, []);
  const dispatches = me.data?.dispatches ?? [];
  return (
    <AppPage>
      <div className="kc-stack">
        {me.isLoading && <Spin />}
        {me.isError && <Alert type="error" showIcon message={(me.error as Error).message} />}
        {me.data && me.data.commissioners.length > 0 && (
          <div className="kc-meta">
            {me.data.commissioners.map((c) => `${c.name}（${t(`commissioners.kindShort.${c.kind}`)}）`).join('、')}
          </div>
        )}
        {me.isSuccess && !dispatches.length && <Empty description={t('commissioners.mine.empty')} />}
        {dispatches.map((d) => <DispatchCard key={d.id} dispatch={d} />)}
      </div>
    </AppPage>
  );
}

function DispatchCard({ dispatch: d }: { dispatch: Dispatch }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const apiError = useApiError();
  const client = useQueryClient();
  const navigate = useNavigate();
  const confirm = useMutation({
    mutationFn: () => commissionerApi.confirmDispatch(d.id),
    onSuccess: () => { message.success(t('commissioners.mine.confirmedMine')); void client.invalidateQueries({ queryKey: ME_KEY }); },
    onError: (e) => apiError(e),
  });
  const villages = d.targets.filter((x) => x.villageCode);
  const orgs = d.targets.filter((x) => x.orgId);
  const mark = (confirmed: string | null) => (confirmed
    ? <CheckCircleTwoTone twoToneColor="#52c41a" aria-label={t('commissioners.common.confirmed')} />
    : <ClockCircleOutlined style={{ color: '#faad14' }} aria-label={t('commissioners.common.unconfirmed')} />);
  return (
    <Card size="small" className="kc-dispatch-card" data-testid="my-dispatch"
      title={<Space wrap size={4}><span>{d.commissionerName}</span><DispatchStatusTag status={d.status} /></Space>}>
      <Descriptions size="small" column={1} colon={false} labelStyle={{ minWidth: 72 }}>
        <Descriptions.Item label={t('commissioners.common.period')}>{d.from} ~ {d.endedOn ?? d.to}</Descriptions.Item>
        {d.agreementNo && <Descriptions.Item label={t('commissioners.mine.agreement')}>{d.agreementNo}</Descriptions.Item>}
        <Descriptions.Item label={t('commissioners.common.villages')}>
          {villages.length ? <Space wrap size={[4, 4]}>{villages.map((v) => <Tag key={v.id} style={{ marginInlineEnd: 0 }}>{mark(v.confirmedAt)} {placeOf(v)}</Tag>)}</Space> : t('commissioners.common.none')}
        </Descriptions.Item>
        {orgs.length > 0 && (
          <Descriptions.Item label={t('commissioners.common.orgs')}>
            <Space wrap size={[4, 4]}>{orgs.map((o) => <Tag key={o.id} style={{ marginInlineEnd: 0 }}>{mark(o.confirmedAt)} {o.orgName}</Tag>)}</Space>
          </Descriptions.Item>
        )}
        {d.tasks && <Descriptions.Item label={t('commissioners.mine.tasks')}><span className="kc-log-content">{d.tasks}</span></Descriptions.Item>}
      </Descriptions>
      <Space wrap style={{ marginTop: 8 }}>
        {d.status === 'proposed' && !d.commissionerConfirmedAt && (
          <Popconfirm title={t('commissioners.mine.confirmAsk')} onConfirm={() => confirm.mutate()}>
            <Button type="primary" loading={confirm.isPending}>{t('commissioners.mine.confirm')}</Button>
          </Popconfirm>
        )}
        {d.status === 'proposed' && d.commissionerConfirmedAt && <Tag color="processing">{t('commissioners.mine.waitingOthers')}</Tag>}
        {d.status === 'active' && (
          <Button icon={<FormOutlined />} onClick={() => navigate('/commissioner/logs')}>{t('commissioners.mine.writeLog')}</Button>
        )}
      </Space>
    </Card>
  );
}
