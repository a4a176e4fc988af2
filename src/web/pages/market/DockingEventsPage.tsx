// 对接活动: the docking events (drafts only to their bureau) with filters and paging; staff add and
// change events; an event opens its page (/market/docking-events/:id) with registrations, pairs and
// outcomes.
import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import { toListQuery } from '../../components/listQuery';
import { EVENT_STATUSES, dockingApi, type DockingEvent, type EventInput } from './api';
import { EventStatusTag, chinaTime, fromChinaInstant, toChinaInstant, useApiError, useFieldEnum, useFieldName, useMarketFieldOptions, useWide } from './shared';

type Values = Omit<EventInput, 'startsAt' | 'endsAt'> & { time: [Dayjs, Dayjs | null] };

export function EventForm({ event, open, onClose, onSaved }: { event?: DockingEvent; open: boolean; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const onError = useApiError();
  const fieldOptions = useMarketFieldOptions();
  const [form] = Form.useForm<Values>();
  const save = async () => {
    const v = await form.validateFields();
    const { time, ...rest } = v;
    const body: EventInput = { ...rest, startsAt: toChinaInstant(time[0]), endsAt: time[1] ? toChinaInstant(time[1]) : null, field: v.field ?? null, capacity: v.capacity ?? null };
    try {
      if (event) { await dockingApi.update(event.id, { ...body, version: event.version }); onSaved(event.id); }
      else onSaved((await dockingApi.create(body)).id);
    } catch (error) { onError(error, form, ['title', 'theme', 'place', 'organiser', 'capacity']); }
  };
  return (
    <Modal open={open} title={event ? t('market.docking.editTitle') : t('market.docking.create')} onCancel={onClose} onOk={save} width={720} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}
        initialValues={event ? { ...event, time: [fromChinaInstant(event.startsAt), event.endsAt ? fromChinaInstant(event.endsAt) : null] } : {}}>
        <Row gutter={16}>
          <Col span={24}><Form.Item name="title" label={t('market.docking.title')} rules={[{ required: true, whitespace: true, max: 120 }]}><Input /></Form.Item></Col>
          <Col span={24}><Form.Item name="theme" label={t('market.docking.theme')}><Input.TextArea rows={2} maxLength={500} /></Form.Item></Col>
          <Col xs={24} sm={14}><Form.Item name="time" label={t('market.docking.time')} rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[false, true]} style={{ width: '100%' }} />
          </Form.Item></Col>
          <Col xs={24} sm={10}><Form.Item name="field" label={t('market.common.field')}><Select allowClear options={fieldOptions} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="place" label={t('market.docking.place')}><Input maxLength={200} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="organiser" label={t('market.docking.organiser')}><Input maxLength={200} /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="capacity" label={t('market.docking.capacity')}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

export default function DockingEventsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const wide = useWide();
  const fieldEnum = useFieldEnum();
  const fieldName = useFieldName();
  const actionRef = useRef<ActionType>(undefined);
  const [creating, setCreating] = useState(false);
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const columns: ProColumns<DockingEvent>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true },
    { title: t('market.docking.title'), dataIndex: 'title', hideInSearch: true, render: (_, e) => (
      <div style={{ minWidth: 180 }}>
        <Link to={`/market/docking-events/${e.id}`} data-testid={`event-${e.id}`}>{e.title}</Link>
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.organiser || e.regionName}{e.place ? ` · ${e.place}` : ''}</Typography.Text></div>
      </div>
    ) },
    { title: t('market.docking.startsAt'), dataIndex: 'startsAt', hideInSearch: true, width: 150, render: (_, e) => chinaTime(e.startsAt) },
    { title: t('market.common.field'), dataIndex: 'field', valueType: 'select', valueEnum: fieldEnum, width: 130, responsive: ['md'], render: (_, e) => fieldName(e.field) },
    { title: t('market.common.status'), dataIndex: 'status', valueType: 'select', width: 100,
      valueEnum: Object.fromEntries(EVENT_STATUSES.map((s) => [s, { text: t(`market.docking.status.${s}`) }])), render: (_, e) => <EventStatusTag status={e.status} /> },
    { title: t('market.docking.counts'), dataIndex: 'counts', hideInSearch: true, width: 110, align: 'right',
      render: (_, e) => t('market.docking.countsText', { registrations: e.counts.registrations, pairings: e.counts.pairings }) },
  ];
  return (
    <AppPage>
      <ProTable<DockingEvent>
        rowKey="id" actionRef={actionRef} columns={columns} search={{ labelWidth: 'auto' }} scroll={{ x: 'max-content' }} options={wide ? undefined : false}
        pagination={{ defaultPageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        request={async (params) => {
          const page = await dockingApi.list(toListQuery(params, undefined));
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => (staff ? [<Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('market.docking.create')}</Button>] : [])}
      />
      <EventForm open={creating} onClose={() => setCreating(false)} onSaved={() => { message.success(t('market.common.saved')); setCreating(false); actionRef.current?.reload(); }} />
    </AppPage>
  );
}
