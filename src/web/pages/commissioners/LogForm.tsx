// A service log written on a phone, in under a minute: the date is today, the dispatch and the place
// are the last ones used, the service type is a big button, then what was done and how many were
// trained; the rest folds away. Photos come from the camera. A new log goes to the phone's outbox
// (kept there until the server has it, so it works without signal); an edit goes to the server.
import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Collapse, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { CameraOutlined, CloseOutlined, EnvironmentOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { wanToYuan, yuanToWan } from '../../../domain/money';
import { newClientId, type LogBody } from '../../offline/logQueue';
import { commissionerApi, type Dispatch, type LogInput, type ServiceLog, type ServiceType } from './api';
import { placeOf, todayInChina, useApiError } from './shared';
import ServiceTypePicker from './ServiceTypePicker';

const LAST_USED_KEY = 'kechuang.commissioner.lastLog';

interface LastUsed { dispatchId?: number; place?: string }
function readLastUsed(): LastUsed {
  try { return JSON.parse(localStorage.getItem(LAST_USED_KEY) ?? '{}') as LastUsed; } catch { return {}; }
}

interface Values {
  date: Dayjs; dispatchId: number; place: string; days: number; serviceType: ServiceType; content: string; trained?: number | null;
  technologies?: string; varieties?: string; problemsSolved?: number | null; orgsFounded?: number | null; orgsServed?: number | null;
  jobsCreated?: number | null; incomeRaisedWan?: number | null;
}

/** The places of a dispatch: its villages ("v:code") and organisations ("o:id"). */
function placeOptions(dispatch: Dispatch | undefined) {
  return (dispatch?.targets ?? []).map((target) => ({
    value: target.villageCode ? `v:${target.villageCode}` : `o:${target.orgId}`,
    label: placeOf(target),
  }));
}

export interface NewLog { clientId: string; body: LogBody; photos: { clientId: string; fileName: string; contentType: string; blob: Blob }[] }

export default function LogForm({ dispatches, editing, onQueue, onSaved, onCancel }: {
  /** the active dispatches the log may belong to */
  dispatches: Dispatch[];
  editing?: ServiceLog | null;
  /** a new log: keep it in the outbox (it is sent from there) */
  onQueue: (log: NewLog) => Promise<void>;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const apiError = useApiError();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<{ file: File; url: string }[]>([]);
  const [kept, setKept] = useState(editing?.photos ?? []);
  const [position, setPosition] = useState<{ latitude: number; longitude: number } | null>(
    editing?.latitude != null && editing.longitude != null ? { latitude: editing.latitude, longitude: editing.longitude } : null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [saving, setSaving] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const dispatchId = Form.useWatch('dispatchId', form);
  const places = useMemo(() => placeOptions(dispatches.find((d) => d.id === dispatchId) ?? dispatches.find((d) => d.id === editing?.dispatchId)),
    [dispatches, dispatchId, editing]);

  const initial = useMemo((): Partial<Values> => {
    if (editing) {
      return {
        date: dayjs(editing.date), dispatchId: editing.dispatchId, place: editing.villageCode ? `v:${editing.villageCode}` : `o:${editing.orgId}`,
        days: editing.days, serviceType: editing.serviceType, content: editing.content, trained: editing.trained, technologies: editing.technologies,
        varieties: editing.varieties, problemsSolved: editing.problemsSolved, orgsFounded: editing.orgsFounded, orgsServed: editing.orgsServed,
        jobsCreated: editing.jobsCreated, incomeRaisedWan: editing.incomeRaised ? yuanToWan(editing.incomeRaised) : null,
      };
    }
    const last = readLastUsed();
    const dispatch = dispatches.find((d) => d.id === last.dispatchId) ?? dispatches[0];
    const options = placeOptions(dispatch);
    const place = options.find((o) => o.value === last.place)?.value ?? options[0]?.value;
    return { date: dayjs(todayInChina()), dispatchId: dispatch?.id, place, days: 1 };
  }, [editing, dispatches]);

  // a changed dispatch: keep the place only if the new one serves it too
  useEffect(() => {
    const place = form.getFieldValue('place') as string | undefined;
    if (dispatchId && place && !places.some((p) => p.value === place)) form.setFieldValue('place', places[0]?.value);
  }, [dispatchId, places, form]);

  useEffect(() => () => photos.forEach((p) => URL.revokeObjectURL(p.url)), []); // eslint-disable-line react-hooks/exhaustive-deps

  const addFiles = (files: FileList | null) => {
    if (!files) return;
    setPhotos((before) => [...before, ...[...files].filter((f) => f.type.startsWith('image/')).map((file) => ({ file, url: URL.createObjectURL(file) }))]);
    if (fileInput.current) fileInput.current.value = '';
  };

  const locate = () => {
    if (!('geolocation' in navigator)) { setLocating('failed'); return; }
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (p) => { setPosition({ latitude: Number(p.coords.latitude.toFixed(6)), longitude: Number(p.coords.longitude.toFixed(6)) }); setLocating('idle'); },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const submit = async (values: Values) => {
    const [kind, ref] = values.place.split(':');
    const fields: LogInput = {
      dispatchId: values.dispatchId, date: values.date.format('YYYY-MM-DD'), days: values.days, serviceType: values.serviceType,
      content: values.content.trim(), trained: values.trained ?? 0, technologies: values.technologies?.trim() ?? '', varieties: values.varieties?.trim() ?? '',
      problemsSolved: values.problemsSolved ?? 0, orgsFounded: values.orgsFounded ?? 0, orgsServed: values.orgsServed ?? 0, jobsCreated: values.jobsCreated ?? 0,
      incomeRaised: values.incomeRaisedWan ? wanToYuan(values.incomeRaisedWan) : 0,
      ...(kind === 'v' ? { villageCode: ref } : { orgId: Number(ref) }),
      ...(position ?? {}),
    };
    setSaving(true);
    try {
      if (editing) {
        const { dispatchId: _dispatch, ...changes } = fields;
        await commissionerApi.updateLog(editing.id, { ...changes, version: editing.version });
        for (const removed of editing.photos.filter((p) => !kept.some((k) => k.id === p.id))) await commissionerApi.deletePhoto(editing.id, removed.id);
        for (const p of photos) await commissionerApi.addPhoto(editing.id, p.file, newClientId());
        message.success(t('commissioners.log.saved'));
      } else {
        await onQueue({
          clientId: newClientId(), body: fields as unknown as LogBody,
          photos: photos.map((p) => ({ clientId: newClientId(), fileName: p.file.name || 'photo.jpg', contentType: p.file.type || 'image/jpeg', blob: p.file })),
        });
        try { localStorage.setItem(LAST_USED_KEY, JSON.stringify({ dispatchId: values.dispatchId, place: values.place })); } catch { /* private mode */ }
        message.success(navigator.onLine ? t('commissioners.log.saved') : t('commissioners.log.kept'));
      }
      onSaved();
    } catch (error) {
      apiError(error, form);
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t('commissioners.log.required') }];
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} requiredMark={false} data-testid="log-form">
      <Form.Item name="date" label={t('commissioners.log.date')} rules={required}>
        <DatePicker style={{ width: '100%' }} inputReadOnly allowClear={false} disabledDate={(d) => d.isAfter(dayjs(todayInChina()), 'day')} />
      </Form.Item>
      <Form.Item name="dispatchId" label={t('commissioners.log.dispatch')} rules={required} hidden={!!editing || dispatches.length < 2}>
        <Select options={dispatches.map((d) => ({ value: d.id, label: `${d.commissionerName} · ${d.from} ~ ${d.to}` }))} />
      </Form.Item>
      <Form.Item name="place" label={t('commissioners.log.place')} rules={required}>
        <Select options={places} showSearch optionFilterProp="label" />
      </Form.Item>
      <Form.Item name="serviceType" label={t('commissioners.log.serviceType')} rules={required}>
        <ServiceTypePicker />
      </Form.Item>
      <Form.Item name="content" label={t('commissioners.log.content')} rules={[...required, { whitespace: true, message: t('commissioners.log.required') }]}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('commissioners.log.contentPlaceholder')} />
      </Form.Item>
      <Space.Compact block style={{ gap: 12 }}>
        <Form.Item name="days" label={t('commissioners.log.days')} rules={required} style={{ flex: 1 }}>
          <InputNumber min={0.5} max={31} step={0.5} style={{ width: '100%' }} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="trained" label={t('commissioners.log.trained')} style={{ flex: 1 }}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
      </Space.Compact>
      <Form.Item label={t('commissioners.log.photos')}>
        <input ref={fileInput} type="file" accept="image/*" capture="environment" multiple style={{ display: 'none' }} data-testid="log-photo-input"
          onChange={(e) => addFiles(e.target.files)} />
        <Button icon={<CameraOutlined />} onClick={() => fileInput.current?.click()} block size="large">{t('commissioners.log.takePhoto')}</Button>
        {(kept.length > 0 || photos.length > 0) && (
          <div className="kc-photos">
            {editing && kept.map((p) => (
              <span className="kc-photo-wrap" key={`k${p.id}`}>
                <img src={commissionerApi.photoUrl(editing.id, p.id)} alt={p.fileName} />
                <Button size="small" shape="circle" icon={<CloseOutlined />} aria-label={t('commissioners.log.discard')}
                  onClick={() => setKept((list) => list.filter((x) => x.id !== p.id))} />
              </span>
            ))}
            {photos.map((p, i) => (
              <span className="kc-photo-wrap" key={p.url}>
                <img src={p.url} alt={p.file.name} data-testid="log-photo-preview" />
                <Button size="small" shape="circle" icon={<CloseOutlined />} aria-label={t('commissioners.log.discard')}
                  onClick={() => { URL.revokeObjectURL(p.url); setPhotos((list) => list.filter((_, j) => j !== i)); }} />
              </span>
            ))}
          </div>
        )}
      </Form.Item>
      <Form.Item label={t('commissioners.log.location')}>
        <Button icon={<EnvironmentOutlined />} onClick={locate} loading={locating === 'busy'}>{t('commissioners.log.locate')}</Button>
        <Typography.Text type={locating === 'failed' ? 'danger' : 'secondary'} style={{ display: 'block', marginTop: 4 }}>
          {locating === 'failed' ? t('commissioners.log.locateFailed')
            : position ? t('commissioners.log.located', { lat: position.latitude.toFixed(4), lng: position.longitude.toFixed(4) }) : null}
        </Typography.Text>
      </Form.Item>
      <Collapse ghost size="small" style={{ marginBottom: 16 }} items={[{
        key: 'more', label: t('commissioners.log.more'), forceRender: true,
        children: (
          <>
            <Form.Item name="technologies" label={t('commissioners.log.technologies')}><Input maxLength={500} /></Form.Item>
            <Form.Item name="varieties" label={t('commissioners.log.varieties')}><Input maxLength={500} /></Form.Item>
            {(['problemsSolved', 'orgsFounded', 'orgsServed', 'jobsCreated'] as const).map((name) => (
              <Form.Item key={name} name={name} label={t(`commissioners.log.${name}`)}>
                <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
              </Form.Item>
            ))}
            <Form.Item name="incomeRaisedWan" label={t('commissioners.log.incomeRaised')}>
              <InputNumber min={0} max={1_000_000} precision={2} style={{ width: '100%' }} inputMode="decimal" />
            </Form.Item>
          </>
        ),
      }]} />
      <Space style={{ width: '100%' }} direction="vertical">
        <Button type="primary" htmlType="submit" block size="large" loading={saving}>{t('commissioners.log.submit')}</Button>
        <Button block onClick={onCancel}>{t('commissioners.common.cancel')}</Button>
      </Space>
    </Form>
  );
}
