// 工作日历: the year's holidays and worked weekend days (the State Council's arrangement), the number
// of working days, and a deadline reckoner (N working days after a date). Administrators keep the
// days; everyone else reads them.
import { useState } from 'react';
import { ModalForm, ProFormDatePicker, ProFormRadio, ProFormText } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Col, DatePicker, InputNumber, Popconfirm, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { calendarApi, type CalendarDay } from '../../api/calendar';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';

type Editing = { day?: CalendarDay } | null;

export default function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const admin = user?.role === 'admin';
  const client = useQueryClient();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [editing, setEditing] = useState<Editing>(null);
  const calendar = useQuery({ queryKey: ['calendar', year], queryFn: () => calendarApi.year(year) });
  const reload = () => client.invalidateQueries({ queryKey: ['calendar'] });

  const [from, setFrom] = useState<Dayjs>(() => dayjs());
  const [days, setDays] = useState<number>(5);
  const deadline = useQuery({
    queryKey: ['calendar', 'deadline', from.format('YYYY-MM-DD'), days],
    queryFn: () => calendarApi.deadline(from.format('YYYY-MM-DD'), days),
    enabled: days >= 0,
  });

  const fail = (error: unknown) => {
    message.error(isApiError(error) ? error.message : String(error));
    if (isApiError(error, 'STALE_VERSION')) void reload();
  };

  const columns: ColumnsType<CalendarDay> = [
    { title: t('calendar.day'), dataIndex: 'day', width: 150, render: (day: string) => `${day} ${t(`calendar.weekday${dayjs(day).day()}` as 'calendar.weekday0')}` },
    {
      // kind and name in one column, so that the table fits a phone
      title: t('calendar.name'), dataIndex: 'name',
      render: (name: string, d) => (
        <Space size={4} wrap>
          {d.working ? <Tag color="blue">{t('calendar.working')}</Tag> : <Tag color="red">{t('calendar.holiday')}</Tag>}
          <span>{name}</span>
        </Space>
      ),
    },
    ...(admin ? [{
      title: t('common.actions'), key: 'actions', width: 130,
      render: (_: unknown, d: CalendarDay) => (
        <Space>
          <a onClick={() => setEditing({ day: d })}>{t('calendar.editAction')}</a>
          <Popconfirm title={t('calendar.removeConfirm', { day: d.day })} onConfirm={() => calendarApi.remove(d.day, d.version).then(() => { message.success(t('calendar.removed')); void reload(); }, fail)}>
            <a>{t('calendar.remove')}</a>
          </Popconfirm>
        </Space>
      ),
    }] : []),
  ];

  const thisYear = new Date().getFullYear();
  // the notices the year's days come from, said once above the table
  const sources = [...new Set((calendar.data?.days ?? []).map((d) => d.source).filter((s): s is string => !!s))];
  return (
    <AppPage extra={admin ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>{t('calendar.add')}</Button> : undefined}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card
            title={<Space wrap><Select aria-label={t('calendar.year')} value={year} onChange={setYear} style={{ width: 110 }}
              options={Array.from({ length: 5 }, (_, i) => thisYear - 2 + i).map((y) => ({ value: y, label: t('calendar.yearLabel', { year: y }) }))} /></Space>}
            extra={calendar.data && <Statistic title={t('calendar.workingDays')} value={calendar.data.workingDays} suffix={t('calendar.daysUnit')} valueStyle={{ fontSize: 20 }} />}
          >
            {calendar.data && !calendar.data.entered && (
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('calendar.notEntered', { year })} />
            )}
            {sources.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('calendar.sourceLine', { list: sources.join(t('calendar.sourceSeparator')) })}</Typography.Paragraph>
            )}
            <Table<CalendarDay> rowKey="day" size="small" loading={calendar.isLoading} dataSource={calendar.data?.days ?? []} columns={columns}
              pagination={false} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('calendar.reckoner')}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">{t('calendar.reckonerHelp')}</Typography.Text>
              <Space wrap>
                <DatePicker aria-label={t('calendar.from')} value={from} allowClear={false} onChange={(d) => d && setFrom(d)} />
                <InputNumber aria-label={t('calendar.workingDaysAfter')} min={0} max={365} value={days} onChange={(n) => setDays(n ?? 0)} addonAfter={t('calendar.workingDaysAfter')} />
              </Space>
              {deadline.data && (
                <Statistic title={t('calendar.dueOn')} value={`${deadline.data.dueOn} ${t(`calendar.weekday${dayjs(deadline.data.dueOn).day()}` as 'calendar.weekday0')}`} />
              )}
              {deadline.data && !deadline.data.complete && <Alert type="warning" showIcon message={t('calendar.incomplete')} />}
            </Space>
          </Card>
        </Col>
      </Row>
      <ModalForm<{ day: string; working: 'true' | 'false'; name: string; nameEn?: string; source?: string }>
        title={editing?.day ? t('calendar.edit') : t('calendar.add')}
        open={!!editing}
        modalProps={{ destroyOnHidden: true, onCancel: () => setEditing(null) }}
        initialValues={editing?.day ? { day: editing.day.day, working: String(editing.day.working), name: editing.day.name, source: editing.day.source ?? undefined } : { working: 'false' }}
        onFinish={async (v) => {
          try {
            const day = dayjs(v.day).format('YYYY-MM-DD');
            await calendarApi.set(day, { working: v.working === 'true', name: v.name, nameEn: v.nameEn, source: v.source || null, version: editing?.day?.version });
            message.success(t('calendar.saved', { day }));
            setEditing(null);
            void reload();
            return true;
          } catch (error) {
            fail(error);
            return false;
          }
        }}
      >
        <ProFormDatePicker name="day" label={t('calendar.day')} rules={[{ required: true }]} disabled={!!editing?.day} />
        <ProFormRadio.Group name="working" label={t('calendar.kind')} options={[{ value: 'false', label: t('calendar.holiday') }, { value: 'true', label: t('calendar.working') }]} />
        <ProFormText name="name" label={t('calendar.name')} rules={[{ required: true, max: 40 }]} placeholder={t('calendar.namePlaceholder')} />
        <ProFormText name="nameEn" label={t('calendar.nameEn')} rules={[{ max: 60 }]} />
        <ProFormText name="source" label={t('calendar.source')} rules={[{ max: 200 }]} placeholder={t('calendar.sourcePlaceholder')} />
      </ModalForm>
    </AppPage>
  );
}
