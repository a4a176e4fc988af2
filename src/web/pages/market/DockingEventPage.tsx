// One docking event (/market/docking-events/:id?tab=registrations|pairings): its facts and counts;
// staff open, hold and close it, confirm or decline registrations, plan pairs (a demand with an
// achievement or a supplier) and record each pair's outcome; an organisation registers with its
// own demands and achievements while it is open, and sees its own registration and pairs.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import PageLoading from '../../components/PageLoading';
import { EventForm } from './DockingEventsPage';
import { PAIRING_OUTCOMES, achievementApi, demandApi, dockingApi, type DockingEvent, type Pairing, type PairingOutcome, type Registration } from './api';
import { EventStatusTag, OrgPicker, chinaTime, useApiError, useFieldName, useWide } from './shared';

function RegisterModal({ event, open, onClose, onDone }: { event: DockingEvent; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const onError = useApiError();
  const [form] = Form.useForm<{ demandIds: number[]; achievementIds: number[]; attendees?: number; note?: string }>();
  const demands = useQuery({ queryKey: ['market', 'my-demands'], queryFn: () => demandApi.list({ mine: 'true', status: 'published', pageSize: 100 }), enabled: open });
  const achievements = useQuery({ queryKey: ['market', 'my-achievements'], queryFn: () => achievementApi.list({ mine: 'true', status: 'published', pageSize: 100 }), enabled: open });
  const send = async () => {
    const v = await form.validateFields();
    try { await dockingApi.register(event.id, { demandIds: v.demandIds ?? [], achievementIds: v.achievementIds ?? [], attendees: v.attendees, note: v.note }); onDone(); } catch (error) { onError(error, form); }
  };
  return (
    <Modal open={open} title={t('market.docking.registerTitle', { title: event.title })} onCancel={onClose} onOk={send} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ attendees: 2 }}>
        <Form.Item name="demandIds" label={t('market.docking.bringDemands')}><Select mode="multiple" options={(demands.data?.items ?? []).map((d) => ({ value: d.id, label: d.title }))} /></Form.Item>
        <Form.Item name="achievementIds" label={t('market.docking.bringAchievements')}><Select mode="multiple" options={(achievements.data?.items ?? []).map((a) => ({ value: a.id, label: a.title }))} /></Form.Item>
        <Form.Item name="attendees" label={t('market.docking.attendees')}><InputNumber min={1} max={50} /></Form.Item>
        <Form.Item name="note" label={t('market.common.note')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
      </Form>
    </Modal>
  );
}

