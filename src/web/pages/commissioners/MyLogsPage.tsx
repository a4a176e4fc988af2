// 服务日志 of a commissioner, on a phone first: a big "写日志" button, the logs still on the phone
// (待发送) on top, then the logs the server has, newest first, 待确认 / 已确认; an unconfirmed own
// log can be edited. Works without signal: the app shell is cached by the service worker, new logs
// wait in the phone's outbox (src/web/offline) and are sent when the connection is back.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Empty, Grid, Popconfirm, Rate, Space, Spin, Tag, Typography } from 'antd';
import { CloudUploadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import { useAuth } from '../../auth/AuthContext';
import { useLogOutbox } from '../../offline/useLogOutbox';
import { registerServiceWorker } from '../../offline/registerServiceWorker';
import type { QueuedLog } from '../../offline/logQueue';
import { commissionerApi, ME_KEY, MY_LOGS_KEY, type Dispatch, type ServiceLog } from './api';
import LogForm from './LogForm';
import { LogStatusTag, placeOf } from './shared';
import './commissioners.css';

/** The own logs shown (newest first): a season's worth. */
const PAGE = 100;

function byNewest(a: ServiceLog, b: ServiceLog) {
  return a.date === b.date ? b.id - a.id : a.date < b.date ? 1 : -1;
}

export default function MyLogsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const client = useQueryClient();
  const phone = !(Grid.useBreakpoint().md ?? true);
  const me = useQuery({ queryKey: ME_KEY, queryFn: commissionerApi.me, staleTime: 60_000 });
  const logs = useQuery({ queryKey: MY_LOGS_KEY, queryFn: () => commissionerApi.logs({ mine: 'true', pageSize: PAGE }) });
  const outbox = useLogOutbox(user?.id ? String(user.id) : undefined, () => void client.invalidateQueries({ queryKey: MY_LOGS_KEY }));
  const [form, setForm] = useState<{ editing: ServiceLog | null } | null>(null);

  // installable, and this page opens again without a connection
  useEffect(() => { registerServiceWorker(['/api/v1/commissioners/me', `/api/v1/service-logs?mine=true&pageSize=${PAGE}`]); }, []);

  const dispatches = me.data?.dispatches ?? [];
  const active = useMemo(() => dispatches.filter((d) => d.status === 'active'), [dispatches]);
  const placeNames = useMemo(() => placeNameIndex(dispatches), [dispatches]);
  const waiting = new Set(outbox.items.map((i) => i.clientId));
  // a log the server has but whose photos are still on their way shows once, as waiting
  const stored = (logs.data?.items ?? []).filter((l) => !waiting.has(l.clientId)).sort(byNewest);

  const addButton = (
    <Button type="primary" size="large" icon={<PlusOutlined />} disabled={!active.length} onClick={() => setForm({ editing: null })}
      block={phone} data-testid="add-log">
      {t('commissioners.log.add')}
    </Button>
  );

  return (
    <AppPage extra={phone ? undefined : addButton}>
      <div className="kc-stack">
        {phone && addButton}
        {!outbox.online && <Alert type="warning" showIcon message={t('commissioners.log.offline')} data-testid="offline-banner" />}
        {me.isSuccess && !active.length && <Alert type="info" showIcon message={t('commissioners.log.noDispatch')} />}
        {outbox.items.length > 0 && (
          <Alert type="info" showIcon icon={<CloudUploadOutlined />} message={t('commissioners.log.queued', { count: outbox.items.length })}
            action={<Button size="small" onClick={() => void outbox.sendNow()} disabled={!outbox.online}>{t('commissioners.log.sendNow')}</Button>} />
        )}
        {outbox.items.map((item) => (
          <QueuedCard key={item.clientId} item={item} placeName={placeNames(item)} onDiscard={() => void outbox.discard(item.clientId)}
            onRetry={() => void outbox.retry(item.clientId)} />
        ))}
        {logs.isLoading && <Spin />}
        {logs.isSuccess && !stored.length && !outbox.items.length && <Empty description={t('commissioners.log.empty')} />}
        {stored.map((log) => <LogCard key={log.id} log={log} onEdit={() => setForm({ editing: log })} />)}
      </div>
      <Drawer open={!!form} onClose={() => setForm(null)} destroyOnHidden width={phone ? '100%' : 520}
        title={form?.editing ? t('commissioners.log.edit') : t('commissioners.log.add')} styles={{ body: { paddingTop: 8 } }}>
        {form && (
          <LogForm dispatches={form.editing ? dispatches : active} editing={form.editing}
            onQueue={(log) => outbox.add(log.clientId, log.body, log.photos)}
            onSaved={() => { setForm(null); void client.invalidateQueries({ queryKey: MY_LOGS_KEY }); }}
            onCancel={() => setForm(null)} />
        )}
      </Drawer>
    </AppPage>
  );
}

