// A commissioner's record, new or changed by the bureau: a person, an organisation (法人科技特派员)
// or a team (科技特派团) with its leader and members. Party and government staff are not offered as
// an employer kind (the server refuses them too).
import { useEffect, useMemo, useState } from 'react';
import { Alert, Drawer, Form, Input, Select, TreeSelect, Button, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useScopedRegions } from '../../components/useRegions';
import { commissionerApi, EMPLOYER_KINDS, KINDS, type Commissioner, type CommissionerInput, type CommissionerKind } from './api';
import { FIELD_SUGGESTIONS, OrgPicker, useApiError, useWide } from './shared';

type Values = Omit<CommissionerInput, 'version'>;

export default function CommissionerForm({ open, item, onClose, onSaved }: {
  open: boolean; item?: Commissioner | null; onClose: () => void; onSaved: (id: number) => void;
}) {
  const { t } = useTranslation();
  const wide = useWide();
  const apiError = useApiError();
  const regions = useScopedRegions();
  const [form] = Form.useForm<Values>();
  const kind = (Form.useWatch('kind', form) ?? item?.kind ?? 'individual') as CommissionerKind;
  const detail = useQuery({ queryKey: ['commissioners', 'detail', item?.id], queryFn: () => commissionerApi.get(item!.id), enabled: open && !!item });
  // individuals of the region, searched as typed: a team's leader and members
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['commissioners', 'individuals', q], enabled: open && kind === 'team',
    queryFn: () => commissionerApi.list({ kind: 'individual', q: q || undefined, pageSize: 50 }),
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (item) form.setFieldsValue({ ...item, memberIds: detail.data?.members.map((m) => m.id) ?? [] });
  }, [open, item, detail.data, form]);

  const submit = async () => {
    const values = await form.validateFields();
    try {
      if (item) {
        const { kind: _kind, ...changes } = values;
        await commissionerApi.update(item.id, { ...changes, version: item.version });
        onSaved(item.id);
      } else {
        onSaved((await commissionerApi.create(values)).id);
      }
    } catch (error) {
      apiError(error, form, ['name', 'phone', 'fields', 'regionCode', 'orgId', 'employerKind', 'leaderId', 'memberIds']);
    }
  };

  const required = [{ required: true, message: t('commissioners.log.required') }];
  const peopleOptions = useMemo(() => {
    // the team's present leader and members stay named whatever the search shows
    const known = new Map<number, string>((detail.data?.members ?? []).map((m) => [m.id, m.name]));
    if (item?.leaderId) known.set(item.leaderId, item.leaderName ?? String(item.leaderId));
    for (const p of people.data?.items ?? []) if (p.id !== item?.id) known.set(p.id, `${p.name} · ${p.orgName}`);
    return [...known].map(([value, label]) => ({ value, label }));
  }, [people.data, detail.data, item]);
  return (
    <Drawer open={open} onClose={onClose} destroyOnHidden width={wide ? 560 : '100%'} title={item ? t('commissioners.staff.edit') : t('commissioners.staff.create')}
      extra={<Space><Button onClick={onClose}>{t('commissioners.common.cancel')}</Button><Button type="primary" onClick={() => void submit()} data-testid="commissioner-save">{t('commissioners.common.save')}</Button></Space>}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'individual', employerKind: 'university', fields: [] }}>
        <Form.Item name="kind" label={t('commissioners.common.kind')} rules={required}>
          <Select disabled={!!item} options={KINDS.map((k) => ({ value: k, label: t(`commissioners.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('commissioners.common.name')} rules={required}><Input maxLength={100} /></Form.Item>
        <Form.Item name="orgId" label={t('commissioners.common.org')} rules={kind === 'legal' ? required : []}>
          <OrgPicker initial={item?.orgId ? [{ id: item.orgId, name: item.orgName }] : []} />
        </Form.Item>
        {kind !== 'legal' && <Form.Item name="orgName" label={t('commissioners.staff.orgName')}><Input maxLength={200} /></Form.Item>}
        <Form.Item name="employerKind" label={t('commissioners.staff.employerKind')} extra={t('commissioners.staff.publicOfficialNote')}>
          <Select options={EMPLOYER_KINDS.map((k) => ({ value: k, label: t(`commissioners.employerKind.${k}`) }))} />
        </Form.Item>
        {kind === 'individual' && <Form.Item name="title" label={t('commissioners.common.title')}><Input maxLength={50} /></Form.Item>}
        <Form.Item name="phone" label={t('commissioners.common.phone')} rules={required}><Input maxLength={20} inputMode="tel" /></Form.Item>
        <Form.Item name="fields" label={t('commissioners.common.fields')} rules={[{ required: true, type: 'array', min: 1, message: t('commissioners.log.required') }]}>
          <Select mode="tags" options={FIELD_SUGGESTIONS.map((f) => ({ value: f, label: f }))} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('commissioners.common.region')} rules={required}>
          <TreeSelect treeData={regions.scopedOptions} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
        </Form.Item>
        {kind === 'team' && (
          <>
            <Form.Item name="leaderId" label={t('commissioners.staff.leader')} rules={required}>
              <Select showSearch filterOption={false} onSearch={setQ} options={peopleOptions} loading={people.isFetching} />
            </Form.Item>
            <Form.Item name="memberIds" label={t('commissioners.staff.members')}>
              <Select mode="multiple" showSearch filterOption={false} onSearch={setQ} options={peopleOptions} loading={people.isFetching} />
            </Form.Item>
          </>
        )}
        {detail.isError && <Alert type="error" showIcon message={(detail.error as Error).message} />}
      </Form>
    </Drawer>
  );
}
