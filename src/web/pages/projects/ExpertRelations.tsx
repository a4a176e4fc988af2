// The relations an expert declared (an organisation or a person to be kept away from, with a reason
// and a date range): kept by the bureau in 专家库 and by the expert on 评审任务.
import { App, Button, DatePicker, Drawer, Form, Input, List, Popconfirm, Radio, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { expertApi } from './api';
import { OrgPicker, dateOnly, useApiError } from './shared';

/** The organisations and people an expert must be kept away from. */
export default function RelationsDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiError();
  const client = useQueryClient();
  const [form] = Form.useForm<{ target: 'org' | 'person'; orgId?: number; personName?: string; reason: string; range?: [Dayjs | null, Dayjs | null] }>();
  const target = Form.useWatch('target', form);
  const expert = useQuery({ queryKey: ['projects', 'expert', id], queryFn: () => expertApi.get(id!), enabled: id !== null });
  const x = expert.data;
  const reload = async () => { await client.invalidateQueries({ queryKey: ['projects', 'expert', id] }); onChanged(); };
  const add = async () => {
    const v = await form.validateFields();
    try {
      await expertApi.addRelation(id!, { orgId: v.target === 'org' ? v.orgId : null, personName: v.target === 'person' ? v.personName?.trim() : null, reason: v.reason.trim(),
        from: v.range?.[0] ? dateOnly(v.range[0]) : null, to: v.range?.[1] ? dateOnly(v.range[1]) : null });
      message.success(t('projects.relation.added'));
      form.resetFields();
      await reload();
    } catch (error) { onError(error, form, ['orgId', 'personName', 'reason']); }
  };
  return (
    <Drawer open={id !== null} onClose={onClose} width={560} title={x ? t('projects.relation.title', { name: x.name }) : ''} destroyOnHidden>
      {x && (
        <>
          <List bordered size="small" dataSource={x.relations} locale={{ emptyText: t('projects.relation.none') }} renderItem={(r) => (
            <List.Item actions={[
              <Popconfirm key="rm" title={t('projects.relation.removeConfirm')} onConfirm={async () => {
                try { await expertApi.removeRelation(x.id, r.id); message.success(t('projects.relation.removed')); await reload(); } catch (error) { onError(error); }
              }}><a>{t('projects.relation.remove')}</a></Popconfirm>,
            ]}>
              <List.Item.Meta title={<Space wrap><Tag>{r.orgId ? t('projects.relation.org') : t('projects.relation.person')}</Tag>{r.orgName ?? r.personName}</Space>}
                description={<>{r.reason}{(r.from || r.to) && <div style={{ fontSize: 12 }}>{r.from ?? '…'} ~ {r.to ?? '…'}</div>}</>} />
            </List.Item>
          )} />
          <Typography.Title level={5} style={{ marginTop: 20 }}>{t('projects.relation.add')}</Typography.Title>
          <Form form={form} layout="vertical" initialValues={{ target: 'org' }} name="relation">
            <Form.Item name="target"><Radio.Group options={[{ value: 'org', label: t('projects.relation.org') }, { value: 'person', label: t('projects.relation.person') }]} /></Form.Item>
            {target === 'person'
              ? <Form.Item name="personName" label={t('projects.relation.personName')} rules={[{ required: true, whitespace: true, max: 40 }]}><Input /></Form.Item>
              : <Form.Item name="orgId" label={t('projects.relation.orgName')} rules={[{ required: true }]}><OrgPicker /></Form.Item>}
            <Form.Item name="reason" label={t('projects.relation.reason')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input placeholder={t('projects.relation.reasonPlaceholder')} /></Form.Item>
            <Form.Item name="range" label={t('projects.relation.range')} extra={t('projects.relation.rangeHelp')}><DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} /></Form.Item>
            <Button type="primary" onClick={add}>{t('projects.relation.add')}</Button>
          </Form>
        </>
      )}
    </Drawer>
  );
}
