// 年度评价 (staff): the rounds of their scope with how many platforms are due, have reported and
// are rated; who has not reported yet (expand a round); opening a round with its deadline; closing
// one after the deadline (the server proposes revocation for those that did not report).
import { useState, type Key } from 'react';
import { App, Button, DatePicker, Form, InputNumber, Modal, Popconfirm, Progress, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { useAuth } from '../../auth/AuthContext';
import { useScopedRegions } from '../../components/useRegions';
import { useApiError, useWide } from '../market/shared';
import { platformEvaluationApi, type Round } from './EvaluationApi';

function NonReporters({ round }: { round: Round }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['platform-evaluation', 'non-reporters', round.id], queryFn: () => platformEvaluationApi.nonReporters(round.id) });
  return (
    <div data-testid={`non-reporters-${round.id}`}>
      <Typography.Text strong>{t('platformEvaluation.evaluation.nonReporters')}（{q.data?.items.length ?? '…'}）</Typography.Text>
      <Table size="small" rowKey="id" loading={q.isLoading} pagination={false} dataSource={q.data?.items ?? []} scroll={{ x: 'max-content' }}
        columns={[
          { title: t('platformEvaluation.evaluation.platform'), dataIndex: 'name', render: (v: string, r) => <>{v} {r.draft && <Tag>{t('platformEvaluation.evaluation.draft')}</Tag>}</> },
          { title: t('platformEvaluation.evaluation.level'), dataIndex: 'level', render: (v: string) => t(`platformEvaluation.level.${v}`) },
          { title: t('platformEvaluation.dashboard.region'), dataIndex: 'regionName' },
          { title: t('platformEvaluation.evaluation.host'), dataIndex: 'hostName' },
        ]} />
    </div>
  );
}

function OpenRound({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const regions = useScopedRegions();
  const onError = useApiError();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ regionCode: string; year: number; deadline: Dayjs }>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await platformEvaluationApi.openRound({ regionCode: v.regionCode, year: v.year, deadline: v.deadline.format('YYYY-MM-DD') });
      message.success(t('platformEvaluation.evaluation.opened'));
      await client.invalidateQueries({ queryKey: ['platform-evaluation'] });
      onClose();
    } catch (error) { onError(error, form); }
  };
  return (
    <Modal open={open} title={t('platformEvaluation.evaluation.openRound')} onOk={submit} onCancel={onClose} destroyOnClose>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ regionCode: user?.regionCode ?? undefined, year: new Date().getFullYear() - 1 }}>
        <Form.Item name="regionCode" label={t('platformEvaluation.dashboard.region')} rules={[{ required: true }]}>
          <TreeSelect treeData={regions.scopedOptions} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Form.Item name="year" label={t('platformEvaluation.evaluation.yearEvaluated')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
        <Form.Item name="deadline" label={t('platformEvaluation.evaluation.deadline')} rules={[{ required: true }]}><DatePicker /></Form.Item>
      </Form>
    </Modal>
  );
}

export default function EvaluationRounds() {
  const { t } = useTranslation();
  const wide = useWide();
  const onError = useApiError();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [opening, setOpening] = useState(false);
  // the open rounds start expanded (who has not reported is what staff come for)
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const rounds = useQuery({ queryKey: ['platform-evaluation', 'rounds'], queryFn: () => platformEvaluationApi.rounds() });
  const close = async (r: Round) => {
    try {
      const res = await platformEvaluationApi.closeRound(r.id);
      message.success(t('platformEvaluation.evaluation.closed', { n: res.proposed }));
      await client.invalidateQueries({ queryKey: ['platform-evaluation'] });
    } catch (error) { onError(error); }
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}><Button type="primary" onClick={() => setOpening(true)}>{t('platformEvaluation.evaluation.openRound')}</Button></Space>
      <Table<Round> size="small" rowKey="id" loading={rounds.isLoading} dataSource={rounds.data?.items ?? []} pagination={false} scroll={wide ? undefined : { x: 'max-content' }}
        expandable={{ expandedRowRender: (r) => <NonReporters round={r} />, onExpandedRowsChange: setExpanded,
          expandedRowKeys: expanded ?? rounds.data?.items.filter((r) => r.status === 'open').map((r) => r.id) ?? [] }}
        columns={[
          { title: t('platformEvaluation.evaluation.yearEvaluated'), dataIndex: 'year', width: 90 },
          { title: t('platformEvaluation.dashboard.region'), dataIndex: 'regionName' },
          { title: t('platformEvaluation.evaluation.deadline'), dataIndex: 'deadline' },
          { title: t('platformEvaluation.evaluation.status'), dataIndex: 'status', render: (v: string) => <Tag color={v === 'open' ? 'processing' : 'default'}>{t(`platformEvaluation.evaluation.statuses.${v}`)}</Tag> },
          { title: `${t('platformEvaluation.evaluation.reported')} / ${t('platformEvaluation.evaluation.due')}`, key: 'progress', width: 180,
            render: (_, r) => <Space><Progress percent={r.due ? Math.round((r.reported / r.due) * 100) : 0} size="small" style={{ width: 80 }} showInfo={false} />{r.reported} / {r.due}</Space> },
          { title: t('platformEvaluation.evaluation.rated'), dataIndex: 'rated', align: 'right' },
          { title: '', key: 'actions', render: (_, r) => r.status === 'open' && (
            <Popconfirm title={t('platformEvaluation.evaluation.closeConfirm')} onConfirm={() => close(r)}><Button size="small">{t('platformEvaluation.evaluation.closeRound')}</Button></Popconfirm>) },
        ]} />
      <OpenRound open={opening} onClose={() => setOpening(false)} />
    </>
  );
}
