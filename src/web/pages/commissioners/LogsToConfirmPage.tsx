// 日志确认: service logs of the region (staff) or of the own organisation (the served party), the
// unconfirmed first; confirming one takes the served party's satisfaction (1–5) and words.
import { useRef, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Rate, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import { toListQuery } from '../../components/listQuery';
import { useAuth } from '../../auth/AuthContext';
import { commissionerApi, SERVICE_TYPES, type Dispatch, type ServiceLog } from './api';
import { FROM_MD, LogStatusTag, placeOf, useApiError, useListTableChrome, useRegionFilterColumn } from './shared';
import './commissioners.css';

export default function LogsToConfirmPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const chrome = useListTableChrome();
  const regionFilter = useRegionFilterColumn<ServiceLog>(staff);
  const actionRef = useRef<ActionType>(undefined);
  const [confirming, setConfirming] = useState<ServiceLog | null>(null);

  const columns: ProColumns<ServiceLog>[] = [
    { title: t('commissioners.common.date'), dataIndex: 'date', hideInSearch: true, width: 100 },
    { title: t('commissioners.staff.commissioner'), dataIndex: 'commissionerName', hideInSearch: true, width: 110 },
    { title: t('commissioners.log.place'), dataIndex: 'villageName', hideInSearch: true, responsive: FROM_MD, render: (_, l) => placeOf(l) },
    { title: t('commissioners.log.serviceType'), dataIndex: 'serviceType', hideInSearch: true, width: 100, responsive: FROM_MD,
      render: (_, l) => <Tag style={{ marginInlineEnd: 0 }}>{t(`commissioners.serviceType.${l.serviceType}`)}</Tag> },
    { title: t('commissioners.log.content'), dataIndex: 'content', hideInSearch: true, render: (_, l) => (
      <div style={{ minWidth: 160, maxWidth: 420 }}>
        <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '…' }} style={{ marginBottom: 0 }}>{l.content}</Typography.Paragraph>
        <span className="kc-meta">{l.days} {t('commissioners.common.dayUnit')}{l.trained ? ` · ${t('commissioners.log.trained')} ${l.trained}` : ''}{l.photos.length ? ` · ${t('commissioners.log.photoCount', { count: l.photos.length })}` : ''}</span>
        {l.photos.length > 0 && <div className="kc-photos">{l.photos.slice(0, 4).map((p) => <img key={p.id} src={commissionerApi.photoUrl(l.id, p.id)} alt={p.fileName} loading="lazy" />)}</div>}
      </div>
    ) },
    { title: t('commissioners.common.status'), dataIndex: 'status', valueType: 'select', width: 90, initialValue: 'submitted',
      valueEnum: { submitted: { text: t('commissioners.logStatus.submitted') }, confirmed: { text: t('commissioners.logStatus.confirmed') } },
      render: (_, l) => (
        <Space direction="vertical" size={0}>
          <LogStatusTag status={l.status} />
          {l.feedbackScore != null && <Rate disabled value={l.feedbackScore} style={{ fontSize: 12 }} />}
        </Space>
      ) },
    { title: t('commissioners.log.serviceType'), dataIndex: 'serviceType', hideInTable: true, valueType: 'select',
      valueEnum: Object.fromEntries(SERVICE_TYPES.map((s) => [s, { text: t(`commissioners.serviceType.${s}`) }])) },
    { title: t('commissioners.common.actions'), valueType: 'option', width: 90, render: (_, l) => (
      l.canConfirm && l.status === 'submitted' ? <a onClick={() => setConfirming(l)} data-testid={`confirm-log-${l.id}`}>{t('commissioners.staff.confirmLog')}</a> : null
    ) },
    ...regionFilter,
  ];

  return (
    <AppPage>
      {!staff && <DispatchesToConfirm />}
      <ProTable<ServiceLog>
        rowKey="id" actionRef={actionRef} columns={columns} {...chrome}
        request={async (params, sort) => {
          const page = await commissionerApi.logs(toListQuery(params, sort, { regionCode: 'region' }));
          return { data: page.items, total: page.total, success: true };
        }}
      />
      <ConfirmModal item={confirming} onClose={() => setConfirming(null)} onDone={() => { setConfirming(null); actionRef.current?.reload(); }} />
    </AppPage>
  );
}

function ConfirmModal({ item, onClose, onDone }: { item: ServiceLog | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const apiError = useApiError();
  const [form] = Form.useForm<{ feedbackScore?: number; feedback?: string }>();
  return (
    <Modal open={!!item} title={`${t('commissioners.staff.confirmLog')} · ${item?.commissionerName ?? ''} ${item?.date ?? ''}`} onCancel={onClose} destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await commissionerApi.confirmLog(item!.id, { feedbackScore: v.feedbackScore || undefined, feedback: v.feedback?.trim() || undefined });
          message.success(t('commissioners.common.confirmed'));
          onDone();
        } catch (e) { apiError(e, form, ['feedbackScore', 'feedback']); }
      }}>
      {item && <Typography.Paragraph type="secondary" ellipsis={{ rows: 4 }}>{placeOf(item)}：{item.content}</Typography.Paragraph>}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ feedbackScore: 5 }}>
        <Form.Item name="feedbackScore" label={t('commissioners.staff.feedbackScore')}><Rate /></Form.Item>
        <Form.Item name="feedback" label={t('commissioners.staff.feedback')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** The served organisation's side of proposed dispatches: who is sent, for when, to confirm. */
function DispatchesToConfirm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const apiError = useApiError();
  const client = useQueryClient();
  const key = ['commissioners', 'dispatches-to-confirm'];
  const proposed = useQuery({ queryKey: key, queryFn: () => commissionerApi.dispatches({ status: 'proposed', pageSize: 50 }) });
  const confirm = useMutation({
    mutationFn: (d: Dispatch) => commissionerApi.confirmDispatch(d.id),
    onSuccess: () => { message.success(t('commissioners.common.confirmed')); void client.invalidateQueries({ queryKey: key }); },
    onError: (e) => apiError(e),
  });
  // only what waits for this organisation's confirmation
  const mine = (proposed.data?.items ?? []).filter((d) => d.targets.some((x) => x.orgId && !x.confirmedAt));
  if (!mine.length) return null;
  return (
    <Card size="small" title={t('commissioners.staff.dispatchesToConfirm')} style={{ marginBottom: 16 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {mine.map((d) => (
          <div key={d.id} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
            <span>
              {d.commissionerName}（{t(`commissioners.kindShort.${d.commissionerKind}`)}） · {d.from} ~ {d.to}
              {d.tasks && <span className="kc-meta"> · {d.tasks}</span>}
            </span>
            <Popconfirm title={t('commissioners.mine.confirmAsk')} onConfirm={() => confirm.mutate(d)}>
              <Button type="primary" size="small" loading={confirm.isPending}>{t('commissioners.staff.confirm')}</Button>
            </Popconfirm>
          </div>
        ))}
      </Space>
    </Card>
  );
}