function PairModal({ event, registrations, open, onClose, onDone }: { event: DockingEvent; registrations: Registration[]; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const onError = useApiError();
  const [form] = Form.useForm<{ demandId: number; achievementId?: number | null; supplierOrgId?: number | null; note?: string }>();
  const confirmed = registrations.filter((r) => r.status === 'confirmed');
  const demands = confirmed.flatMap((r) => r.demands.map((d) => ({ value: d.id, label: `${d.title}（${r.orgName}）` })));
  const achievements = confirmed.flatMap((r) => r.achievements.map((a) => ({ value: a.id, label: `${a.title}（${r.orgName}）` })));
  const send = async () => {
    const v = await form.validateFields();
    try { await dockingApi.pair(event.id, { demandId: v.demandId, achievementId: v.achievementId ?? null, supplierOrgId: v.achievementId ? null : v.supplierOrgId ?? null, note: v.note }); onDone(); }
    catch (error) { onError(error, form, ['demandId', 'achievementId', 'supplierOrgId']); }
  };
  return (
    <Modal open={open} title={t('market.docking.pairTitle')} onCancel={onClose} onOk={send} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="demandId" label={t('market.docking.pairDemand')} rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={demands} /></Form.Item>
        <Form.Item name="achievementId" label={t('market.docking.pairAchievement')}><Select allowClear showSearch optionFilterProp="label" options={achievements} /></Form.Item>
        <Form.Item name="supplierOrgId" label={t('market.docking.pairSupplier')} extra={t('market.docking.pairSupplierHelp')}><OrgPicker /></Form.Item>
        <Form.Item name="note" label={t('market.common.note')}><Input maxLength={1000} /></Form.Item>
      </Form>
    </Modal>
  );
}

function OutcomeCell({ event, p, staff, onDone }: { event: DockingEvent; p: Pairing; staff: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const onError = useApiError();
  const [outcome, setOutcome] = useState<PairingOutcome>(p.outcome ?? 'met');
  const [contractNo, setContractNo] = useState(p.contractNo ?? '');
  const label = p.outcome ? <Tag color={p.outcome === 'contract' ? 'success' : p.outcome === 'agreement' ? 'blue' : 'default'}>{t(`market.docking.outcomeOptions.${p.outcome}`)}</Tag> : <Tag>{t('market.docking.planned')}</Tag>;
  if (!staff || event.status === 'draft') return <>{label}{p.contractNo && <div style={{ fontSize: 12 }}>{p.contractNo}</div>}</>;
  return (
    <Popconfirm title={<Space direction="vertical">
      <Select size="small" value={outcome} onChange={setOutcome} style={{ width: 140 }} options={PAIRING_OUTCOMES.map((o) => ({ value: o, label: t(`market.docking.outcomeOptions.${o}`) }))} />
      {outcome === 'contract' && <Input size="small" placeholder={t('market.docking.contractNo')} value={contractNo} onChange={(e) => setContractNo(e.target.value)} />}
    </Space>} onConfirm={async () => {
      try { await dockingApi.outcome(event.id, p.id, { outcome, contractNo: outcome === 'contract' ? contractNo.trim() || null : null, version: p.version }); onDone(); } catch (error) { onError(error); }
    }}>
      <a>{label}{p.contractNo && <span style={{ fontSize: 12 }}>{p.contractNo}</span>}</a>
    </Popconfirm>
  );
}

export default function DockingEventPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const { id } = useParams();
  const eventId = Number(id);
  const [search, setSearch] = useSearchParams();
  const fieldName = useFieldName();
  const onError = useApiError();
  const wide = useWide();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [pairing, setPairing] = useState(false);
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const org = user?.role === 'enterprise' || user?.role === 'institution';
  const event = useQuery({ queryKey: ['market', 'docking', eventId], queryFn: () => dockingApi.get(eventId) });
  const e = event.data;
  const canSee = staff || (org && !!e?.myRegistration);
  const registrations = useQuery({ queryKey: ['market', 'docking', eventId, 'registrations'], queryFn: () => dockingApi.registrations(eventId), enabled: !!e && canSee });
  const pairings = useQuery({ queryKey: ['market', 'docking', eventId, 'pairings'], queryFn: () => dockingApi.pairings(eventId), enabled: !!e && canSee });
  const reload = () => client.invalidateQueries({ queryKey: ['market', 'docking', eventId] });
  const run = async (call: () => Promise<unknown>, done: string) => { try { await call(); message.success(done); await reload(); } catch (error) { onError(error); } };

  if (event.isLoading) return <PageLoading />;
  if (!e) return <AppPage><Alert type="error" showIcon message={(event.error as Error)?.message} /></AppPage>;
  const next = ({ draft: 'open', open: 'held', held: 'close' } as const)[e.status as 'draft' | 'open' | 'held'];
  const extra = (
    <Space wrap>
      <Link to="/market/docking-events"><Button icon={<ArrowLeftOutlined />}>{t('market.docking.back')}</Button></Link>
      {staff && (e.status === 'draft' || e.status === 'open') && <Button onClick={() => setEditing(true)}>{t('market.common.edit')}</Button>}
      {staff && next && <Button type="primary" onClick={() => run(() => dockingApi.move(e.id, next), t('market.docking.moved'))}>{t(`market.docking.${next}`)}</Button>}
      {staff && <Button icon={<DownloadOutlined />} onClick={() => dockingApi.pairingsFile(e.id).catch(onError)}>{t('market.docking.pairingsFile')}</Button>}
      {org && e.status === 'open' && !e.myRegistration && <Button type="primary" onClick={() => setRegistering(true)}>{t('market.docking.register')}</Button>}
    </Space>
  );

  const regColumns = [
    { title: t('market.common.org'), dataIndex: 'orgName', render: (v: string, r: Registration) => <>{v}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.regionName} · {t('market.docking.attendees')} {r.attendees}</Typography.Text></div></> },
    { title: t('market.docking.bringDemands'), dataIndex: 'demands', render: (v: Registration['demands']) => v.map((d) => <div key={d.id}>{d.title}</div>) },
    { title: t('market.docking.bringAchievements'), dataIndex: 'achievements', render: (v: Registration['achievements']) => v.map((a) => <div key={a.id}>{a.title}</div>) },
    { title: t('market.common.status'), dataIndex: 'status', width: 90, render: (s: string) => <Tag color={s === 'confirmed' ? 'success' : s === 'pending' ? 'processing' : 'default'}>{t(`market.docking.regStatus.${s}`)}</Tag> },
    { title: '', key: 'x', width: 150, render: (_: unknown, r: Registration) => (
      <Space size={8}>
        {staff && r.status === 'pending' && <a onClick={() => run(() => dockingApi.decide(e.id, r.id, 'confirm'), t('market.docking.moved'))}>{t('market.docking.confirm')}</a>}
        {staff && r.status === 'pending' && <a onClick={() => run(() => dockingApi.decide(e.id, r.id, 'decline'), t('market.docking.moved'))}>{t('market.docking.decline')}</a>}
        {!staff && e.status === 'open' && ['pending', 'confirmed'].includes(r.status) && (
          <Popconfirm title={t('market.docking.withdraw')} onConfirm={() => run(() => dockingApi.decide(e.id, r.id, 'withdraw'), t('market.docking.moved'))}><a>{t('market.docking.withdraw')}</a></Popconfirm>
        )}
      </Space>
    ) },
  ];
  const pairColumns = [
    { title: t('market.docking.demandSide'), key: 'demand', render: (_: unknown, p: Pairing) => <>{p.demand.title}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.demand.orgName}</Typography.Text></div></> },
    { title: t('market.docking.supplier'), key: 'supplier', render: (_: unknown, p: Pairing) => <>{p.achievement?.title ?? '—'}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.supplier.name}</Typography.Text></div></> },
    { title: t('market.docking.outcome'), key: 'outcome', width: 140, render: (_: unknown, p: Pairing) => <OutcomeCell event={e} p={p} staff={staff} onDone={() => void reload()} /> },
    { title: t('market.common.note'), dataIndex: 'note', responsive: ['md' as const] },
    ...(staff ? [{ title: '', key: 'x', width: 70, render: (_: unknown, p: Pairing) => !p.outcome && (
      <Popconfirm title={t('market.docking.unpair')} onConfirm={() => run(() => dockingApi.unpair(e.id, p.id), t('market.docking.moved'))}><a>{t('market.docking.unpair')}</a></Popconfirm>
    ) }] : []),
  ];
  const o = e.counts.outcomes;
  return (
    <AppPage title={e.title} extra={wide ? extra : undefined}>
      {!wide && <div style={{ marginBottom: 12 }}>{extra}</div>}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
          <Descriptions.Item label={t('market.common.status')}><EventStatusTag status={e.status} /></Descriptions.Item>
          <Descriptions.Item label={t('market.docking.time')}>{chinaTime(e.startsAt)}{e.endsAt ? ` ~ ${chinaTime(e.endsAt)}` : ''}</Descriptions.Item>
          <Descriptions.Item label={t('market.docking.place')}>{e.place || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('market.docking.organiser')}>{e.organiser || e.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('market.common.field')}>{fieldName(e.field)}</Descriptions.Item>
          <Descriptions.Item label={t('market.docking.counts')}>{t('market.docking.countsText', { registrations: e.counts.registrations, pairings: e.counts.pairings })}</Descriptions.Item>
          <Descriptions.Item label={t('market.docking.outcomes')} span={2}>
            <Space size={4} wrap>{PAIRING_OUTCOMES.map((k) => <Tag key={k}>{t(`market.docking.outcomeOptions.${k}`)} {o[k]}</Tag>)}</Space>
          </Descriptions.Item>
          {e.theme && <Descriptions.Item label={t('market.docking.theme')} span={3}>{e.theme}</Descriptions.Item>}
          {e.myRegistration && <Descriptions.Item label={t('market.docking.registrations')}>{t('market.docking.myRegistration', { status: t(`market.docking.regStatus.${e.myRegistration.status}`) })}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {canSee && (
        <Card size="small">
          <Tabs activeKey={search.get('tab') === 'pairings' ? 'pairings' : 'registrations'} onChange={(k) => setSearch({ tab: k }, { replace: true })}
            tabBarExtraContent={staff && e.status !== 'draft' && e.status !== 'closed' && <Button size="small" icon={<PlusOutlined />} onClick={() => setPairing(true)}>{t('market.docking.pair')}</Button>}
            items={[
              { key: 'registrations', label: `${t('market.docking.registrations')} (${registrations.data?.items.length ?? 0})`, children: (
                <Table<Registration> size="small" rowKey="id" pagination={false} loading={registrations.isLoading} dataSource={registrations.data?.items ?? []} columns={regColumns}
                  scroll={{ x: 'max-content' }} locale={{ emptyText: t('market.docking.noRegistrations') }} />
              ) },
              { key: 'pairings', label: `${t('market.docking.pairings')} (${pairings.data?.items.length ?? 0})`, children: (
                <Table<Pairing> size="small" rowKey="id" pagination={false} loading={pairings.isLoading} dataSource={pairings.data?.items ?? []} columns={pairColumns}
                  scroll={{ x: 'max-content' }} locale={{ emptyText: t('market.docking.noPairings') }} />
              ) },
            ]} />
        </Card>
      )}
      <EventForm open={editing} event={e} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); message.success(t('market.common.saved')); void reload(); }} />
      <RegisterModal event={e} open={registering} onClose={() => setRegistering(false)} onDone={() => { setRegistering(false); message.success(t('market.docking.registered')); void reload(); }} />
      <PairModal event={e} registrations={registrations.data?.items ?? []} open={pairing} onClose={() => setPairing(false)}
        onDone={() => { setPairing(false); message.success(t('market.docking.paired')); void reload(); }} />
    </AppPage>
  );
}
