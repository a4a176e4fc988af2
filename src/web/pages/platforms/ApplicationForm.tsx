// The host's certification application (new, or a draft / returned one): the platform's name, type
// and level, field, co-hosts and intro, and the type's checklist for that level (from the catalogue,
// the level's own condition before the general one), each ticked or given a figure; saved as a
// draft or submitted (the server refuses a submission with a required condition unmet, naming it).
import { useEffect, useMemo } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { applicationApi, platformApi, type ApplicationDetail, type Condition, type PlatformLevel } from './api';
import { OrgPicker, useApiError, useLang, useMarketFieldOptions, usePlatformNames, useWide } from './shared';

interface Values {
  name: string; type?: string; level?: PlatformLevel; field?: string; intro?: string; coHostOrgIds?: number[];
  answers?: Record<string, boolean | number | null>;
}

/** The conditions of a type at a level: a level's own condition replaces the general one of the same code. */
export function conditionsFor(all: Condition[], level: PlatformLevel | undefined): Condition[] {
  const active = all.filter((c) => c.active && (c.level === null || c.level === level));
  const byCode = new Map<string, Condition>();
  for (const c of active) if (!byCode.has(c.code) || c.level !== null) byCode.set(c.code, c);
  return [...byCode.values()].sort((a, b) => a.seq - b.seq || a.code.localeCompare(b.code));
}

export default function ApplicationForm({ open, application, onClose, onSaved }: {
  open: boolean; application?: ApplicationDetail; onClose: () => void; onSaved: (id: number, submitted: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = useLang();
  const wide = useWide();
  const names = usePlatformNames();
  const fieldOptions = useMarketFieldOptions();
  const onError = useApiError();
  const [form] = Form.useForm<Values>();
  const catalogue = useQuery({ queryKey: ['platforms', 'catalogue'], queryFn: platformApi.catalogue, staleTime: 300_000, enabled: open });
  const type = Form.useWatch('type', form);
  const level = Form.useWatch('level', form);
  const conditions = useMemo(() => conditionsFor(catalogue.data?.types.find((x) => x.code === type)?.conditions ?? [], level), [catalogue.data, type, level]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (application) {
      form.setFieldsValue({ name: application.name, type: application.type, level: application.level, field: application.field || undefined, intro: application.intro,
        coHostOrgIds: application.coHostOrgIds, answers: Object.fromEntries(application.checklist.map((c) => [c.code, c.value])) });
    }
  }, [open, application, form]);

  const save = async (submit: boolean) => {
    const v = await form.validateFields();
    const body = {
      name: v.name, type: v.type!, level: v.level!, field: v.field ?? '', intro: v.intro ?? '', coHostOrgIds: v.coHostOrgIds ?? [],
      checklist: conditions.map((c) => ({ code: c.code, value: v.answers?.[c.code] ?? null })),
    };
    try {
      let id = application?.id;
      if (application) {
        const saved = await applicationApi.update(application.id, { ...body, version: application.version });
        if (submit) await applicationApi.submit(application.id, saved.version);
      } else {
        id = (await applicationApi.create({ ...body, submit })).id;
      }
      message.success(submit ? t('platforms.application.submitted') : t('platforms.application.savedDraft'));
      onSaved(id!, submit);
    } catch (error) {
      // a condition's problem comes back as checklist.<code>: put it on the field answers.<code>
      const e = error as { fields?: Record<string, string> };
      if (e.fields) {
        const checklist = Object.entries(e.fields).filter(([k]) => k.startsWith('checklist.'));
        if (checklist.length) form.setFields(checklist.map(([k, msg]) => ({ name: ['answers', k.slice('checklist.'.length)], errors: [msg] })));
      }
      onError(error, form, ['name', 'type', 'level', 'field', 'intro', 'coHostOrgIds']);
    }
  };

  const unit = (c: Condition) => (lang === 'en' ? c.unitEn : c.unitZh);
  return (
    <Drawer open={open} onClose={onClose} width={wide ? 720 : '100%'} destroyOnHidden title={application ? t('platforms.application.editTitle') : t('platforms.application.createTitle')}
      extra={wide && (
        <Space>
          <Button onClick={() => save(false)} data-testid="application-save">{t('platforms.application.saveDraft')}</Button>
          <Button type="primary" onClick={() => save(true)} data-testid="application-submit">{t('platforms.application.submit')}</Button>
        </Space>
      )}>
      <Form form={form} layout="vertical" name="platform-application">
        <Form.Item name="name" label={t('platforms.common.name')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input data-testid="application-name" /></Form.Item>
        <Space.Compact block>
          <Form.Item name="type" label={t('platforms.common.type')} rules={[{ required: true }]} style={{ flex: 2 }}>
            <Select options={names.typeOptions} data-testid="application-type" showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="level" label={t('platforms.common.level')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={names.levelOptions} data-testid="application-level" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="field" label={t('platforms.common.field')}><Select allowClear options={fieldOptions} /></Form.Item>
        <Form.Item name="coHostOrgIds" label={t('platforms.common.coHosts')}><OrgPicker multiple /></Form.Item>
        <Form.Item name="intro" label={t('platforms.common.intro')}><Input.TextArea rows={3} maxLength={10000} /></Form.Item>
        <Card size="small" title={t('platforms.application.checklist')} data-testid="application-checklist">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('platforms.application.checklistHelp')}</Typography.Paragraph>
          {!type || !level ? <Alert type="info" showIcon message={t('platforms.application.chooseType')} /> : conditions.map((c) => (
            <Form.Item key={c.code} name={['answers', c.code]} data-testid={`condition-${c.code}`}
              label={<Space size={6} wrap><span>{lang === 'en' ? c.textEn : c.textZh}</span>
                <Tag color={c.required ? 'red' : 'default'} style={{ marginInlineEnd: 0 }}>{c.required ? t('platforms.application.required') : t('platforms.application.optional')}</Tag>
                {c.min != null && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('platforms.application.min', { min: c.min.toLocaleString('zh-CN'), unit: unit(c) })}</Typography.Text>}</Space>}>
              {c.answer === 'yes_no'
                ? <Radio.Group options={[{ value: true, label: t('platforms.common.yes') }, { value: false, label: t('platforms.common.no') }]} />
                : <InputNumber min={0} style={{ width: 200 }} addonAfter={unit(c) || undefined} />}
            </Form.Item>
          ))}
        </Card>
      </Form>
      {!wide && (
        <Space style={{ marginTop: 16 }}>
          <Button onClick={() => save(false)} data-testid="application-save">{t('platforms.application.saveDraft')}</Button>
          <Button type="primary" onClick={() => save(true)} data-testid="application-submit">{t('platforms.application.submit')}</Button>
        </Space>
      )}
    </Drawer>
  );
}