/** The name of a queued log's place, from the dispatches the phone knows. */
function placeNameIndex(dispatches: Dispatch[]) {
  const names = new Map<string, string>();
  for (const d of dispatches) for (const target of d.targets) names.set(target.villageCode ? `v:${target.villageCode}` : `o:${target.orgId}`, placeOf(target));
  return (item: QueuedLog) => names.get(item.body.villageCode ? `v:${item.body.villageCode}` : `o:${item.body.orgId}`) ?? '—';
}

function QueuedCard({ item, placeName, onDiscard, onRetry }: { item: QueuedLog; placeName: string; onDiscard: () => void; onRetry: () => void }) {
  const { t } = useTranslation();
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    const made = item.photos.map((p) => URL.createObjectURL(p.blob));
    setUrls(made);
    return () => made.forEach((u) => URL.revokeObjectURL(u));
  }, [item.photos]);
  return (
    <Card size="small" className="kc-log-card" data-testid="queued-log"
      title={<Space wrap size={4}><span>{item.body.date}</span><Tag>{t(`commissioners.serviceType.${item.body.serviceType}`)}</Tag></Space>}
      extra={item.refused ? <Tag color="error">{t('commissioners.log.sendingFailed')}</Tag> : <Tag color="warning" data-testid="waiting-tag">{t('commissioners.log.waiting')}</Tag>}>
      <div className="kc-meta">{placeName} · {item.body.days} {t('commissioners.common.dayUnit')}</div>
      <Typography.Paragraph className="kc-log-content">{item.body.content}</Typography.Paragraph>
      {urls.length > 0 && <div className="kc-photos">{urls.map((u) => <img key={u} src={u} alt="" />)}</div>}
      {item.refused && (
        <>
          <Typography.Text type="danger">{item.refused.message}</Typography.Text>
          <Space style={{ marginTop: 8, display: 'flex' }}>
            <Button size="small" onClick={onRetry}>{t('commissioners.log.retry')}</Button>
            <Popconfirm title={t('commissioners.log.discardAsk')} onConfirm={onDiscard}>
              <Button size="small" danger>{t('commissioners.log.discard')}</Button>
            </Popconfirm>
          </Space>
        </>
      )}
    </Card>
  );
}

function LogCard({ log, onEdit }: { log: ServiceLog; onEdit: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const editable = log.canEdit && log.status === 'submitted';
  return (
    <Card size="small" className="kc-log-card" data-testid="service-log"
      title={<Space wrap size={4}><span>{log.date}</span><Tag>{t(`commissioners.serviceType.${log.serviceType}`)}</Tag></Space>}
      extra={<LogStatusTag status={log.status} />}>
      <div className="kc-meta">{placeOf(log)} · {log.days} {t('commissioners.common.dayUnit')}{log.trained ? ` · ${t('commissioners.log.trained')} ${log.trained}` : ''}</div>
      <Typography.Paragraph className="kc-log-content">{log.content}</Typography.Paragraph>
      {(log.technologies || log.varieties) && (
        <div className="kc-meta">{[log.technologies, log.varieties].filter(Boolean).join(' · ')}</div>
      )}
      {log.photos.length > 0 && (
        <div className="kc-photos">
          {log.photos.map((p) => <img key={p.id} src={commissionerApi.photoUrl(log.id, p.id)} alt={p.fileName} loading="lazy" />)}
        </div>
      )}
      {log.status === 'confirmed' && log.feedbackScore != null && (
        <div className="kc-meta" style={{ marginTop: 6 }}>
          {t('commissioners.log.feedback')} <Rate disabled value={log.feedbackScore} style={{ fontSize: 14 }} /> {log.feedback}
        </div>
      )}
      {log.canEdit && (
        <Button size="small" icon={<EditOutlined />} style={{ marginTop: 8 }}
          onClick={() => (editable ? onEdit() : message.info(t('commissioners.log.confirmedLocked')))}>
          {t('commissioners.common.edit')}
        </Button>
      )}
    </Card>
  );
}
