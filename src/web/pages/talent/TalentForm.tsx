// Adding or changing a talent record. A new record names a person of the expert registry, or a
// new person who joins the registry with it (name, organisation, title, fields, mobile); a change
// edits the engagement only (the person is the registry's to change).
import { useEffect } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Radio, Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useScopedRegions } from '../../components/useRegions';
import { TITLE_RANKS } from '../projects/api';
import { useFieldOptions } from '../projects/shared';
import { talentApi, type Talent } from './api';
import { ExpertPicker, OrgPicker, useApiError, useWords } from './shared';

interface Values {
  mode: 'existing' | 'new'; expertId?: number; person?: { name: string; orgName: string; title: string; titleRank: string; fields: string[]; regionCode: string; phone: string };
  category: Talent['category']; flexibleKind?: Talent['flexibleKind']; hostOrgId: number; agreementNo?: string; from: string; to: string;
  daysPerYear: number; outcomes?: string; status?: Talent['status'];
}

export default function TalentForm({ open, talent, onClose, onSaved }: { open: boolean; talent?: Talent; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const words = useWords();
  const onError = useApiError();
  const regions = useScopedRegions();
  const fieldOptions = useFieldOptions();
  const mode = Form.useWatch('mode', form);
  const category = Form.useWatch('category', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (talent) {
      form.setFieldsValue({ ...talent, mode: 'existing', outcomes: talent.outcomes.join('\n') });
    } else {
      form.setFieldsValue({ mode: 'existing', category: 'flexible', daysPerYear: 60, status: 'active' });
    }
  }, [open, talent, form]);

  const save = async () => {
    const v = await form.validateFields();
    const terms = {
      category: v.category, flexibleKind: v.category === 'flexible' ? v.flexibleKind ?? null : null, hostOrgId: v.hostOrgId, agreementNo: v.agreementNo ?? '',
      from: v.from, to: v.to, daysPerYear: v.daysPerYear, status: v.status,
      outcomes: (v.outcomes ?? '').split('\n').map((s) => s.trim()).filter(Boolean),
    };
    try {
      if (talent) {
        await talentApi.update(talent.id, { ...terms, version: talent.version });
        onSaved(talent.id);
      } else {
        const { id } = await talentApi.create(v.mode === 'existing' ? { ...terms, expertId: v.expertId } : { ...terms, person: v.person });
        onSaved(id);
      }
    } catch (error) { onError(error, form, ['expertId', 'flexibleKind', 'hostOrgId', 'from', 'to']); }
  };

  const required = [{ required: true, message: t('talent.common.required') }];
  return (
    <Modal open={open} title={talent ? `${t('talent.common.edit')} · ${talent.name}` : t('talent.list.create')} onCancel={onClose} onOk={save}
      okText={t('talent.common.save')} cancelText={t('talent.common.cancel')} destroyOnHidden width={680}>
      <Form form={form} layout="vertical" data-testid="talent-form">
        {!talent && (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('talent.list.personHelp')} />
            <Form.Item name="mode" label={t('talent.list.person')}>
              <Radio.Group options={[{ value: 'existing', label: t('talent.list.existing') }, { value: 'new', label: t('talent.list.newPerson') }]} />
            </Form.Item>
            {mode === 'existing' ? (
              <Form.Item name="expertId" label={t('talent.common.name')} rules={required}><ExpertPicker /></Form.Item>
            ) : (
              <>
                <Form.Item name={['person', 'name']} label={t('talent.common.name')} rules={required}><Input maxLength={40} /></Form.Item>
                <Form.Item name={['person', 'phone']} label={t('talent.common.phone')} rules={required}><Input maxLength={11} inputMode="numeric" /></Form.Item>
                <Form.Item name={['person', 'orgName']} label={t('talent.common.org')} rules={required}><Input maxLength={100} /></Form.Item>
                <Form.Item name={['person', 'title']} label={t('talent.common.title')} rules={required}><Input maxLength={40} /></Form.Item>
                <Form.Item name={['person', 'titleRank']} label={t('projects.expert.titleRank')} rules={required}>
                  <Select options={TITLE_RANKS.map((r) => ({ value: r, label: t(`projects.titleRank.${r}`) }))} />
                </Form.Item>
                <Form.Item name={['person', 'fields']} label={t('talent.common.fields')} rules={required}><Select mode="multiple" options={fieldOptions} /></Form.Item>
                <Form.Item name={['person', 'regionCode']} label={t('talent.list.personRegion')} rules={required}>
                  <TreeSelect treeData={regions.scopedOptions} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
                </Form.Item>
              </>
            )}
          </>
        )}
        <Form.Item name="category" label={t('talent.common.category')} rules={required}><Select options={words.categoryOptions} /></Form.Item>
        {category === 'flexible' && (
          <Form.Item name="flexibleKind" label={t('talent.common.kind')} rules={required}><Select options={words.kindOptions} /></Form.Item>
        )}
        <Form.Item name="hostOrgId" label={t('talent.common.host')} rules={required}>
          <OrgPicker initial={talent ? [{ id: talent.hostOrgId, name: talent.hostName }] : []} />
        </Form.Item>
        <Form.Item name="agreementNo" label={t('talent.common.agreementNo')}><Input maxLength={60} /></Form.Item>
        <Form.Item label={t('talent.common.period')} required style={{ marginBottom: 0 }}>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Form.Item name="from" rules={required} style={{ flex: '1 1 140px' }}><Input type="date" aria-label={t('talent.common.from')} /></Form.Item>
            <Form.Item name="to" rules={required} style={{ flex: '1 1 140px' }}><Input type="date" aria-label={t('talent.common.to')} /></Form.Item>
          </div>
        </Form.Item>
        <Form.Item name="daysPerYear" label={t('talent.common.daysPerYear')} rules={required}><InputNumber min={0} max={366} precision={0} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="outcomes" label={t('talent.common.outcomes')} extra={t('talent.list.outcomesHelp')}><Input.TextArea rows={3} /></Form.Item>
        {talent && <Form.Item name="status" label={t('talent.common.status')}><Select options={words.statusOptions} /></Form.Item>}
      </Form>
    </Modal>
  );
}
