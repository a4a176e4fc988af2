// 立改废审查: rounds over the region's own policies; a decision per policy; closing applies them; report in Word.
import { useState } from 'react';
import { App, Button, Card, Drawer, Form, Input, Modal, Progress, Select, Space, Table, Tag } from 'antd';
import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useLinkedId } from '../../components/useLinkedId';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import { policyApi, type Review } from './api';

type Item = NonNullable<Review['items']>[number];

function PolicyPicker({ value, onChange, region, multiple }: { value?: any; onChange?: (v: any) => void; region?: string | null; multiple?: boolean }) {
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['policy-pick', q, region], queryFn: () => policyApi.search({ q: q || undefined, regionCode: region ?? undefined, pageSize: 30 }) });
  return <Select mode={multiple ? 'multiple' : undefined} allowClear showSearch filterOption={false} onSearch={setQ} value={value} onChange={onChange} style={{ width: '100%' }}
    options={(found.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.title}${p.docNumber ? `（${p.docNumber}）` : ''}` }))} />;
}

function Decision({ review, item, onDone }: { review: Review; item: Item; onDone: (r: Review) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  const decision = Form.useWatch('decision', form);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      onDone(await policyApi.decide(review.id, item.policyId, { ...v, replacementId: v.replacementId ?? null, version: item.version }));
      setOpen(false);
    } catch (e) { message.error((e as Error).message); }
  };
  return (
    <>
      <Button size="small" disabled={review.status !== 'open'} onClick={() => { form.setFieldsValue({ decision: item.decision ?? 'keep', reason: item.reason, replacementId: item.replacementId ?? undefined }); setOpen(true); }}>
        {t('policies.review.decide')}
      </Button>
      <Modal open={open} title={item.title} onOk={submit} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="decision" label={t('policies.review.decision')} rules={[{ required: true }]}>
            <Select options={['keep', 'amend', 'repeal'].map((d) => ({ value: d, label: t(`policies.review.decisions.${d}`) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('policies.review.reason')} rules={[{ required: decision !== 'keep' }]}><Input.TextArea rows={3} /></Form.Item>
          {decision !== 'keep' && <Form.Item name="replacementId" label={t('policies.review.replacement')}><PolicyPicker /></Form.Item>}
        </Form>
      </Modal>
    </>
  );
}

export default function ReviewsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['policy-reviews'], queryFn: policyApi.reviews });
  // a 待办 links here as ?review=<id>: that round opens at once
  const [openId, setOpenId] = useLinkedId('review');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const detail = useQuery({ queryKey: ['policy-review', openId], queryFn: () => policyApi.review(openId!), enabled: openId !== null });
  const refresh = (r: Review) => { client.setQueryData(['policy-review', r.id], r); client.invalidateQueries({ queryKey: ['policy-reviews'] }); };

  const create = async () => {
    const v = await form.validateFields();
    try {
      const r = await policyApi.createReview({ title: v.title, note: v.note ?? '', policyIds: v.policyIds });
      setCreating(false);
      refresh(r);
      setOpenId(r.id);
    } catch (e) { message.error((e as Error).message); }
  };
  const close = async (r: Review) => {
    try { refresh(await policyApi.closeReview(r.id, r.version)); message.success(t('policies.review.closed')); } catch (e) { message.error((e as Error).message); }
  };

  return (
    <AppPage extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setCreating(true); }}>{t('policies.review.new')}</Button>}>
      <Card>
        <Table<Review> rowKey="id" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={false} columns={[
          { title: t('policies.review.title'), dataIndex: 'title', render: (v, r) => <a onClick={() => setOpenId(r.id)}>{v}</a> },
          { title: t('policies.region'), dataIndex: 'regionName', width: 120 },
          { title: t('policies.review.progress'), width: 200, render: (_, r) => <Progress percent={r.total ? Math.round(((r.decided ?? 0) / r.total) * 100) : 0} format={() => `${r.decided}/${r.total}`} size="small" /> },
          { title: t('policies.statusLabel'), dataIndex: 'status', width: 100, render: (s) => <Tag color={s === 'open' ? 'processing' : 'default'}>{t(`policies.review.state.${s}`)}</Tag> },
          { title: t('policies.review.createdAt'), dataIndex: 'createdAt', width: 180, render: (v) => String(v).slice(0, 10) },
        ]} />
      </Card>
      <Modal open={creating} title={t('policies.review.new')} onOk={create} onCancel={() => setCreating(false)} width={640} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t('policies.review.title')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="policyIds" label={t('policies.review.policies')} rules={[{ required: true }]}><PolicyPicker multiple region={user?.regionCode} /></Form.Item>
          <Form.Item name="note" label={t('policies.review.note')}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
      <Drawer open={openId !== null} width={900} onClose={() => setOpenId(null)} title={detail.data?.title}
        extra={detail.data && (
          <Space>
            <Button icon={<FileWordOutlined />} onClick={() => policyApi.reviewReport(detail.data!.id)}>{t('policies.review.report')}</Button>
            {detail.data.status === 'open' && <Button type="primary" onClick={() => close(detail.data!)}>{t('policies.review.close')}</Button>}
          </Space>
        )}>
        {detail.data && (
          <Table<Item> rowKey="policyId" size="small" pagination={false} dataSource={detail.data.items} columns={[
            { title: t('policies.titleLabel'), dataIndex: 'title', render: (v, i) => <Link to={`/policies/${i.policyId}`}>{v}</Link> },
            { title: t('policies.docNumber'), dataIndex: 'docNumber', width: 150 },
            { title: t('policies.review.decision'), dataIndex: 'decision', width: 80, render: (d) => (d ? <Tag color={d === 'keep' ? 'green' : d === 'amend' ? 'orange' : 'red'}>{t(`policies.review.decisions.${d}`)}</Tag> : '—') },
            { title: t('policies.review.reason'), dataIndex: 'reason', render: (v, i) => <>{v}{i.replacementTitle && <div>→ {i.replacementTitle}</div>}</> },
            { title: '', width: 80, render: (_, i) => <Decision review={detail.data!} item={i} onDone={refresh} /> },
          ]} />
        )}
      </Drawer>
    </AppPage>
  );
}
